#pragma once

// Internal to node/http: the status line and headers of every answer, written as bytes.
#include <string>
#include <string_view>

namespace mams::http {

struct HttpResponse;

/// Appends to `head` the status line (always HTTP/1.1, whatever the request said), Date,
/// Server, Connection (`keep_alive`), Content-Type, Content-Length, X-Request-Id, the
/// security headers every answer carries (with HSTS under `tls`) and the handler's own
/// headers. A handler's header replaces a default of the same name, a later one an earlier
/// one; only Set-Cookie repeats; framing headers are ours alone.
void AppendAnswerHead(const HttpResponse& out, std::string_view request_id, bool keep_alive,
                      bool tls, std::string* head);

}  // namespace mams::http
