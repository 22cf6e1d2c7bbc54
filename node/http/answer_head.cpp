#include "node/http/answer_head.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>

#include <algorithm>
#include <ctime>
#include <utility>
#include <vector>

#include "node/http/http_types.h"

namespace mams::http {
namespace {

constexpr std::string_view kJsonType = "application/json; charset=utf-8";

using HeaderList = std::vector<std::pair<std::string_view, std::string_view>>;

// API answers are personal data: never cached, never framed, never sniffed.
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

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return Poco::Ascii::toLower(x) == Poco::Ascii::toLower(y);
         });
}

// Headers that frame the answer on the connection: ours, never a handler's.
bool IsFraming(std::string_view name) {
  return SameName(name, "Content-Length") || SameName(name, "Transfer-Encoding") ||
         SameName(name, "Connection");
}

// A handler's header value with a line break in it (a file name taken from data, say)
// would start a header of its own: breaks and NULs become spaces.
std::string SingleLine(std::string_view value) {
  std::string text(value);
  for (char& c : text) {
    if (c == '\r' || c == '\n' || c == '\0') {
      c = ' ';
    }
  }
  return text;
}

// The Date header changes once a second; each thread formats it once per second.
std::string_view DateNow() {
  thread_local std::time_t formatted_at = 0;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != formatted_at) {
    text = Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(now),
                                           Poco::DateTimeFormat::HTTP_FORMAT);
    formatted_at = now;
  }
  return text;
}

}  // namespace

void AppendAnswerHead(const HttpResponse& out, std::string_view request_id, bool keep_alive,
                      bool tls, std::string* head_out) {
  std::string& head = *head_out;
  const auto line = [&head](std::string_view name, std::string_view value) {
    head.append(name).append(": ").append(value).append("\r\n");
  };
  const auto set_from = [&out](std::size_t from, std::string_view name) {
    return std::any_of(out.headers.begin() + static_cast<std::ptrdiff_t>(from), out.headers.end(),
                       [&](const auto& header) { return SameName(header.first, name); });
  };
  head.append("HTTP/1.1 ")
      .append(std::to_string(out.status))
      .append(" ")
      .append(Poco::Net::HTTPResponse::getReasonForStatus(
          static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status)))
      .append("\r\n");
  line("Date", DateNow());
  if (!set_from(0, "Server")) {
    line("Server", "mams-node");
  }
  line("Connection", keep_alive ? "keep-alive" : "close");
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
      continue;  // a second length would let a proxy read two answers
    }
    if (SameName(name, "Set-Cookie") || !set_from(i + 1, name)) {
      line(name, SingleLine(value));
    }
  }
  head.append("\r\n");
}

}  // namespace mams::http
