// A real node in-process on a free loopback port, on both backends: routing, the orgs API,
// paging conventions, the JSON error policy, body limits, request ids and metrics.
#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "node/app/module_list.h"
#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "node/http/json.h"
#include "node/storage/storage_error.h"
#include "tests/support/group_node_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

using testing::Backend;
using testing::HttpCall;
using testing::HttpGet;
using testing::TestDatabase;

Poco::JSON::Object::Ptr Json(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

// A module that exists only here, to drive the request pipeline through paths no shipped
// route takes yet (JSON bodies, defects, storage outages).
module::Module ProbeModule() {
  module::Module probe;
  probe.name = "probe";
  probe.permissions = {{"probe:read", "test only", {"group_analyst"}},
                       {"probe:write", "test only", {"group_analyst"}}};
  probe.start = [](module::ModuleContext&) {
    return std::vector<http::Route>{
        {"POST", "/api/v1/probe/echo", "probe:write",
         [](const http::HttpRequest& request) {
           auto body = http::ParseJsonObject(request.body);
           Poco::JSON::Object out;
           out.set("name", http::RequireString(*body, "name"));
           return http::HttpResponse::Json(201, http::ToJson(out));
         },
         "Echoes the name of a JSON body."},
        {"GET", "/api/v1/probe/defect", "probe:read",
         [](const http::HttpRequest&) -> http::HttpResponse {
           throw std::runtime_error("secret detail that must not reach the client");
         },
         "Fails like a defect would."},
        {"GET", "/api/v1/probe/headers", http::kPublic,
         [](const http::HttpRequest&) {
           auto out = http::HttpResponse::Json(200, "{\"probe\":\"headers\"}");
           out.headers = {{"Cache-Control", "max-age=5"},
                          {"X-Probe", "first"},
                          {"Set-Cookie", "a=1"},
                          {"X-Probe", "second"},
                          {"Set-Cookie", "b=2"}};
           return out;
         },
         "Answers with repeated and default-replacing headers."},
        {"GET", "/api/v1/probe/large", http::kPublic,
         [](const http::HttpRequest&) {
           // Larger than one write of head and body together; a handler's framing headers
           // are not passed on.
           auto out = http::HttpResponse::Json(200, "\"" + std::string(100000, 'x') + "\"");
           out.headers = {{"Content-Length", "5"}, {"Connection", "close"}};
           return out;
         },
         "Answers with a body larger than one write."},
        {"GET", "/api/v1/probe/slow", http::kPublic,
         [](const http::HttpRequest&) {
           std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // past keep-alive
           return http::HttpResponse::Json(200, "{\"probe\":\"slow\"}");
         },
         "Answers after longer than the keep-alive timeout."},
        {"GET", "/api/v1/probe/storage-down", "probe:read",
         [](const http::HttpRequest&) -> http::HttpResponse {
           throw storage::StorageError(storage::StorageErrorKind::kUnavailable, "down");
         },
         "Fails like a database outage would."},
    };
  };
  return probe;
}

// Sends `text` on a new connection and returns everything the server writes until it closes.
std::string RawExchange(std::uint16_t port, const std::string& text) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  socket.sendBytes(text.data(), static_cast<int>(text.size()));
  std::string answer;
  char buffer[4096];
  for (int got; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) {
    answer.append(buffer, static_cast<std::size_t>(got));
  }
  return answer;
}

// The header lines named `name` (case as sent) in one answer's head.
std::vector<std::string> HeaderLines(const std::string& head, const std::string& name) {
  std::vector<std::string> values;
  const std::string prefix = "\r\n" + name + ": ";
  for (auto at = head.find(prefix); at != std::string::npos; at = head.find(prefix, at + 1)) {
    const auto start = at + prefix.size();
    values.push_back(head.substr(start, head.find("\r\n", start) - start));
  }
  return values;
}

class HttpServerTest : public testing::GroupNodeTest {
 protected:
  void SetUpBackend() override {
    config::NodeConfig config = NodeConfig();
    config.http.max_body_bytes = 4096;
    config.http.keep_alive_timeout_s = 1;
    auto modules = app::AllModules();
    modules.push_back(ProbeModule());
    StartNode(config, std::move(modules));
    port_ = runtime_->http_port();
    analyst_ = AddUser("analyst", "CN", {"group_analyst"});
  }

