#include "node/http/request_handler.h"

#include <Poco/Logger.h>
#include <Poco/URI.h>
#include <openssl/rand.h>

#include <atomic>
#include <chrono>
#include <cstdio>

#include "node/auth/request_guard.h"
#include "node/common/error_catalogue.h"
#include "node/common/errors.h"
#include "node/http/answer_head.h"
#include "node/http/json.h"
#include "node/http/request_sink.h"
#include "node/http/router.h"
#include "node/logging/logging.h"
#include "node/metrics/metrics.h"
#include "node/storage/storage_error.h"
#include "node/web/static_site.h"

namespace mams::http {
namespace {

constexpr std::size_t kMaxRequestIdLength = 64;

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

void ParseTarget(const std::string& target, HttpRequest* in) {
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
  if (in->path.empty() || in->path[0] != '/') {
    in->path = "/" + in->path;
  }
}

// application/json, or a JSON-based type such as application/merge-patch+json.
bool IsJsonMediaType(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) {
    type.pop_back();
  }
  for (char& c : type) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string_view suffix = "+json";
  return type == "application/json" ||
         (type.rfind("application/", 0) == 0 && type.size() > suffix.size() &&
          type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0);
}

ErrorKind KindOfRefusal(int status) {
  return status == 413 ? ErrorKind::kPayloadTooLarge : ErrorKind::kBadRequest;
}

class NodeRequestSink final : public RequestSink {
 public:
  explicit NodeRequestSink(const RequestHandlerOptions& options)
      : options_(options), log_(Poco::Logger::get(logging::kHttpLogger)) {}

  std::int64_t BodyLimit(const RequestHead& head) const override {
    HttpRequest probe;
    try {
      ParseTarget(head.target, &probe);
    } catch (const ApiError&) {
      return options_.max_body_bytes;  // answered 400 once the body is read
    }
    const Router::Match match = options_.router.Find(head.method, probe.path);
    return match.route != nullptr && match.route->max_body_bytes > 0 ? match.route->max_body_bytes
                                                                      : options_.max_body_bytes;
  }

  void Answer(ReceivedRequest& received, bool keep_alive, AnswerBytes* answer) const override {
    const auto started = std::chrono::steady_clock::now();
    HttpRequest in;
    in.method = std::move(received.head.method);
    in.headers = std::move(received.head.fields);
    const std::string& offered_id = in.Header("x-request-id");
    in.request_id = IsSafeRequestId(offered_id) ? offered_id : NextRequestId();
    in.client_address = std::move(received.client_address);
    in.tls = received.tls;
    in.body = std::move(received.body);

    std::size_t route_index = options_.metrics.unmatched_index();
    std::string route_label = "-";
    const Route* route = nullptr;
    bool admission_tried = false;
    std::string error_code;
    HttpResponse out;
    try {
      ParseTarget(received.head.target, &in);
      Router::Match match = options_.router.Find(in.method, in.path);
      if (match.route == nullptr && ServedByConsole(in, match) && !received.refusal) {
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
        if (received.refusal) {
          throw ApiError(KindOfRefusal(received.refusal->status), received.refusal->code,
                         received.refusal->message);
        }
        admission_tried = true;
        if (options_.guard != nullptr) {
          options_.guard->Admit(*route, &in);
        }
        RequireBodyType(*route, in);
        out = route->handler(in);
      }
    } catch (const ApiError& e) {
      error_code = e.code();
      const int status = StatusFor(e.kind());
      HttpResponse error = HttpResponse::Json(
          status,
          ErrorBodyFor(in.path, status, e.code(), MessageFor(e, in), e.field(), in.request_id));
      error.headers = std::move(out.headers);  // e.g. Allow, set before a 405
      if (e.retry_after_s() > 0) {
        error.headers.emplace_back("Retry-After", std::to_string(e.retry_after_s()));
      }
      out = std::move(error);
    } catch (const storage::StorageError& e) {
      out = StorageFailure(e, in);
    } catch (const std::exception& e) {
      log_.error("id=%s unhandled error: %s", in.request_id, std::string(e.what()));
      out = Internal(in);
    }
    // A refusal is in the audit log before its answer leaves: whoever got the answer finds
    // the entry. One refused before admission (413) still names its caller.
    if (options_.guard != nullptr && out.status >= 400) {
      if (!admission_tried && out.status != 404) {
        options_.guard->IdentifyForAudit(&in);
      }
      options_.guard->RecordRefusal(route, in, out.status, error_code);
    }
    // Counted before the answer leaves too: a client that has its answer finds it in
    // /metrics. The duration therefore ends when the answer is ready.
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    options_.metrics.ObserveRequest(route_index, out.status, seconds);
    AppendAnswerHead(out, in.request_id, keep_alive, options_.tls, &answer->head);
    answer->body = std::move(out.body);

    if (log_.information()) {
      char millis[32];
      std::snprintf(millis, sizeof millis, "%.3f", seconds * 1000.0);
      log_.information("id=%s client=%s %s %s route=%s status=%d ms=%s bytes=%z", in.request_id,
                       in.client_address, in.method, in.path, route_label, out.status,
                       std::string(millis), answer->body.size());
    }
  }

