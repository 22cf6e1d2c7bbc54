// The HTTP request head and body framing as a connection reads them: untrusted bytes, split
// where the input's first byte says, must parse the same whole and in two pieces (a client
// chooses where its packets end), never read past what arrived, and never crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "node/common/error_catalogue.h"
#include "node/http/chunked_body.h"
#include "node/http/request_head.h"

namespace {

using mams::http::BodyFraming;
using mams::http::ChunkedBodyDecoder;
using mams::http::HeadLimits;
using mams::http::RequestHeadParser;

HeadLimits SmallLimits() {
  HeadLimits limits;  // small, so that the fuzzer reaches every limit
  limits.max_target = 64;
  limits.max_field_line = 128;
  limits.max_fields = 8;
  limits.max_head = 512;
  return limits;
}

void Check(bool condition) {
  if (!condition) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::size_t split = data[0] % size;
  const std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  RequestHeadParser whole(SmallLimits());
  const auto whole_status = whole.Feed(bytes);
  RequestHeadParser pieces(SmallLimits());
  auto piece_status = pieces.Feed(std::string_view(bytes).substr(0, split));
  if (piece_status == RequestHeadParser::Status::kIncomplete) {
    piece_status = pieces.Feed(bytes);
  }
  Check(whole_status == piece_status);
  if (whole_status == RequestHeadParser::Status::kError) {
    Check(whole.error().status == pieces.error().status && !whole.error().code.empty());
    return 0;
  }
  if (whole_status != RequestHeadParser::Status::kComplete) {
    return 0;
  }
  Check(whole.consumed() <= bytes.size() && whole.consumed() == pieces.consumed());
  Check(whole.head().method == pieces.head().method && whole.head().target == pieces.head().target);
  Check(whole.head().framing == pieces.head().framing);
  // Any header value picks a language for the error messages, without reading past it.
  for (const auto& [name, value] : whole.head().fields) {
    const mams::Language language = mams::PreferredLanguage(value);
    Check(language == mams::Language::kChinese || language == mams::Language::kEnglish);
  }
  if (whole.head().framing != BodyFraming::kChunked) {
    return 0;
  }
  // The body as a connection feeds it: what was not consumed comes again with what follows.
  const std::string body_bytes = bytes.substr(whole.consumed());
  ChunkedBodyDecoder decoder(256);
  std::string body;
  std::string pending;
  for (std::size_t at = 0; at < body_bytes.size(); at += 7) {
    pending += body_bytes.substr(at, 7);
    const auto status = decoder.Feed(pending, &body);
    Check(decoder.consumed() <= pending.size());
    pending.erase(0, decoder.consumed());
    Check(body.size() <= 256);
    if (status != ChunkedBodyDecoder::Status::kIncomplete) {
      break;
    }
  }
  return 0;
}
