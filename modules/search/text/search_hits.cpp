#include "modules/search/api/search_hits.h"

#include <algorithm>

#include "modules/search/text/folding.h"

namespace mams::search {
namespace {

constexpr std::size_t kMaxHighlights = 16;

// A title as folded code points with the UTF-16 offset where each starts.
struct FoldedText {
  std::u32string characters;
  std::vector<int> utf16_at;  // one more than characters: the end
};

FoldedText FoldText(std::string_view text) {
  FoldedText folded;
  int utf16 = 0;
  for (std::size_t at = 0; at < text.size();) {
    const char32_t c = NextCodePoint(text, &at);
    folded.characters.push_back(Fold(c));
    folded.utf16_at.push_back(utf16);
    utf16 += c >= 0x10000 ? 2 : 1;
  }
  folded.utf16_at.push_back(utf16);
  return folded;
}

bool IsWordCharacter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x3400;
}

// The query's words: maximal runs of letters, digits and characters.
std::vector<std::u32string> WordsOf(const std::u32string& query) {
  std::vector<std::u32string> words(1);
  for (const char32_t c : query) {
    if (IsWordCharacter(c)) {
      words.back().push_back(c);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  if (words.back().empty()) {
    words.pop_back();
  }
  return words;
}

}  // namespace

std::vector<std::pair<int, int>> Highlights(std::string_view title, std::string_view query) {
  const auto text = FoldText(title);
  std::vector<std::pair<std::size_t, std::size_t>> found;
  for (const auto& word : WordsOf(FoldText(query).characters)) {
    for (auto at = text.characters.find(word); at != std::u32string::npos && found.size() < 64;
         at = text.characters.find(word, at + word.size())) {
      found.emplace_back(at, at + word.size());
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::pair<int, int>> ranges;
  for (const auto& [start, end] : found) {
    if (!ranges.empty() && text.utf16_at[start] <= ranges.back().second) {
      ranges.back().second = std::max(ranges.back().second, text.utf16_at[end]);
    } else if (ranges.size() < kMaxHighlights) {
      ranges.emplace_back(text.utf16_at[start], text.utf16_at[end]);
    }
  }
  return ranges;
}

int MatchScore(std::string_view title, std::string_view query) {
  const auto text = FoldText(title).characters;
  const auto words = WordsOf(FoldText(query).characters);
  if (words.empty()) {
    return 0;
  }
  std::u32string joined;
  for (const auto& word : words) {
    joined += word;
  }
  std::u32string compact;
  std::copy_if(text.begin(), text.end(), std::back_inserter(compact), IsWordCharacter);
  if (compact == joined) {
    return 3;
  }
  if (compact.compare(0, joined.size(), joined) == 0) {
    return 2;
  }
  return compact.find(joined) != std::u32string::npos ? 1 : 0;
}

}  // namespace mams::search
