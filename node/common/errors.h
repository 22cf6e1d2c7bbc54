#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mams {

/// Why a request could not be served. Each kind maps to exactly one HTTP status in
/// node/http/json.cpp (StatusFor), so modules never choose status codes themselves.
enum class ErrorKind {
  kBadRequest,       ///< malformed syntax: JSON, query parameters (400)
  kUnauthorized,     ///< no valid credentials (401)
  kForbidden,        ///< authenticated but not allowed (403)
  kNotFound,         ///< absent or outside the caller's data scope (404)
  kMethodNotAllowed, ///< path exists, method does not (405)
  kConflict,         ///< version or uniqueness conflict (409)
  kPayloadTooLarge,  ///< body over the configured limit (413)
  kUnsupportedMediaType,  ///< a body in a Content-Type the route does not take (415)
  kUnprocessable,    ///< well-formed but invalid values (422)
  kTooManyRequests,  ///< rate or lockout limits (429)
  kUnavailable,      ///< a dependency (storage) cannot serve now (503)
  kInternal,         ///< a defect; logged with the request id (500)
};

/// A named value an error message quotes (`{"max", "20"}`); see ErrorCatalogue.
using ErrorParam = std::pair<std::string, std::string>;

/// Ends the current request with a JSON error body: `{"error":{"code","message","field"?}}`,
/// or TM Forum's `Error` under /tmf-api/ (see http::ErrorBodyFor).
/// `code` is a stable machine-readable identifier with a Chinese and an English message in
/// an ErrorCatalogue table (node/common/error_catalogue.h); `message` is the English one and
/// must not contain secrets or data outside the caller's scope. The answer's language
/// follows the request's Accept-Language.
class ApiError : public std::runtime_error {
 public:
  ApiError(ErrorKind kind, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), field_(std::move(field)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  /// The same error naming another field (TMF629 answers name TMF attributes).
  ApiError& WithField(std::string field) {
    field_ = std::move(field);
    return *this;
  }

  /// Values the catalogue's messages quote by name (`{max}`); user input is allowed; it is
  /// cut and escaped when the message is written.
  const std::vector<ErrorParam>& params() const { return params_; }
  ApiError& With(std::string name, std::string value) {
    params_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  /// Seconds after which a retry may succeed (lockouts, outages); sent as Retry-After.
  int retry_after_s() const { return retry_after_s_; }
  ApiError& WithRetryAfter(int seconds) {
    retry_after_s_ = seconds;
    return *this;
  }

 private:
  ErrorKind kind_;
  std::string code_;
  std::string field_;
  std::vector<ErrorParam> params_;
  int retry_after_s_ = 0;
};

/// A problem that stops the node from starting: bad config, unreachable storage, a port in
/// use. The message is printed as it is, so it names the file, key or address at fault.
class StartupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mams
