#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mams::search {

/// The toneless pinyin of a Chinese character (ü written `v`), most common reading first, at
/// most two readings (银行 needs háng beside xíng; further readings mostly add noise); empty
/// for anything else. From the Unihan readings in Debian's go-pinyin package, built in.
std::vector<std::string_view> PinyinOf(char32_t character);

/// The same readings without allocating (the indexer asks for every character it indexes):
/// writes at most two into `readings` and returns how many.
std::size_t PinyinReadings(char32_t character, std::string_view readings[2]);

/// True for a whole toneless syllable (`zhong`), as in the built-in table.
bool IsSyllable(std::string_view letters);

/// Lower-case letters as pinyin syllables, fewest syllables first; the last may be the start
/// of a syllable (`guangzh` → guang, zh), as someone still typing writes it. Nothing when the
/// letters cannot be read as pinyin (`gzmz`).
std::optional<std::vector<std::string>> SplitPinyin(std::string_view letters);

}  // namespace mams::search
