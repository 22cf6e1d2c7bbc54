#pragma once

// Enum ↔ text as data: an enum declares one table of {value, name} and reads both ways from
// it, instead of a parse function and a switch that must be kept in step.
#include <cstddef>
#include <optional>
#include <string_view>

namespace mams {

/// One row of an enum's table: a value and its text (the spelling in the API, config files
/// and the database, or a description).
template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

/// The value whose name is `name` (exact, case-sensitive), or nullopt.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> ParseEnum(const EnumName<Enum> (&table)[N], std::string_view name) {
  for (const auto& row : table) {
    if (row.name == name) {
      return row.value;
    }
  }
  return std::nullopt;
}

/// The name of `value`: the first row that lists it, or "" when no row does.
template <typename Enum, std::size_t N>
constexpr std::string_view NameOf(const EnumName<Enum> (&table)[N], Enum value) {
  for (const auto& row : table) {
    if (row.value == value) {
      return row.name;
    }
  }
  return {};
}

}  // namespace mams
