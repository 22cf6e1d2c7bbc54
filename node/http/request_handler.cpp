#include "node/http/request_handler.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <netinet/in.h>
#include <openssl/rand.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <istream>

#include "node/auth/request_guard.h"
#include "node/common/errors.h"
#include "node/http/json.h"
#include "node/http/router.h"
#include "node/logging/logging.h"
#include "node/metrics/metrics.h"
#include "node/storage/storage_error.h"
#include "node/web/static_site.h"

namespace mams::http {
namespace {

constexpr std::size_t kMaxRequestIdLength = 64;
// An answer up to this size is copied behind its head and written once; a larger one (an
// export) is written after it, not copied.
constexpr std::size_t kOneWriteBytes = 64 * 1024;
constexpr std::size_t kHeadReserve = 768;
constexpr std::size_t kMaxWriteBytes = 1 << 30;
constexpr std::string_view kJsonType = "application/json; charset=utf-8";

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// The headers of every answer, made once (POCO's header calls take std::string). API
// answers are personal data: never cached, never framed, never sniffed.
const HeaderList& DefaultHeaders(bool tls) {
  static const HeaderList kPlain = {
      {"Cache-Control", "no-store"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy",
       "default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'"}};
  static const HeaderList kWithTls = [] {
    HeaderList headers = kPlain;
    headers.emplace_back("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    return headers;
  }();
  return tls ? kWithTls : kPlain;
}

// Headers that frame the answer on the connection: the length we write and POCO's
// keep-alive decision, never a handler's.
bool IsFraming(const std::string& name) {
  // The length first: most names differ from all three in it.
  const auto is = [&name](std::string_view framing) {  // a literal: data() ends in a NUL
    return name.size() == framing.size() && Poco::icompare(name, framing.data()) == 0;
  };
  return is("Content-Length") || is("Transfer-Encoding") || is("Connection");
}

// Appends the status line and headers of `out` to `head`: what POCO set before the handler
// (Date, Server, Connection), then ours. A handler's header replaces POCO's or a default of
// the same name (the console's files set their own caching and policy), and a later one of
// the same name an earlier one; only cookies repeat.
void AnswerHead(const HttpResponse& out, const std::string& request_id,
                const Poco::Net::HTTPServerResponse& pocos, bool tls, std::string* head_out) {
  std::string& head = *head_out;
  const auto line = [&head](std::string_view name, std::string_view value) {
    head.append(name).append(": ").append(value).append("\r\n");
  };
  const auto status = static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status);
  head.append(pocos.getVersion())
      .append(" ")
      .append(std::to_string(out.status))
      .append(" ")
      .append(Poco::Net::HTTPResponse::getReasonForStatus(status))
      .append("\r\n");
  const auto set_from = [&](std::size_t from, const std::string& name) {
    return std::any_of(out.headers.begin() + static_cast<std::ptrdiff_t>(from), out.headers.end(),
                       [&](const auto& header) { return Poco::icompare(header.first, name) == 0; });
  };
  for (const auto& [name, value] : pocos) {
    if (IsFraming(name) || !set_from(0, name)) {
      line(name, value);
    }
  }
  if (!set_from(0, "Content-Type")) {
    line("Content-Type", out.content_type.empty() ? kJsonType : std::string_view(out.content_type));
  }
  line("Content-Length", std::to_string(out.body.size()));
  line("X-Request-Id", request_id);
  for (const auto& [name, value] : DefaultHeaders(tls)) {
    if (!set_from(0, name)) {
      line(name, value);
    }
  }
  for (std::size_t i = 0; i < out.headers.size(); ++i) {
    const auto& [name, value] = out.headers[i];
    if (IsFraming(name)) {
      continue;  // ours alone: a second length would let a proxy read two answers
    }
    if (Poco::icompare(name, "Set-Cookie") == 0 || !set_from(i + 1, name)) {
      line(name, value);
    }
  }
  head.append("\r\n");
}

// sendBytes may write less than asked (a large body, a signal); it throws when the peer is
// gone, as POCO's own writes do.
void SendAll(Poco::Net::StreamSocket& socket, std::string_view bytes) {
  while (!bytes.empty()) {
    const int sent = socket.sendBytes(
        bytes.data(), static_cast<int>(std::min<std::size_t>(bytes.size(), kMaxWriteBytes)));
    if (sent <= 0) {
      throw Poco::Net::NetException("the connection took no more bytes");
    }
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

// The client's address as text. IPv4 written here, four numbers and three dots: inet_ntop
// goes through sprintf (a fiftieth of a get by id) and IPAddress's own formatting costs
// more. POCO formats the rest (IPv6, with its scope).
std::string ClientHost(const Poco::Net::SocketAddress& client) {
  if (client.family() != Poco::Net::SocketAddress::IPv4) {
    return client.host().toString();
  }
  const auto* address = reinterpret_cast<const sockaddr_in*>(client.addr());
  const auto* octets = reinterpret_cast<const unsigned char*>(&address->sin_addr.s_addr);
  char text[INET_ADDRSTRLEN];  // network order: the first octet is the first byte
  char* end = text;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      *end++ = '.';
    }
    end = std::to_chars(end, text + sizeof text, octets[i]).ptr;
  }
  return std::string(text, end);
}

// Request ids: a random per-process prefix and a counter, so ids are unique across restarts
// without a random draw per request.
std::string NextRequestId() {
  static const std::string prefix = [] {
    unsigned char bytes[4] = {};
    RAND_bytes(bytes, sizeof bytes);
    char text[9];
    std::snprintf(text, sizeof text, "%02x%02x%02x%02x", bytes[0], bytes[1], bytes[2], bytes[3]);
    return std::string(text);
  }();
  static std::atomic<std::uint64_t> counter{0};
  return prefix + "-" + std::to_string(counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

bool IsSafeRequestId(const std::string& id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) {
    return false;
  }
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

// Reads at most `limit` bytes; returns false when the body is longer.
bool ReadBody(std::istream& in, std::int64_t limit, std::string* body) {
  char buffer[8192];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto got = in.gcount();
    if (got <= 0) {
      break;
    }
    if (static_cast<std::int64_t>(body->size()) + got > limit) {
      return false;
    }
    body->append(buffer, static_cast<std::size_t>(got));
  }
  return true;
}

class RequestHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  RequestHandler(const RequestHandlerOptions& options, Poco::Logger& log)
      : options_(options), log_(log) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    HttpRequest in;
    in.method = request.getMethod();
    const std::string offered_id = request.get("X-Request-Id", "");
    in.request_id = IsSafeRequestId(offered_id) ? offered_id : NextRequestId();
    in.client_address = ClientHost(request.clientAddress());

    in.tls = options_.tls;
    std::size_t route_index = options_.metrics.unmatched_index();
    std::string route_label = "-";
    const Route* route = nullptr;
    std::string error_code;
    HttpResponse out;
    try {
      ParseTarget(request.getURI(), &in);
      Router::Match match = options_.router.Find(in.method, in.path);
      if (match.route == nullptr && ServedByConsole(in, match)) {
        CopyHeaders(request, &in);
        ReadRequestBody(request, options_.max_body_bytes, &in, &response);
        route_label = "console";
        out = options_.site->Serve(in);  // public files; the data behind them is the API's
      } else {
        if (match.route == nullptr) {
          throw NoRoute(match, &out);
        }
        route = match.route;
        route_index = match.index;
        route_label = route->pattern;
        in.path_params = std::move(match.params);
        CopyHeaders(request, &in);
        // The body is read (within its limit) even for refused requests: an unread body
        // would be parsed as the next request on this keep-alive connection.
        ReadRequestBody(request,
                        route->max_body_bytes > 0 ? route->max_body_bytes : options_.max_body_bytes,
                        &in, &response);
        if (options_.guard != nullptr) {
          options_.guard->Admit(*route, &in);
        }
        out = route->handler(in);
      }
    } catch (const ApiError& e) {
      error_code = e.code();
      const int status = StatusFor(e.kind());
      HttpResponse error = HttpResponse::Json(
          status, ErrorBodyFor(in.path, status, e.code(), e.what(), e.field(), in.request_id));
      error.headers = std::move(out.headers);  // e.g. Allow, set before a 405
      if (e.retry_after_s() > 0) {
        error.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s()));
      }
      out = std::move(error);
    } catch (const storage::StorageError& e) {
      out = StorageFailure(e, in);
    } catch (const std::exception& e) {
      log_.error("id=%s unhandled error: %s", in.request_id, std::string(e.what()));
      out = HttpResponse::Json(
          500, ErrorBodyFor(in.path, 500, "internal", "internal error; quote the request id", "",
                            in.request_id));
    }
    // A refusal is in the audit log before its answer leaves: whoever got the answer finds
    // the entry.
    if (options_.guard != nullptr && out.status >= 400) {
      options_.guard->RecordRefusal(route, in, out.status, error_code);
    }
    // Counted before the answer leaves too: a client that has its answer finds it in
    // /metrics (counted after, a scrape right behind it could miss it). The duration
    // therefore ends when the answer is ready; writing it is the kernel's part.
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    options_.metrics.ObserveRequest(route_index, out.status, seconds);
    try {
      Send(out, in.request_id, request, &response);
    } catch (const Poco::Exception& e) {
      // The client went away or stopped reading. The connection is closed; POCO must not
      // answer again on it (it would, with a 500, after our partial answer).
      response.setKeepAlive(false);
      log_.information("id=%s answer not delivered: %s", in.request_id, e.displayText());
    }

