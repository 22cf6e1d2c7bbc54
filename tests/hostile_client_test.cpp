// A hostile client against the real mams-node binary on both backends: every finding of the
// hardening probe replayed as the attacker sent it (raw sockets where an HTTP client would
// not send such bytes), and what the node must answer instead.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "node/common/clock.h"
#include "node/storage/storage.h"
#include "tests/support/cluster_node.h"
#include "tests/support/credit_codes.h"
#include "tests/support/http_client.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

using testing::ClusterNode;
using testing::HttpCall;
using Clock = std::chrono::steady_clock;

constexpr int kHeadTimeoutS = 2;
constexpr int kWorkers = 16;

Poco::JSON::Object::Ptr Json(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

// Sends `bytes` on a new connection and returns all the node writes until it closes the
// connection or `wait_s` passes with nothing more ("" + "<timeout>" then).
std::string Exchange(std::uint16_t port, const std::string& bytes, int wait_s = 5) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setReceiveTimeout(Poco::Timespan(wait_s, 0));
  socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  std::string answer;
  char buffer[8192];
  try {
    for (int got; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) {
      answer.append(buffer, static_cast<std::size_t>(got));
    }
  } catch (const Poco::TimeoutException&) {
    answer += "<timeout>";
  } catch (const Poco::Net::ConnectionResetException&) {
    answer += "<reset>";
  }
  return answer;
}

int StatusOf(const std::string& answer) {
  return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(answer.substr(9, 3)) : 0;
}

int CountAnswers(const std::string& bytes) {
  int count = 0;
  for (auto at = bytes.find("HTTP/1.1 "); at != std::string::npos;
       at = bytes.find("HTTP/1.1 ", at + 1)) {
    ++count;
  }
  return count;
}

class HostileClientTest : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    const testing::TestDatabase probe(GetParam());
    MAMS_REQUIRE_BACKEND(probe);
    root_ = testing::MakeTempDir("mams-hostile");
    node_ = ClusterNode::Make(root_, "hostile-group", "group", "CN", GetParam());
    // Few workers, so that anything holding one per slow client would starve the rest.
    node_.http_options = "max_threads: " + std::to_string(kWorkers) +
                         ", head_timeout_s: " + std::to_string(kHeadTimeoutS) +
                         ", max_body_bytes: 4096";
    node_.log_level = "information";
    node_.WriteConfig(nullptr, {});
    node_.Start();
    ASSERT_TRUE(node_.Healthy()) << node_.process->Log();
    auto storage = node_.db->Open();
    const auto now = SystemClock().NowMs();
    manager_ = testing::AddTestUser(*storage, "gz-am", "440100", {"account_manager"}, now);
    colleague_ = testing::AddTestUser(*storage, "gz-am2", "440100", {"account_manager"}, now);
    admin_ = testing::AddTestUser(*storage, "gd-pm", "440000", {"province_manager"}, now);
  }

  void TearDown() override {
    node_.process.reset();
    if (!HasFailure()) {
      testing::RemoveTree(root_);
    }
  }

  std::uint16_t port() const { return node_.http_port; }

  testing::HttpResult Call(const testing::TestUser& user, const std::string& method,
                           const std::string& target, const std::string& body = "") {
    return HttpCall(port(), method, target, body, testing::BearerHeader(user));
  }

  std::string CreateCustomer(const testing::TestUser& user, int n, const std::string& extra = "") {
    const auto created =
        Call(user, "POST", "/api/v1/customers",
             "{\"name\":\"攻防测试客户" + std::to_string(n) + "\",\"creditCode\":\"" +
                 testing::CreditCodeFor(n) +
                 "\",\"industry\":\"I\",\"level\":\"local\",\"org\":\"440100\"" + extra + "}");
    EXPECT_EQ(201, created.status) << created.body;
    return created.status == 201 ? Json(created.body)->getValue<std::string>("id") : "";
  }

  std::string NodeLog() const { return testing::ReadFile(node_.dir + "/node.log"); }

  std::string root_;
  ClusterNode node_;
  testing::TestUser manager_, colleague_, admin_;
};