  testing::HttpResult Get(const std::string& target) {
    return HttpCall(port_, "GET", target, "", testing::BearerHeader(analyst_));
  }
  testing::HttpResult Call(const std::string& method, const std::string& target,
                           const std::string& body = "") {
    return HttpCall(port_, method, target, body, testing::BearerHeader(analyst_));
  }

  std::uint16_t port_ = 0;
  testing::TestUser analyst_;
};

TEST_P(HttpServerTest, HealthAndReadinessNameTheNode) {
  const auto health = HttpGet(port_, "/healthz");
  EXPECT_EQ(200, health.status);
  EXPECT_EQ("test-group", Json(health.body)->getValue<std::string>("nodeId"));
  EXPECT_EQ("group", Json(health.body)->getValue<std::string>("level"));
  const auto ready = HttpGet(port_, "/readyz");
  EXPECT_EQ(200, ready.status);
  EXPECT_EQ(testing::BackendName(GetParam()), Json(ready.body)->getValue<std::string>("storage"));
}

TEST_P(HttpServerTest, OrgListPagesFiltersAndCounts) {
  const auto page = Get("/api/v1/orgs?level=province&limit=10&offset=20&sort=code");
  ASSERT_EQ(200, page.status) << page.body;
  const auto body = Json(page.body);
  EXPECT_EQ(31, body->getValue<int>("total"));
  EXPECT_EQ("31", page.Header("X-Total-Count"));
  const auto items = body->getArray("items");
  ASSERT_EQ(10u, items->size());
  EXPECT_EQ("460000", items->getObject(0)->getValue<std::string>("code"));  // 21st by code

  const auto guangdong = Json(Get("/api/v1/orgs?parent=440000").body);
  EXPECT_EQ(4, guangdong->getValue<int>("total"));
  const auto search = Json(Get("/api/v1/orgs?q=%E5%B9%BF%E5%B7%9E").body);  // 广州
  ASSERT_EQ(1, search->getValue<int>("total"));
  EXPECT_EQ("440100", search->getArray("items")->getObject(0)->getValue<std::string>("code"));
}

TEST_P(HttpServerTest, BadListParametersAre400NamingTheParameter) {
  for (const std::string query :
       {"limit=0", "limit=abc", "offset=-1", "sort=secret", "level=city"}) {
    const auto result = Get("/api/v1/orgs?" + query);
    EXPECT_EQ(400, result.status) << query;
    const auto error = Json(result.body)->getObject("error");
    EXPECT_EQ("invalid_parameter", error->getValue<std::string>("code")) << query;
    EXPECT_EQ(query.substr(0, query.find('=')), error->getValue<std::string>("field")) << query;
  }
}

TEST_P(HttpServerTest, OneOrgWithChildrenAndPath) {
  const auto result = Get("/api/v1/orgs/440000");
  ASSERT_EQ(200, result.status);
  const auto body = Json(result.body);
  EXPECT_EQ("广东省", body->getValue<std::string>("name"));
  EXPECT_EQ(4u, body->getArray("children")->size());
  EXPECT_EQ("CN", body->getArray("path")->getObject(0)->getValue<std::string>("code"));
  const auto tree = Json(Get("/api/v1/orgs/tree").body);
  EXPECT_EQ(31u, tree->getArray("children")->size());
}

TEST_P(HttpServerTest, UnknownOrgAndUnknownPathAre404Json) {
  for (const std::string target : {"/api/v1/orgs/999999", "/no/such/path"}) {
    const auto result = Get(target);
    EXPECT_EQ(404, result.status) << target;
    EXPECT_EQ("not_found", Json(result.body)->getObject("error")->getValue<std::string>("code"));
  }
}

