// The `after` cursor of keyset lists as a query string delivers it: untrusted bytes must
// decode to nothing or to a cursor that encodes back to exactly the same token (one token
// per position), and never crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "node/entity/list_cursor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  const auto cursor = mams::entity::DecodeListCursor(token);
  if (!cursor) {
    return 0;
  }
  const auto again = mams::entity::EncodeListCursor(*cursor);
  if (!again || *again != token) {
    std::abort();
  }
  return 0;
}