// Finding 2: the body of a request answered without its handler (404, 405, 401) was left
// on the connection and read as the next request, with the next client's credentials.
TEST_P(HostileClientTest, AnUnreadBodyCannotBecomeTheNextRequest) {
  const std::string id = CreateCustomer(admin_, 1);
  ASSERT_FALSE(id.empty());
  const std::string smuggled = "DELETE /api/v1/customers/" + id + " HTTP/1.1\r\nX-Pad: ";
  const std::string victim = "GET /api/v1/customers/" + id +
                             " HTTP/1.1\r\nHost: n\r\nAuthorization: Bearer " + admin_.token +
                             "\r\nConnection: close\r\n\r\n";
  for (const std::string& carrier : {std::string("POST /no/such/path"), std::string("PUT /healthz"),
                                     std::string("POST /api/v1/customers")}) {
    const std::string attack = carrier + " HTTP/1.1\r\nHost: n\r\nContent-Type: application/json"
                               "\r\nContent-Length: " + std::to_string(smuggled.size()) +
                               "\r\n\r\n" + smuggled;
    const std::string answers = Exchange(port(), attack + victim);
    EXPECT_EQ(2, CountAnswers(answers)) << carrier << "\n" << answers;
    EXPECT_NE(std::string::npos, answers.find("攻防测试客户1")) << carrier << "\n" << answers;
    EXPECT_EQ(200, Call(admin_, "GET", "/api/v1/customers/" + id).status) << carrier;
  }
  // The same with chunks: the declared chunks are read whole, nothing more.
  const std::string chunked = "POST /no/such/path HTTP/1.1\r\nHost: n\r\nTransfer-Encoding: "
                              "chunked\r\n\r\n" +
                              [&] {
                                char size[16];
                                std::snprintf(size, sizeof size, "%zx", smuggled.size());
                                return std::string(size);
                              }() +
                              "\r\n" + smuggled + "\r\n0\r\n\r\n";
  EXPECT_EQ(2, CountAnswers(Exchange(port(), chunked + victim)));
  EXPECT_EQ(200, Call(admin_, "GET", "/api/v1/customers/" + id).status);
}