  void AnswerProtocolError(const ProtocolError& error, const std::string& client_address,
                           AnswerBytes* answer) const override {
    const std::string request_id = NextRequestId();
    // The head may not have been read: the answer is in the default language.
    const std::string message =
        options_.errors == nullptr
            ? error.message
            : options_.errors->MessageFor(
                  ApiError(ErrorKind::kBadRequest, error.code, error.message), Language::kChinese);
    const HttpResponse out =
        HttpResponse::Json(error.status, ErrorBody(error.code, message, "", request_id));
    options_.metrics.ObserveRequest(options_.metrics.unmatched_index(), out.status, 0.0);
    AppendAnswerHead(out, request_id, /*keep_alive=*/false, options_.tls, &answer->head);
    answer->body = out.body;
    answer->close = true;
    log_.information("id=%s client=%s refused at the protocol level: status=%d %s", request_id,
                     client_address, error.status, error.code);
  }

 private:
  bool ServedByConsole(const HttpRequest& in, const Router::Match& match) const {
    return options_.site != nullptr && match.allowed.empty() &&
           (in.method == "GET" || in.method == "HEAD") && !web::IsServerPath(in.path);
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
                    "method not allowed; use " + allow)
        .With("allow", allow);
  }

  // A body sent to a JSON route must say it is JSON: a form another site posts cannot, and
  // a client that sent something else learns it here rather than from a parse error.
  static void RequireBodyType(const Route& route, const HttpRequest& in) {
    if (route.json_body && !in.body.empty() && auth::IsStateChanging(in.method) &&
        !IsJsonMediaType(in.Header("content-type"))) {
      throw ApiError(ErrorKind::kUnsupportedMediaType, "unsupported_media_type",
                     "send the body as application/json (Content-Type)");
    }
  }

  HttpResponse StorageFailure(const storage::StorageError& e, const HttpRequest& in) const {
    using storage::StorageErrorKind;
    if (e.kind() == StorageErrorKind::kUnavailable || e.kind() == StorageErrorKind::kBusy) {
      log_.warning("id=%s storage unavailable: %s", in.request_id, std::string(e.what()));
      const ApiError unavailable(ErrorKind::kUnavailable, "storage_unavailable",
                                 "the database is busy or unreachable; retry");
      HttpResponse out =
          HttpResponse::Json(503, ErrorBodyFor(in.path, 503, unavailable.code(),
                                               MessageFor(unavailable, in), "", in.request_id));
      out.headers.emplace_back("Retry-After", "1");
      return out;
    }
    log_.error("id=%s storage error: %s", in.request_id, std::string(e.what()));
    return Internal(in);
  }

  HttpResponse Internal(const HttpRequest& in) const {
    const ApiError internal(ErrorKind::kInternal, "internal",
                            "internal error; quote the request id");
    return HttpResponse::Json(500, ErrorBodyFor(in.path, 500, internal.code(),
                                                MessageFor(internal, in), "", in.request_id));
  }

  // In the language the request asks for (Accept-Language); as thrown without a catalogue.
  std::string MessageFor(const ApiError& e, const HttpRequest& in) const {
    if (options_.errors == nullptr) {
      return e.what();
    }
    return options_.errors->MessageFor(e, PreferredLanguage(in.Header("accept-language")));
  }

  const RequestHandlerOptions& options_;
  Poco::Logger& log_;  // looked up once: Logger::get takes a global lock
};

}  // namespace

std::unique_ptr<RequestSink> MakeRequestSink(const RequestHandlerOptions& options) {
  return std::make_unique<NodeRequestSink>(options);
}

}  // namespace mams::http
