#include "node/entity/list_cursor.h"

#include <array>
#include <cstdint>
#include <cstdio>

#include "node/tabular/text_encoding.h"

namespace mams::entity {
namespace {

// Version 1: "<checksum>1:<sort>:<i|s>:<id>:<key>", the key last so that it may hold ':'.
constexpr char kVersion[] = "1";
constexpr std::size_t kChecksumDigits = 8;
constexpr std::size_t kMaxTokenLength = 2048;
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// FNV-1a: catches a token edited by hand or cut short, which is all a position needs.
std::string Checksum(std::string_view bytes) {
  std::uint32_t hash = 2166136261u;
  for (const char c : bytes) {
    hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  }
  char digits[kChecksumDigits + 1];
  std::snprintf(digits, sizeof digits, "%08x", static_cast<unsigned>(hash));
  return digits;
}

std::string Base64Url(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) {
    out += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  }
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  std::array<int, 256> value{};
  value.fill(-1);
  for (int i = 0; i < 64; ++i) {
    value[static_cast<unsigned char>(kAlphabet[i])] = i;
  }
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = value[static_cast<unsigned char>(c)];
    if (v < 0) {
      return std::nullopt;
    }
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  // Leftover bits are padding: fewer than a byte, and zero as the encoder writes them.
  if (bits >= 6 || (buffer & ((1u << bits) - 1)) != 0) {
    return std::nullopt;
  }
  return out;
}

// The next ':'-terminated field of `rest`, consumed; nullopt when there is no ':'.
std::optional<std::string_view> TakeField(std::string_view* rest) {
  const auto colon = rest->find(':');
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view field = rest->substr(0, colon);
  rest->remove_prefix(colon + 1);
  return field;
}

std::optional<std::int64_t> StrictInteger(std::string_view text) {
  const auto value = storage::WholeNumber(text);
  // WholeNumber allows blanks and '+'; a cursor holds exactly what std::to_string wrote.
  if (!value || std::to_string(*value) != text) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<std::string> EncodeListCursor(const ListCursor& cursor) {
  std::string payload = std::string(kVersion) + ":" + cursor.sort + ":";
  if (const auto* number = std::get_if<std::int64_t>(&cursor.key)) {
    payload += "i:" + cursor.id + ":" + std::to_string(*number);
  } else if (const auto* text = std::get_if<std::string>(&cursor.key)) {
    payload += "s:" + cursor.id + ":" + *text;
  } else {
    return std::nullopt;
  }
  return Base64Url(Checksum(payload) + payload);
}

std::optional<ListCursor> DecodeListCursor(std::string_view token) {
  if (token.size() > kMaxTokenLength) {
    return std::nullopt;
  }
  const auto bytes = FromBase64Url(token);
  if (!bytes || bytes->size() < kChecksumDigits) {
    return std::nullopt;
  }
  std::string_view rest(*bytes);
  rest.remove_prefix(kChecksumDigits);
  if (Checksum(rest) != bytes->substr(0, kChecksumDigits)) {
    return std::nullopt;
  }
  const auto version = TakeField(&rest);
  const auto sort = TakeField(&rest);
  const auto type = TakeField(&rest);
  const auto id = TakeField(&rest);
  if (!id || *version != kVersion || sort->empty() || id->empty() ||
      tabular::FindInvalidUtf8(*bytes)) {
    return std::nullopt;
  }
  ListCursor cursor{std::string(*sort), nullptr, std::string(*id)};
  if (*type == "i") {
    const auto number = StrictInteger(rest);
    if (!number) {
      return std::nullopt;
    }
    cursor.key = *number;
  } else if (*type == "s") {
    cursor.key = std::string(rest);
  } else {
    return std::nullopt;
  }
  return cursor;
}

}  // namespace mams::entity