// Finding 3: framing follows RFC 9112; every refusal is answered at once, as JSON with the
// security headers, on an HTTP/1.1 status line, and closes the connection.
TEST_P(HostileClientTest, FramingThatCouldBeReadTwoWaysIsRefusedAtOnce) {
  const std::string post = "POST /api/v1/auth/login HTTP/1.1\r\nHost: n\r\n";
  const struct {
    const char* name;
    std::string bytes;
    int status;
  } cases[] = {
      {"conflicting lengths", post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x", 400},
      {"signed length", post + "Content-Length: +2\r\n\r\n{}", 400},
      {"padded length", post + "Content-Length: 002\r\n\r\n{}", 400},
      {"non-numeric length", post + "Content-Length: two\r\n\r\n{}", 400},
      {"xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n", 501},
      {"gzip", post + "Transfer-Encoding: gzip\r\n\r\n", 501},
      {"chunked, identity", post + "Transfer-Encoding: chunked, identity\r\n\r\n", 501},
      {"length and chunks", post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"HTTP/0.9", "GET /healthz\r\n", 505},
      {"HTTP/9.9", "GET /healthz HTTP/9.9\r\nHost: n\r\n\r\n", 505},
      {"markup version", "GET /healthz <b>x</b>\r\nHost: n\r\n\r\n", 400},
      {"over the limit, expecting 100", post + "Content-Type: application/json\r\n"
                                               "Expect: 100-continue\r\nContent-Length: 999999\r\n\r\n",
       413},
      {"long target", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: n\r\n\r\n", 414},
      {"many headers", "GET /healthz HTTP/1.1\r\nHost: n\r\n" + [] {
         std::string fields;
         for (int i = 0; i < 150; ++i) {
           fields += "X-" + std::to_string(i) + ": 1\r\n";
         }
         return fields;
       }() + "\r\n", 431},
      {"huge header", "GET /healthz HTTP/1.1\r\nHost: n\r\nX-Big: " + std::string(20000, 'a') +
                          "\r\n\r\n", 431},
      {"bad chunk", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
  };
  for (const auto& probe : cases) {
    const auto started = Clock::now();
    const std::string answer = Exchange(port(), probe.bytes);
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(3)) << probe.name;
    EXPECT_EQ(probe.status, StatusOf(answer)) << probe.name << "\n" << answer;
    EXPECT_EQ(std::string::npos, answer.find("100 Continue")) << probe.name;
    EXPECT_NE(std::string::npos, answer.find("\r\nConnection: close\r\n")) << probe.name;
    EXPECT_NE(std::string::npos, answer.find("\r\nX-Content-Type-Options: nosniff\r\n"))
        << probe.name;
    const auto body = answer.find("\r\n\r\n");
    ASSERT_NE(std::string::npos, body) << probe.name;
    EXPECT_TRUE(Json(answer.substr(body + 4))->getObject("error")->has("code")) << probe.name;
  }
  // A body within the limit gets its 100 Continue, then the answer.
  const std::string expected =
      Exchange(port(), post + "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                              "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
  EXPECT_EQ(0u, expected.find("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 422 ")) << expected;
  EXPECT_EQ(200, testing::HttpGet(port(), "/healthz").status);
}

// Finding 4: clients that send a header line every second hold no worker; real users keep
// being answered, and the slow ones are cut off at the head deadline.
TEST_P(HostileClientTest, SlowClientsCannotStarveRealUsers) {
  constexpr int kSlow = 300;  // far more than the node's workers
  std::vector<std::unique_ptr<Poco::Net::StreamSocket>> slow;
  for (int i = 0; i < kSlow; ++i) {
    slow.push_back(std::make_unique<Poco::Net::StreamSocket>(
        Poco::Net::SocketAddress("127.0.0.1", port())));
    slow.back()->sendBytes("GET /healthz HTTP/1.1\r\n", 23);
  }
  std::chrono::milliseconds slowest{0};
  for (int second = 0; second < kHeadTimeoutS + 1; ++second) {
    for (auto& socket : slow) {
      try {
        socket->sendBytes("X-Slow: 1\r\n", 11);
      } catch (const Poco::Exception&) {
        // cut off already: what should happen
      }
    }
    for (int i = 0; i < 10; ++i) {
      const auto started = Clock::now();
      EXPECT_EQ(200, testing::HttpGet(port(), "/healthz").status);
      slowest = std::max(slowest, std::chrono::duration_cast<std::chrono::milliseconds>(
                                      Clock::now() - started));
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  // Generous: a starved node answers after the slow clients give up, seconds later.
  EXPECT_LT(slowest.count(), 1000);
  int timed_out = 0;
  for (auto& socket : slow) {
    socket->setReceiveTimeout(Poco::Timespan(2, 0));
    char buffer[512];
    try {
      const int got = socket->receiveBytes(buffer, sizeof buffer);
      timed_out += got > 0 && std::string(buffer, static_cast<std::size_t>(got))
                                      .rfind("HTTP/1.1 408 ", 0) == 0;
    } catch (const Poco::Exception&) {
    }
  }
  EXPECT_EQ(kSlow, timed_out);
}

// Finding 5: what a client puts in its path cannot start a log line or reach a terminal.
TEST_P(HostileClientTest, ALogLineCannotBeForged) {
  EXPECT_EQ(404, testing::HttpGet(port(), "/api/v1/x%0d%0a2001-01-01T00:00:00.000Z%20E%20mams."
                                          "http:%20forged%1b%5b31m")
                     .status);
  node_.process->Terminate();  // the log file is buffered until the node stops
  const std::string log = NodeLog();
  ASSERT_NE(std::string::npos, log.find("forged")) << log;
  EXPECT_EQ(std::string::npos, log.find("\n2001-01-01")) << log;
  EXPECT_EQ(std::string::npos, log.find('\x1b')) << log;
  EXPECT_NE(std::string::npos, log.find("/api/v1/x\\r\\n2001-01-01")) << log;
}

// Finding 7: a JSON route takes JSON only; an unknown member is named, not echoed whole; a
// refusal for size names its caller in the audit log.
TEST_P(HostileClientTest, SmallerFindingsStayFixed) {
  const auto form = HttpCall(port(), "POST", "/api/v1/customers", "name=x",
                             {{"Authorization", "Bearer " + admin_.token},
                              {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(415, form.status) << form.body;

  const auto unknown_member =
      Call(admin_, "POST", "/api/v1/customers", "{\"" + std::string(3000, 'k') + "\":1}");
  EXPECT_EQ(422, unknown_member.status) << unknown_member.body.substr(0, 200);
  EXPECT_LT(unknown_member.body.size(), 1024u);

  const auto large =
      Call(admin_, "POST", "/api/v1/customers", "{\"name\":\"" + std::string(5000, 'x') + "\"}");
  EXPECT_EQ(413, large.status);
  auto storage = node_.db->Open();
  const auto rows = storage->Open()->Query(
      "SELECT username FROM audit_log WHERE action = 'request.rejected' AND detail LIKE '413%'",
      {});
  ASSERT_EQ(1u, rows.size());
  EXPECT_EQ("gd-pm", rows[0].Text(0));
}

// Finding 1: an account manager who takes themselves off a customer's managers got the
// change committed and the node killed; now the row as written, and the node lives.
TEST_P(HostileClientTest, AManagerWhoHandsACustomerOverCannotKillTheNode) {
  const std::string id =
      CreateCustomer(manager_, 2, ",\"managers\":[\"" + colleague_.id + "\"]");
  ASSERT_FALSE(id.empty());
  const auto patched =
      Call(manager_, "PATCH", "/api/v1/customers/" + id, "{\"managers\":[\"" + colleague_.id + "\"]}");
  EXPECT_EQ(200, patched.status) << patched.body;
  EXPECT_EQ("true", patched.Header("X-MAMS-Out-Of-Scope"));
  EXPECT_EQ(200, testing::HttpGet(port(), "/healthz").status);
  EXPECT_EQ(404, Call(manager_, "GET", "/api/v1/customers/" + id).status);
  EXPECT_EQ(200, Call(colleague_, "GET", "/api/v1/customers/" + id).status);
}

// Finding 6 and 7a: a NUL in free text is refused naming the field; % in a search is a
// percent sign, not "anything".
TEST_P(HostileClientTest, StoredTextTakesNoControlsAndSearchesNoWildcards) {
  const auto nul = Call(admin_, "POST", "/api/v1/customers",
                        "{\"name\":\"控制字符\",\"creditCode\":\"" + testing::CreditCodeFor(3) +
                            "\",\"industry\":\"I\",\"level\":\"local\",\"org\":\"440100\","
                            "\"remarks\":\"a\\u0000b\"}");
  EXPECT_EQ(422, nul.status) << nul.body;
  EXPECT_EQ("remarks", Json(nul.body)->getObject("error")->getValue<std::string>("field"));
  CreateCustomer(admin_, 4);
  const auto everything = Call(admin_, "GET", "/api/v1/customers?q=%25");
  ASSERT_EQ(200, everything.status) << everything.body;
  EXPECT_EQ(0, Json(everything.body)->getArray("items")->size()) << everything.body;
}

// Finding 8: a name that exists and one that does not are told apart by nothing.
TEST_P(HostileClientTest, LockoutDoesNotRevealWhichNamesExist) {
  std::vector<int> known, unknown;
  for (int attempt = 1; attempt <= 6; ++attempt) {
    const std::string body = "\",\"password\":\"Wrong-Password-" + std::to_string(attempt) + "\"}";
    known.push_back(HttpCall(port(), "POST", "/api/v1/auth/login",
                             "{\"username\":\"gz-am" + body).status);
    unknown.push_back(HttpCall(port(), "POST", "/api/v1/auth/login",
                               "{\"username\":\"no-such-user" + body).status);
  }
  EXPECT_EQ(known, unknown);
  EXPECT_EQ(429, unknown.back());
  // The lock ends no session: the manager's token still works.
  EXPECT_EQ(200, Call(manager_, "GET", "/api/v1/customers").status);
}

MAMS_TEST_ON_BOTH_BACKENDS(HostileClientTest);

}  // namespace
}  // namespace mams