TEST_P(HttpServerTest, WithAConsoleEveryPathNoRouteTakesIsTheConsoleButTheApiStaysJson) {
  const std::string web = testing::MakeTempDir("mams-console");
  Poco::File(web + "/assets").createDirectories();
  std::ofstream(web + "/index.html") << "<!doctype html><title>MAMS</title>";
  std::ofstream(web + "/assets/app-1a2b.js") << "console.log(1);";
  // Its own database: one node process (here one runtime) per SQLite file.
  const testing::TestDatabase console_db(GetParam());
  config::NodeConfig config = testing::GroupNodeConfig("console-group", console_db.section());
  config.http.web_root = web;
  app::NodeRuntime console(config);
  console.Start();
  const auto port = console.http_port();
  for (const std::string path : {"/", "/customers/42", "/login?next=%2Fcustomers"}) {
    const auto page = HttpGet(port, path);
    EXPECT_EQ(200, page.status) << path;
    EXPECT_EQ("text/html; charset=utf-8", page.Header("Content-Type")) << path;
    EXPECT_EQ("no-cache", page.Header("Cache-Control")) << path;
    EXPECT_NE(std::string::npos, page.Header("Content-Security-Policy").find("script-src 'self'"));
  }
  const auto script = HttpGet(port, "/assets/app-1a2b.js");
  EXPECT_EQ("public, max-age=31536000, immutable", script.Header("Cache-Control"));
  EXPECT_EQ(404, HttpGet(port, "/assets/app-0000.js").status);
  // The API keeps its JSON answers and its own headers.
  const auto missing = HttpGet(port, "/api/v1/no/such/path");
  EXPECT_EQ(404, missing.status);
  EXPECT_EQ("not_found", Json(missing.body)->getObject("error")->getValue<std::string>("code"));
  EXPECT_EQ("no-store", HttpGet(port, "/api/v1").Header("Cache-Control"));
  EXPECT_EQ("mams-node", Json(HttpGet(port, "/api/v1").body)->getValue<std::string>("service"));
  EXPECT_EQ(404, HttpCall(port, "POST", "/customers/42").status);  // the console only reads
  // HEAD: the length of the page, and no page.
  const std::string head =
      RawExchange(port, "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(0u, head.find("HTTP/1.1 200 OK\r\n")) << head;
  EXPECT_EQ(std::vector<std::string>{"34"}, HeaderLines(head, "Content-Length"));
  EXPECT_EQ(head.size(), head.find("\r\n\r\n") + 4) << head;
  console.Stop();
  testing::RemoveTree(web);
}

TEST_P(HttpServerTest, WrongMethodIs405WithAllow) {
  const auto result = Call("DELETE", "/api/v1/orgs");
  EXPECT_EQ(405, result.status);
  EXPECT_EQ("GET", result.Header("Allow"));
}

TEST_P(HttpServerTest, MalformedJsonIs400AndMissingFieldIs422) {
  const auto malformed = Call("POST", "/api/v1/probe/echo", "{\"name\": ");
  EXPECT_EQ(400, malformed.status);
  EXPECT_EQ("invalid_json",
            Json(malformed.body)->getObject("error")->getValue<std::string>("code"));
  const auto not_object = Call("POST", "/api/v1/probe/echo", "[1,2]");
  EXPECT_EQ(400, not_object.status);
  const auto missing = Call("POST", "/api/v1/probe/echo", "{}");
  EXPECT_EQ(422, missing.status);
  EXPECT_EQ("name", Json(missing.body)->getObject("error")->getValue<std::string>("field"));
  const auto ok = Call("POST", "/api/v1/probe/echo", "{\"name\":\"大客户\"}");
  EXPECT_EQ(201, ok.status);
  EXPECT_EQ("大客户", Json(ok.body)->getValue<std::string>("name"));
}

TEST_P(HttpServerTest, OversizedBodyIs413AndConnectionCloses) {
  const std::string big = "{\"name\":\"" + std::string(5000, 'x') + "\"}";
  const auto result = Call("POST", "/api/v1/probe/echo", big);
  EXPECT_EQ(413, result.status);
  EXPECT_EQ("body_too_large", Json(result.body)->getObject("error")->getValue<std::string>("code"));
  EXPECT_EQ("close", Poco::toLower(result.Header("Connection")));
}

TEST_P(HttpServerTest, DefectIs500WithRequestIdAndNoDetail) {
  const auto result = Get("/api/v1/probe/defect");
  EXPECT_EQ(500, result.status);
  EXPECT_EQ(std::string::npos, result.body.find("secret"));
  EXPECT_EQ(result.Header("X-Request-Id"),
            Json(result.body)->getObject("error")->getValue<std::string>("requestId"));
}

TEST_P(HttpServerTest, StorageOutageIs503WithRetryAfter) {
  const auto result = Get("/api/v1/probe/storage-down");
  EXPECT_EQ(503, result.status);
  EXPECT_EQ("1", result.Header("Retry-After"));
}

TEST_P(HttpServerTest, RequestIdIsEchoedWhenSafeAndReplacedWhenNot) {
  const auto kept = HttpCall(port_, "GET", "/healthz", "", {{"X-Request-Id", "trace-42.a_b"}});
  EXPECT_EQ("trace-42.a_b", kept.Header("X-Request-Id"));
  const auto replaced = HttpCall(port_, "GET", "/healthz", "", {{"X-Request-Id", "bad id\"<x>"}});
  EXPECT_FALSE(replaced.Header("X-Request-Id").empty());
  EXPECT_NE("bad id\"<x>", replaced.Header("X-Request-Id"));
}

TEST_P(HttpServerTest, MetricsCountRequestsPerRouteAndPool) {
  Get("/api/v1/orgs");
  Get("/api/v1/orgs/nope");
  const auto metrics = HttpGet(port_, "/metrics");
  EXPECT_EQ(200, metrics.status);
  EXPECT_NE(
      std::string::npos,
      metrics.body.find(
          "mams_http_requests_total{method=\"GET\",route=\"/api/v1/orgs\",status=\"2xx\"} 1"));
  EXPECT_NE(std::string::npos,
            metrics.body.find("route=\"/api/v1/orgs/{code}\",status=\"4xx\"} 1"));
  EXPECT_NE(std::string::npos, metrics.body.find("mams_storage_pool_in_use"));
  EXPECT_NE(std::string::npos, metrics.body.find("mams_http_request_duration_seconds_bucket"));
}

TEST_P(HttpServerTest, EveryRouteDeclaresAPermission) {
  const auto routes = Json(Get("/api/v1/routes").body)->getArray("items");
  ASSERT_GT(routes->size(), 5u);
  for (std::size_t i = 0; i < routes->size(); ++i) {
    EXPECT_FALSE(
        routes->getObject(static_cast<unsigned>(i))->getValue<std::string>("permission").empty());
  }
}

TEST_P(HttpServerTest, AnswerHeadsAreHttp11AndCarryTheHandlersHeaders) {
  // Two requests on one HTTP/1.1 connection: both answered whole, then closed as asked.
  const std::string two =
      RawExchange(port_,
                  "GET /api/v1/probe/headers HTTP/1.1\r\nHost: x\r\n\r\n"
                  "GET /api/v1/probe/headers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto second = two.find("HTTP/1.1 200 OK\r\n", 1);
  ASSERT_EQ(0u, two.find("HTTP/1.1 200 OK\r\n")) << two;
  ASSERT_NE(std::string::npos, second) << two;
  for (const std::string& answer : {two.substr(0, second), two.substr(second)}) {
    const auto end_of_head = answer.find("\r\n\r\n");
    ASSERT_NE(std::string::npos, end_of_head) << answer;
    const std::string head = answer.substr(0, end_of_head + 2);
    const std::string body = answer.substr(end_of_head + 4);
    EXPECT_EQ("{\"probe\":\"headers\"}", body);
    EXPECT_EQ(std::vector<std::string>{std::to_string(body.size())},
              HeaderLines(head, "Content-Length"));
    EXPECT_EQ(std::vector<std::string>{"max-age=5"}, HeaderLines(head, "Cache-Control"));
    EXPECT_EQ(std::vector<std::string>{"second"}, HeaderLines(head, "X-Probe"));
    EXPECT_EQ((std::vector<std::string>{"a=1", "b=2"}), HeaderLines(head, "Set-Cookie"));
    EXPECT_EQ(std::vector<std::string>{"nosniff"}, HeaderLines(head, "X-Content-Type-Options"));
    EXPECT_EQ(1u, HeaderLines(head, "Date").size());
    EXPECT_EQ(1u, HeaderLines(head, "X-Request-Id").size());
  }
  EXPECT_EQ(std::vector<std::string>{"keep-alive"},
            HeaderLines(two.substr(0, second), "Connection"));
  EXPECT_EQ(std::vector<std::string>{"close"}, HeaderLines(two.substr(second), "Connection"));

  // A large body follows its head whole, framed by our length and POCO's keep-alive only.
  const std::string large = RawExchange(
      port_, "GET /api/v1/probe/large HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  const auto large_head_end = large.find("\r\n\r\n");
  ASSERT_NE(std::string::npos, large_head_end);
  EXPECT_EQ(100002u, large.size() - large_head_end - 4);
  EXPECT_EQ(std::vector<std::string>{"100002"}, HeaderLines(large, "Content-Length"));
  EXPECT_EQ(std::vector<std::string>{"close"}, HeaderLines(large, "Connection"));

  // HTTP/1.0 is answered on an HTTP/1.1 status line, the highest version this server
  // speaks (RFC 9110 §6.2), and the connection closes after the body.
  const std::string old = RawExchange(port_, "GET /healthz HTTP/1.0\r\n\r\n");
  EXPECT_EQ(0u, old.find("HTTP/1.1 200 OK\r\n")) << old;
  EXPECT_EQ(std::vector<std::string>{"close"}, HeaderLines(old, "Connection"));
  EXPECT_NE(std::string::npos, old.find("\"status\":\"ok\""));
}

// The keep-alive wait starts when an answer has left, not when its request arrived: after
// an answer that took longer than the wait, the connection still takes the next request.
TEST_P(HttpServerTest, AKeptAliveConnectionOutlivesALongAnswer) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port_));
  socket.setReceiveTimeout(Poco::Timespan(5, 0));
  const std::string first = "GET /api/v1/probe/slow HTTP/1.1\r\nHost: x\r\n\r\n";
  socket.sendBytes(first.data(), static_cast<int>(first.size()));
  std::string answer;
  char buffer[4096];
  while (answer.find("{\"probe\":\"slow\"}") == std::string::npos) {
    const int got = socket.receiveBytes(buffer, sizeof buffer);
    ASSERT_GT(got, 0) << answer;
    answer.append(buffer, static_cast<std::size_t>(got));
  }
  // Longer than a worker waits on the connection, well within the keep-alive timeout.
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  const std::string second = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  socket.sendBytes(second.data(), static_cast<int>(second.size()));
  std::string next;
  try {
    for (int got; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) {
      next.append(buffer, static_cast<std::size_t>(got));
    }
  } catch (const Poco::Exception& e) {
    ADD_FAILURE() << e.displayText();
  }
  EXPECT_EQ(0u, next.find("HTTP/1.1 200 OK\r\n")) << next;
}

