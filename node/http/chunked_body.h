#pragma once

// A chunked request body (RFC 9112 §7.1), decoded as it arrives: sizes in hexadecimal
// without overflow, extensions and trailers read and dropped within bounds, CRLF required
// everywhere. Pure code; one decoder per body.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "node/http/request_head.h"

namespace mams::http {

class ChunkedBodyDecoder {
 public:
  enum class Status { kIncomplete, kComplete, kError };

  /// `limit`: the most decoded bytes accepted (413 beyond).
  explicit ChunkedBodyDecoder(std::int64_t limit) : limit_(limit) {}

  /// Decodes from `bytes` (what arrived and was not consumed before) into `body`, and
  /// returns how far it got; `consumed()` counts the bytes of `bytes` this call used (a
  /// line not yet whole is left for the next call). On kComplete the bytes after
  /// `consumed()` belong to the next request.
  Status Feed(std::string_view bytes, std::string* body);

  std::size_t consumed() const { return consumed_; }
  const ProtocolError& error() const { return error_; }

 private:
  enum class Part { kSize, kData, kDataEnd, kTrailer };
  Status Fail(int status, std::string code, std::string message);
  Status SizeLine(std::string_view line);

  std::int64_t limit_;
  Part part_ = Part::kSize;
  std::uint64_t remaining_ = 0;  ///< bytes left in the current chunk
  std::size_t consumed_ = 0;
  std::size_t trailer_bytes_ = 0;
  ProtocolError error_;
};

}  // namespace mams::http
