#include "modules/search/api/search_text.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>

#include "modules/search/text/folding.h"
#include "modules/search/text/pinyin.h"

namespace mams::search {
namespace {

// A stretch of one script: Chinese characters, or Latin letters and digits (lower-cased).
struct Run {
  bool han = false;
  std::u32string characters;  // han
  std::string word;           // Latin letters and digits
};

bool IsHan(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F);
}

std::vector<Run> RunsOf(std::string_view text, std::size_t max_characters, bool* truncated) {
  std::vector<Run> runs;
  std::size_t read = 0;
  bool in_run = false;
  for (std::size_t at = 0; at < text.size();) {
    if (read == max_characters) {
      *truncated = true;
      break;
    }
    const char32_t c = Fold(NextCodePoint(text, &at));
    ++read;
    const bool han = IsHan(c);
    const bool latin = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!han && !latin) {
      in_run = false;
      continue;
    }
    if (!in_run || runs.back().han != han) {
      runs.push_back(Run{han, {}, {}});
      in_run = true;
    }
    if (han) {
      runs.back().characters.push_back(c);
    } else if (runs.back().word.size() + 2 < kMaxTermBytes) {
      runs.back().word.push_back(static_cast<char>(c));
    }
  }
  return runs;
}

std::string Han(char32_t first, char32_t second = 0) {
  std::string term = "h:";
  AppendUtf8(first, &term);
  if (second != 0) {
    AppendUtf8(second, &term);
  }
  return term;
}

// Pinyin and initials terms of a pair of characters (second 0: one character alone). Built
// in place: the indexer calls this for every character of every name it writes.
void AddPinyin(char32_t first, char32_t second, std::vector<std::string>* terms) {
  std::string_view firsts[2];
  std::string_view seconds[2] = {""};
  const std::size_t first_count = PinyinReadings(first, firsts);
  const std::size_t second_count = second == 0 ? 1 : PinyinReadings(second, seconds);
  for (std::size_t i = 0; i < first_count; ++i) {
    const std::string_view a = firsts[i];
    for (std::size_t j = 0; j < second_count; ++j) {
      const std::string_view b = seconds[j];
      std::string spelled;
      spelled.reserve(3 + a.size() + b.size());
      spelled.append("p:").append(a);
      std::string initials = "i:";
      initials.push_back(a[0]);
      if (!b.empty()) {
        spelled.append(" ").append(b);
        initials.push_back(b[0]);
      }
      terms->push_back(std::move(spelled));
      terms->push_back(std::move(initials));
    }
  }
}

void AddHanRun(const std::u32string& run, std::vector<std::string>* terms) {
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    terms->push_back(Han(run[i], run[i + 1]));
    AddPinyin(run[i], run[i + 1], terms);
  }
  terms->push_back(Han(run.back()));
  AddPinyin(run.back(), 0, terms);
}

using Alternative = std::vector<TermMatch>;

std::vector<Alternative> HanAlternatives(const std::u32string& run) {
  if (run.size() == 1) {
    return {{{Han(run[0]), true}}};
  }
  Alternative pairs;
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    pairs.push_back({Han(run[i], run[i + 1]), false});
  }
  return {pairs};
}

std::vector<Alternative> WordAlternatives(const std::string& word) {
  std::vector<Alternative> alternatives{{{"w:" + word, true}}};
  const bool letters = std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a'; });
  if (!letters) {
    if (std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a'; })) {
      alternatives.push_back({{"t:" + word, false}});
    }
    return alternatives;
  }
  if (const auto syllables = SplitPinyin(word); syllables && syllables->size() > 1) {
    Alternative pinyin;
    for (std::size_t i = 0; i + 1 < syllables->size(); ++i) {
      const bool last = i + 2 == syllables->size();
      pinyin.push_back({"p:" + (*syllables)[i] + " " + (*syllables)[i + 1], last});
    }
    alternatives.push_back(pinyin);
  } else if (syllables) {
    alternatives.push_back({{"p:" + syllables->front(), true}});
  }
  if (word.size() >= 2) {
    Alternative initials;
    for (std::size_t i = 0; i < word.size(); i += 2) {
      const bool single = i + 1 == word.size();
      initials.push_back({"i:" + word.substr(i, single ? 1 : 2), single});
    }
    alternatives.push_back(initials);
  }
  return alternatives;
}

}  // namespace

void AppendIndexTerms(std::string_view text, std::vector<std::string>* terms) {
  bool truncated = false;
  for (const auto& run : RunsOf(text, std::numeric_limits<std::size_t>::max(), &truncated)) {
    if (run.han) {
      AddHanRun(run.characters, terms);
    } else {
      terms->push_back("w:" + run.word);
    }
  }
}

std::set<std::string> IndexTerms(std::string_view text) {
  std::vector<std::string> terms;
  AppendIndexTerms(text, &terms);
  return {std::make_move_iterator(terms.begin()), std::make_move_iterator(terms.end())};
}

std::string WholeTerm(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    }
  }
  return digits.empty() ? "" : "t:" + digits.substr(0, kMaxTermBytes - 2);
}

QueryPlan PlanQuery(std::string_view text) {
  QueryPlan plan;
  const auto runs = RunsOf(text, kMaxQueryCharacters, &plan.truncated);
  std::vector<Alternative> combined{{}};
  for (const auto& run : runs) {
    const auto choices = run.han ? HanAlternatives(run.characters) : WordAlternatives(run.word);
    std::vector<Alternative> next;
    for (const auto& so_far : combined) {
      for (const auto& choice : choices) {
        if (next.size() == kMaxAlternatives) {
          plan.truncated = true;
          break;
        }
        Alternative joined = so_far;
        joined.insert(joined.end(), choice.begin(), choice.end());
        std::sort(joined.begin(), joined.end());
        joined.erase(std::unique(joined.begin(), joined.end()), joined.end());
        if (joined.size() > kMaxTermsPerAlternative) {
          joined.resize(kMaxTermsPerAlternative);
          plan.truncated = true;
        }
        next.push_back(std::move(joined));
      }
    }
    combined = std::move(next);
  }
  if (!runs.empty()) {
    plan.alternatives = std::move(combined);
  }
  return plan;
}

}  // namespace mams::search
