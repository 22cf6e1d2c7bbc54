#include "node/http/request_head.h"

#include <algorithm>
#include <charconv>

#include "node/common/ascii.h"

namespace mams::http {
namespace {

// A request line is its target plus a method and a version: this much more is allowed.
constexpr std::size_t kRequestLineOverhead = 32;
constexpr int kMaxLeadingEmptyLines = 4;
// 18 digits fit an int64; a longer length is larger than any limit anyway.
constexpr std::size_t kMaxLengthDigits = 18;

bool IsTokenChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool IsToken(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return IsTokenChar(c); });
}

// Field values: visible ASCII, spaces, tabs and bytes above 0x7F (UTF-8 passes through);
// no other control character, above all no CR, LF or NUL.
bool IsFieldValue(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c != 0x7F);
  });
}

bool IsOws(char c) { return c == ' ' || c == '\t'; }

bool EndsWithCr(std::string_view line) { return !line.empty() && line.back() == '\r'; }

std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && IsOws(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && IsOws(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && AsciiLower(text.substr(0, prefix.size())) == prefix;
}

// Calls `each` with every non-empty element of a comma-separated field value, lower-cased.
template <typename Each>
void ForEachListElement(std::string_view value, Each each) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    const std::string_view element = TrimOws(value.substr(0, comma));
    if (!element.empty()) {
      each(AsciiLower(element));
    }
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
  }
}

}  // namespace

void RequestHeadParser::Reset() {
  head_ = RequestHead();
  error_ = ProtocolError();
  pos_ = 0;
  partial_ = false;
  have_request_line_ = false;
  empty_lines_ = 0;
}

RequestHeadParser::Status RequestHeadParser::Fail(int status, std::string code,
                                                  std::string message) {
  error_ = ProtocolError{status, std::move(code), std::move(message)};
  return Status::kError;
}

RequestHeadParser::Status RequestHeadParser::Feed(std::string_view bytes) {
  for (;;) {
    const std::string_view rest = bytes.substr(std::min(pos_, bytes.size()));
    const auto lf = rest.find('\n');
    // The length limits come first and treat a line still arriving like a whole one, so
    // that where a client's packets end cannot change the answer.
    const std::string_view line_so_far = rest.substr(0, lf);
    const std::size_t line_length = line_so_far.size() - (EndsWithCr(line_so_far) ? 1 : 0);
    const std::size_t head_bytes = pos_ + (lf == std::string_view::npos ? rest.size() : lf + 1);
    if (LengthRefused(line_length, head_bytes) == Status::kError) {
      return Status::kError;
    }
    if (lf == std::string_view::npos) {
      partial_ = !rest.empty();
      return Status::kIncomplete;
    }
    if (!EndsWithCr(line_so_far)) {
      return Fail(400, "bare_lf", "lines of the request head must end with CRLF");
    }
    const std::string_view line = line_so_far.substr(0, line_length);
    pos_ += lf + 1;
    partial_ = false;
    Status status = Status::kIncomplete;
    if (!have_request_line_) {
      if (line.empty()) {
        if (++empty_lines_ > kMaxLeadingEmptyLines) {
          return Fail(400, "bad_request_line", "empty lines instead of a request line");
        }
        continue;
      }
      status = RequestLine(line);
      have_request_line_ = true;
    } else if (line.empty()) {
      return Framing();
    } else {
      status = FieldLine(line);
    }
    if (status == Status::kError) {
      return status;
    }
  }
}

RequestHeadParser::Status RequestHeadParser::LengthRefused(std::size_t line_length,
                                                           std::size_t head_bytes) {
  if (!have_request_line_ && line_length > limits_.max_target + kRequestLineOverhead) {
    return Fail(414, "uri_too_long",
                "request target longer than " + std::to_string(limits_.max_target) + " bytes");
  }
  if (have_request_line_ && line_length > limits_.max_field_line) {
    return Fail(431, "header_too_large",
                "a header line is longer than " + std::to_string(limits_.max_field_line) +
                    " bytes");
  }
  if (head_bytes > limits_.max_head) {
    return Fail(431, "head_too_large",
                "request head longer than " + std::to_string(limits_.max_head) + " bytes");
  }
  return Status::kIncomplete;
}

RequestHeadParser::Status RequestHeadParser::RequestLine(std::string_view line) {
  const auto first = line.find(' ');
  const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  if (first == std::string_view::npos) {
    return Fail(400, "bad_request_line", "request line must be: METHOD TARGET HTTP/1.1");
  }
  const std::string_view method = line.substr(0, first);
  const std::string_view target =
      line.substr(first + 1, second == std::string_view::npos ? std::string_view::npos
                                                              : second - first - 1);
  if (target.size() > limits_.max_target) {
    return Fail(414, "uri_too_long",
                "request target longer than " + std::to_string(limits_.max_target) + " bytes");
  }
  if (second == std::string_view::npos) {
    return Fail(505, "http_version_not_supported",
                "a request line without a version (HTTP/0.9) is not supported; use HTTP/1.1");
  }
  const std::string_view version = line.substr(second + 1);
  const bool version_syntax = version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
                              version[5] >= '0' && version[5] <= '9' && version[6] == '.' &&
                              version[7] >= '0' && version[7] <= '9';
  if (!version_syntax) {
    return Fail(400, "bad_request_line", "the version must be HTTP/1.1 or HTTP/1.0");
  }
  if (version[5] != '1') {
    return Fail(505, "http_version_not_supported",
                "HTTP/" + std::string(1, version[5]) + " is not supported; use HTTP/1.1");
  }
  if (!IsToken(method)) {
    return Fail(400, "bad_request_line", "the method is not a token");
  }
  const bool visible = std::all_of(target.begin(), target.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c > 0x20 && c < 0x7F;
  });
  if (target.empty() || !visible) {
    return Fail(400, "bad_request_line",
                "the request target must be visible ASCII without spaces (percent-encode the rest)");
  }
  const bool known_form = target.front() == '/' || (target == "*" && method == "OPTIONS") ||
                          StartsWithNoCase(target, "http://") ||
                          StartsWithNoCase(target, "https://");
  if (!known_form) {
    return Fail(400, "bad_request_line", "the request target must be a path such as /api/v1/…");
  }
  head_.method = std::string(method);
  head_.target = std::string(target);
  // A later 1.x is read as 1.1, the highest this server speaks (RFC 9110 §2.5).
  head_.minor_version = version[7] == '0' ? 0 : 1;
  return Status::kIncomplete;
}

