#include "node/http/chunked_body.h"

#include <algorithm>

namespace mams::http {
namespace {

// A size line with its extensions, and the trailer section, are read and dropped; these
// bound what a client can make us hold.
constexpr std::size_t kMaxSizeLine = 4 * 1024;
constexpr std::size_t kMaxTrailer = 16 * 1024;
// 15 hexadecimal digits stay far below int64 overflow; no limit is that large.
constexpr std::size_t kMaxSizeDigits = 15;

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

ChunkedBodyDecoder::Status ChunkedBodyDecoder::Fail(int status, std::string code,
                                                    std::string message) {
  error_ = ProtocolError{status, std::move(code), std::move(message)};
  return Status::kError;
}

ChunkedBodyDecoder::Status ChunkedBodyDecoder::SizeLine(std::string_view line) {
  std::size_t digits = 0;
  std::uint64_t size = 0;
  for (; digits < line.size() && HexValue(line[digits]) >= 0; ++digits) {
    if (digits == kMaxSizeDigits) {
      return Fail(413, "body_too_large", "a chunk is larger than any limit of this server");
    }
    size = size * 16 + static_cast<std::uint64_t>(HexValue(line[digits]));
  }
  const std::string_view after = line.substr(digits);
  const bool extension_only =
      after.empty() || after.front() == ';' || after.front() == ' ' || after.front() == '\t';
  const bool visible = std::all_of(after.begin(), after.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c != 0x7F);
  });
  if (digits == 0 || !extension_only || !visible) {
    return Fail(400, "bad_chunk", "a chunk must start with its size in hexadecimal and CRLF");
  }
  remaining_ = size;
  part_ = size == 0 ? Part::kTrailer : Part::kData;
  return Status::kIncomplete;
}

ChunkedBodyDecoder::Status ChunkedBodyDecoder::Feed(std::string_view bytes, std::string* body) {
  consumed_ = 0;
  for (;;) {
    const std::string_view rest = bytes.substr(std::min(consumed_, bytes.size()));
    if (part_ == Part::kData) {
      if (rest.empty()) {
        return Status::kIncomplete;
      }
      const auto take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, rest.size()));
      if (static_cast<std::int64_t>(body->size() + take) > limit_) {
        return Fail(413, "body_too_large",
                    "request body exceeds " + std::to_string(limit_) + " bytes");
      }
      body->append(rest.data(), take);
      consumed_ += take;
      remaining_ -= take;
      if (remaining_ == 0) {
        part_ = Part::kDataEnd;
      }
      continue;
    }
    const auto lf = rest.find('\n');
    // Checked alike whether the line has ended or not: where packets end changes nothing.
    const std::size_t line_length = lf == std::string_view::npos ? rest.size() : lf;
    const std::size_t max_line = part_ == Part::kTrailer ? kMaxTrailer : kMaxSizeLine;
    if (line_length > max_line ||
        (part_ == Part::kTrailer && trailer_bytes_ + line_length > kMaxTrailer)) {
      return Fail(431, "chunk_line_too_large", "a chunk size line or trailer is too long");
    }
    if (lf == std::string_view::npos) {
      return Status::kIncomplete;
    }
    std::string_view line = rest.substr(0, lf);
    if (line.empty() || line.back() != '\r') {
      return Fail(400, "bad_chunk", "chunk lines must end with CRLF");
    }
    line.remove_suffix(1);
    consumed_ += lf + 1;
    if (part_ == Part::kDataEnd) {
      if (!line.empty()) {
        return Fail(400, "bad_chunk", "a chunk's data must be followed by CRLF");
      }
      part_ = Part::kSize;
    } else if (part_ == Part::kSize) {
      if (SizeLine(line) == Status::kError) {
        return Status::kError;
      }
    } else if (line.empty()) {
      return Status::kComplete;
    } else {
      trailer_bytes_ += line.size() + 2;
    }
  }
}

}  // namespace mams::http