    if (log_.information()) {
      char millis[32];
      std::snprintf(millis, sizeof millis, "%.3f", seconds * 1000.0);
      log_.information("id=%s client=%s %s %s route=%s status=%d ms=%s bytes=%z", in.request_id,
                       in.client_address, in.method, in.path, route_label, out.status,
                       std::string(millis), out.body.size());
    }
  }

 private:
  static void ParseTarget(const std::string& target, HttpRequest* in) {
    // Most targets are a plain path: nothing to decode, no query. Poco::URI would take it
    // apart and rebuild it the same (a thirtieth of a get by id).
    if (!target.empty() && target[0] == '/' && target.find_first_of("%?#") == std::string::npos) {
      in->path = target;
      return;
    }
    try {
      const Poco::URI uri(target);
      in->path = uri.getPath();
      for (auto& [name, value] : uri.getQueryParameters()) {
        in->query.emplace_back(std::move(name), std::move(value));
      }
    } catch (const Poco::SyntaxException&) {
      throw ApiError(ErrorKind::kBadRequest, "invalid_uri", "request target is not a valid URI");
    }
  }

  bool ServedByConsole(const HttpRequest& in, const Router::Match& match) const {
    return options_.site != nullptr && match.allowed.empty() &&
           (in.method == "GET" || in.method == "HEAD") && !web::IsServerPath(in.path);
  }

  static void CopyHeaders(const Poco::Net::HTTPServerRequest& request, HttpRequest* in) {
    in->headers.reserve(request.size());
    for (const auto& [name, value] : request) {
      in->headers.emplace_back(Poco::toLower(name), value);
    }
  }

  static ApiError NoRoute(const Router::Match& match, HttpResponse* out) {
    if (match.allowed.empty()) {
      return ApiError(ErrorKind::kNotFound, "not_found", "no such resource");
    }
    std::string allow;
    for (const auto& method : match.allowed) {
      allow += (allow.empty() ? "" : ", ") + method;
    }
    out->headers.emplace_back("Allow", allow);
    return ApiError(ErrorKind::kMethodNotAllowed, "method_not_allowed",
                    "method not allowed; use " + allow);
  }

  static void ReadRequestBody(Poco::Net::HTTPServerRequest& request, std::int64_t limit,
                              HttpRequest* in, Poco::Net::HTTPServerResponse* response) {
    // A GET, HEAD or DELETE without a length or chunks has no body (POCO gives it an empty
    // stream); other methods without a length are read to the end of the connection.
    const bool bodiless = !request.hasContentLength() && !request.getChunkedTransferEncoding() &&
                          (in->method == "GET" || in->method == "HEAD" || in->method == "DELETE");
    if (bodiless) {
      return;
    }
    if ((request.hasContentLength() && request.getContentLength64() > limit) ||
        !ReadBody(request.stream(), limit, &in->body)) {
      response->setKeepAlive(false);  // the unread body would be taken for the next request
      throw ApiError(ErrorKind::kPayloadTooLarge, "body_too_large",
                     "request body exceeds " + std::to_string(limit) + " bytes");
    }
  }

  HttpResponse StorageFailure(const storage::StorageError& e, const HttpRequest& in) {
    using storage::StorageErrorKind;
    if (e.kind() == StorageErrorKind::kUnavailable || e.kind() == StorageErrorKind::kBusy) {
      log_.warning("id=%s storage unavailable: %s", in.request_id, std::string(e.what()));
      HttpResponse out = HttpResponse::Json(
          503, ErrorBodyFor(in.path, 503, "storage_unavailable",
                            "the database is busy or unreachable; retry", "", in.request_id));
      out.headers.emplace_back("Retry-After", "1");
      return out;
    }
    log_.error("id=%s storage error: %s", in.request_id, std::string(e.what()));
    return HttpResponse::Json(
        500, ErrorBodyFor(in.path, 500, "internal", "internal error; quote the request id", "",
                          in.request_id));
  }

  // The answer is written here, not by POCO's sendBuffer: that builds the head through a
  // header collection (every name and value copied) and an ostream, a sixth of a get by id.
  // A small answer leaves in one write.
  void Send(const HttpResponse& out, const std::string& request_id,
            Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse* response) {
    const bool with_body = request.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD;
    const bool one_write = with_body && out.body.size() <= kOneWriteBytes;
    // Each request thread keeps its buffer: a new one was a large allocation per answer. It
    // holds at most a head and kOneWriteBytes.
    thread_local std::string head;
    head.clear();
    head.reserve(kHeadReserve + (one_write ? out.body.size() : 0));
    AnswerHead(out, request_id, *response, options_.tls, &head);
    Poco::Net::StreamSocket& socket =
        static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
    if (one_write) {
      head.append(out.body);
    }
    SendAll(socket, head);
    if (with_body && !one_write) {
      SendAll(socket, out.body);
    }
  }

  const RequestHandlerOptions& options_;
  Poco::Logger& log_;
};

class RequestHandlerFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RequestHandlerFactory(const RequestHandlerOptions& options)
      : options_(options), log_(Poco::Logger::get(logging::kHttpLogger)) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new RequestHandler(options_, log_);
  }

 private:
  const RequestHandlerOptions& options_;
  Poco::Logger& log_;  // looked up once: Logger::get takes a global lock
};

}  // namespace

Poco::Net::HTTPRequestHandlerFactory* MakeRequestHandlerFactory(
    const RequestHandlerOptions& options) {
  return new RequestHandlerFactory(options);
}

}  // namespace mams::http