TEST_P(HttpServerTest, GarbageOnTheSocketDoesNotStopTheServer) {
  {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port_));
    const std::string junk = "\x01\x02 NOT HTTP\r\n\r\n";
    socket.sendBytes(junk.data(), static_cast<int>(junk.size()));
    char buffer[256];
    socket.setReceiveTimeout(Poco::Timespan(2, 0));
    try {
      socket.receiveBytes(buffer, sizeof buffer);
    } catch (const Poco::Exception&) {
      // Either an error response or a closed connection is fine; a crash is not.
    }
  }
  EXPECT_EQ(200, HttpGet(port_, "/healthz").status);
}

// A provincial node serves its own subtree only: other provinces and the group are 404.
TEST(ProvinceNodeTest, ServesOnlyItsSubtree) {
  Poco::Logger::root().setLevel("warning");
  TestDatabase db(Backend::kSqlite);
  config::NodeConfig config;
  config.source_file = "test";
  config.node.id = "gd";
  config.node.level = config::Level::kProvince;
  config.node.org = "440000";
  config.node.parent = "tcp://group:7600";
  config.http.port = 0;
  config.storage = db.section();
  app::NodeRuntime runtime(config);
  runtime.Start();
  const auto port = runtime.http_port();
  const auto user = testing::AddTestUser(runtime.storage(), "hq-analyst", "CN", {"group_analyst"},
                                         SystemClock().NowMs());
  auto HttpGet = [&user](std::uint16_t p, const std::string& target) {
    return HttpCall(p, "GET", target, "", testing::BearerHeader(user));
  };
  const auto list = Json(HttpGet(port, "/api/v1/orgs").body);
  EXPECT_EQ(5, list->getValue<int>("total"));  // 广东省 and its four local networks
  EXPECT_EQ("440000", list->getArray("items")->getObject(0)->getValue<std::string>("code"));
  EXPECT_EQ(200, HttpGet(port, "/api/v1/orgs/440300").status);
  EXPECT_EQ(404, HttpGet(port, "/api/v1/orgs/110000").status);  // Beijing: another province
  EXPECT_EQ(404, HttpGet(port, "/api/v1/orgs/CN").status);      // the group above
  const auto gz = Json(HttpGet(port, "/api/v1/orgs/440100").body);
  ASSERT_EQ(1u, gz->getArray("path")->size());  // the path starts at the served root
  EXPECT_EQ("440000", gz->getArray("path")->getObject(0)->getValue<std::string>("code"));
  // Only the served province among the group's children.
  EXPECT_EQ(1, Json(HttpGet(port, "/api/v1/orgs?parent=CN").body)->getValue<int>("total"));
}

MAMS_TEST_ON_BOTH_BACKENDS(HttpServerTest);

}  // namespace
}  // namespace mams