RequestHeadParser::Status RequestHeadParser::FieldLine(std::string_view line) {
  if (IsOws(line.front())) {
    return Fail(400, "bad_header", "obsolete line folding (a header line starting with a space)");
  }
  if (head_.fields.size() >= limits_.max_fields) {
    return Fail(431, "too_many_headers",
                "more than " + std::to_string(limits_.max_fields) + " header lines");
  }
  const auto colon = line.find(':');
  const std::string_view name = line.substr(0, colon);
  if (colon == std::string_view::npos || !IsToken(name)) {
    return Fail(400, "bad_header",
                "a header line must be NAME: value, the name a token with no space before ':'");
  }
  const std::string_view value = TrimOws(line.substr(colon + 1));
  if (!IsFieldValue(value)) {
    return Fail(400, "bad_header", "control character in the value of header " + std::string(name));
  }
  head_.fields.emplace_back(AsciiLower(name), std::string(value));
  return Status::kIncomplete;
}

RequestHeadParser::Status RequestHeadParser::Framing() {
  int hosts = 0;
  int lengths = 0;
  bool chunked_last = false;
  int chunked = 0;
  std::string unsupported_coding;
  bool has_transfer_encoding = false;
  std::string length_text;
  bool close = false;
  bool keep_alive = false;
  bool other_expectation = false;
  for (const auto& [name, value] : head_.fields) {
    if (name == "host") {
      ++hosts;
    } else if (name == "content-length") {
      ++lengths;
      length_text = value;
    } else if (name == "transfer-encoding") {
      has_transfer_encoding = true;
      ForEachListElement(value, [&](const std::string& coding) {
        chunked_last = coding == "chunked";
        chunked += chunked_last ? 1 : 0;
        if (!chunked_last && unsupported_coding.empty()) {
          unsupported_coding = coding;
        }
      });
    } else if (name == "connection") {
      ForEachListElement(value, [&](const std::string& option) {
        close = close || option == "close";
        keep_alive = keep_alive || option == "keep-alive";
      });
    } else if (name == "expect") {
      if (AsciiLower(value) == "100-continue") {
        head_.expect_continue = head_.minor_version == 1;
      } else {
        other_expectation = true;
      }
    }
  }
  if (hosts > 1 || (hosts == 0 && head_.minor_version == 1)) {
    return Fail(400, "bad_host", "an HTTP/1.1 request must carry exactly one Host header");
  }
  if (other_expectation) {
    return Fail(417, "expectation_failed", "the only expectation understood is 100-continue");
  }
  head_.keep_alive = !close && (head_.minor_version == 1 || keep_alive);
  if (has_transfer_encoding) {
    if (head_.minor_version == 0) {
      return Fail(400, "bad_framing", "Transfer-Encoding is not allowed in an HTTP/1.0 request");
    }
    if (lengths > 0) {
      return Fail(400, "bad_framing", "a request cannot carry both Content-Length and "
                                      "Transfer-Encoding");
    }
    if (!unsupported_coding.empty()) {
      return Fail(501, "unsupported_transfer_coding",
                  "transfer coding '" + unsupported_coding.substr(0, 40) +
                      "' is not supported; only chunked is");
    }
    if (chunked != 1 || !chunked_last) {
      return Fail(400, "bad_framing", "Transfer-Encoding must be exactly: chunked");
    }
    head_.framing = BodyFraming::kChunked;
    return Status::kComplete;
  }
  if (lengths > 1) {
    return Fail(400, "bad_framing", "more than one Content-Length header");
  }
  if (lengths == 1) {
    const bool digits = !length_text.empty() &&
                        std::all_of(length_text.begin(), length_text.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || (length_text.size() > 1 && length_text.front() == '0')) {
      return Fail(400, "bad_content_length",
                  "Content-Length must be one decimal number without sign or padding");
    }
    if (length_text.size() > kMaxLengthDigits) {
      return Fail(413, "body_too_large", "request body exceeds any limit of this server");
    }
    std::from_chars(length_text.data(), length_text.data() + length_text.size(),
                    head_.content_length);
    head_.framing = head_.content_length > 0 ? BodyFraming::kLength : BodyFraming::kNone;
  }
  return Status::kComplete;
}

}  // namespace mams::http
