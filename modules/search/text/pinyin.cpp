#include "modules/search/text/pinyin.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace mams::search {
namespace {

struct CharReadings {
  std::uint32_t code;
  std::uint16_t first;
  std::uint16_t second;  // kNoReading when the character has one reading
};
constexpr std::uint16_t kNoReading = 0xFFFF;

#include "pinyin_table.inc"

constexpr std::size_t kLongestSyllable = 6;  // zhuang, chuang, shuang

bool StartsSyllable(std::string_view letters) {
  const auto* begin = std::begin(kSyllables);
  const auto* end = std::end(kSyllables);
  const auto* at = std::lower_bound(begin, end, letters, [](const char* s, std::string_view v) {
    return std::string_view(s) < v;
  });
  return at != end && std::string_view(*at).substr(0, letters.size()) == letters;
}

}  // namespace

std::size_t PinyinReadings(char32_t character, std::string_view readings[2]) {
  const auto* begin = std::begin(kCharReadings);
  const auto* end = std::end(kCharReadings);
  const auto* at = std::lower_bound(begin, end, character,
                                    [](const CharReadings& r, char32_t c) { return r.code < c; });
  if (at == end || at->code != character) {
    return 0;
  }
  readings[0] = kSyllables[at->first];
  if (at->second == kNoReading) {
    return 1;
  }
  readings[1] = kSyllables[at->second];
  return 2;
}

std::vector<std::string_view> PinyinOf(char32_t character) {
  std::string_view readings[2];
  const std::size_t count = PinyinReadings(character, readings);
  return {readings, readings + count};
}

bool IsSyllable(std::string_view letters) {
  return std::binary_search(std::begin(kSyllables), std::end(kSyllables), letters,
                            [](auto a, auto b) { return std::string_view(a) < std::string_view(b); });
}

std::optional<std::vector<std::string>> SplitPinyin(std::string_view letters) {
  // fewest[i]: fewest syllables that spell letters[i..]; the last may be a syllable's start.
  constexpr int kImpossible = std::numeric_limits<int>::max();
  const std::size_t n = letters.size();
  if (n == 0) {
    return std::nullopt;
  }
  std::vector<int> fewest(n + 1, kImpossible);
  std::vector<std::size_t> next(n + 1, 0);
  fewest[n] = 0;
  for (std::size_t i = n; i-- > 0;) {
    // Longest piece first, so a tie keeps the longer syllable (xian, not xi + an).
    for (std::size_t length = std::min(kLongestSyllable, n - i); length > 0; --length) {
      const auto piece = letters.substr(i, length);
      const bool last = i + length == n;
      if (!(IsSyllable(piece) || (last && StartsSyllable(piece)))) {
        continue;
      }
      if (fewest[i + length] != kImpossible && fewest[i + length] + 1 < fewest[i]) {
        fewest[i] = fewest[i + length] + 1;
        next[i] = i + length;
      }
    }
  }
  if (fewest[0] == kImpossible) {
    return std::nullopt;
  }
  std::vector<std::string> syllables;
  for (std::size_t i = 0; i < n; i = next[i]) {
    syllables.emplace_back(letters.substr(i, next[i] - i));
  }
  return syllables;
}

}  // namespace mams::search
