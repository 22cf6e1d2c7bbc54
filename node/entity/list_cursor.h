#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "node/storage/result_set.h"

namespace mams::entity {

/// Where a keyset page ends: the list's sort as the API names it ("-updatedAt"), the last
/// row's sort key and its id. The next page starts after this row in (key, id) order.
struct ListCursor {
  std::string sort;
  storage::SqlValue key;  ///< an integer or a text; never null
  std::string id;
};

/// The cursor as an opaque URL-safe token (base64url with a checksum). Not a secret: it
/// names a position, and a list filters by visibility whatever the cursor says. Nullopt
/// when the key is null or a real number, which keyset lists do not sort by.
std::optional<std::string> EncodeListCursor(const ListCursor& cursor);

/// The cursor a token names, or nullopt for anything EncodeListCursor did not write: bad
/// base64url, a wrong checksum, an unknown version or key type, a key that is not a whole
/// number or not UTF-8, an empty id, a token over 2048 characters. Any bytes are safe input.
std::optional<ListCursor> DecodeListCursor(std::string_view token);

}  // namespace mams::entity
