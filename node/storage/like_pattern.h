#pragma once

#include <string>
#include <string_view>

namespace mams::storage {

/// Appended to `column LIKE ?` when the pattern comes from LikeContaining: `!` escapes,
/// on SQLite and on MariaDB alike (MariaDB's default escape, the backslash, is then literal).
inline constexpr char kLikeEscape[] = " ESCAPE '!'";

/// A LIKE pattern matching `text` literally anywhere in the value ("%text%"): the `%` and `_`
/// a user types are characters, not wildcards. Use with kLikeEscape.
std::string LikeContaining(std::string_view text);

}  // namespace mams::storage
