#include "node/http/chunked_body.h"

#include <gtest/gtest.h>

namespace mams::http {
namespace {

// Feeds `wire` in pieces of `step` bytes the way a connection does (keeping what was not
// consumed), and returns the final status.
ChunkedBodyDecoder::Status FeedInSteps(ChunkedBodyDecoder& decoder, const std::string& wire,
                                       std::size_t step, std::string* body, std::string* left) {
  std::string pending;
  auto status = ChunkedBodyDecoder::Status::kIncomplete;
  for (std::size_t at = 0; at < wire.size() && status == ChunkedBodyDecoder::Status::kIncomplete;
       at += step) {
    pending += wire.substr(at, step);
    status = decoder.Feed(pending, body);
    pending.erase(0, decoder.consumed());
  }
  *left = pending;
  return status;
}

TEST(ChunkedBodyTest, DecodesChunksExtensionsAndTrailersInAnyPieces) {
  const std::string wire =
      "5;name=value\r\nhello\r\n1A\r\n" + std::string(26, 'x') + "\r\n0\r\nTrailer: t\r\n\r\nNEXT";
  for (std::size_t step : {1u, 2u, 7u, 1000u}) {
    ChunkedBodyDecoder decoder(1000);
    std::string body;
    std::string left;
    ASSERT_EQ(ChunkedBodyDecoder::Status::kComplete, FeedInSteps(decoder, wire, step, &body, &left))
        << step;
    EXPECT_EQ("hello" + std::string(26, 'x'), body);
    if (step == 1000) {
      EXPECT_EQ("NEXT", left);
    }
  }
}

TEST(ChunkedBodyTest, RefusesMalformedChunksAndBodiesOverTheLimit) {
  const struct {
    const char* name;
    std::string wire;
    int status;
  } cases[] = {
      {"not hex", "zz\r\n", 400},
      {"no size", "\r\n", 400},
      {"size then junk", "5x\r\nhello\r\n", 400},
      {"bare LF after size", "5\nhello\r\n", 400},
      {"data longer than its size", "3\r\nhello\r\n", 400},
      {"over the limit", "20\r\n" + std::string(32, 'a') + "\r\n0\r\n\r\n", 413},
      {"a size larger than anything", "1000000000000000000\r\n", 413},
      {"a size line without end", "5;" + std::string(5000, 'a'), 431},
  };
  for (const auto& refusal : cases) {
    ChunkedBodyDecoder decoder(16);
    std::string body;
    ASSERT_EQ(ChunkedBodyDecoder::Status::kError, decoder.Feed(refusal.wire, &body))
        << refusal.name;
    EXPECT_EQ(refusal.status, decoder.error().status) << refusal.name;
  }
}

}  // namespace
}  // namespace mams::http
