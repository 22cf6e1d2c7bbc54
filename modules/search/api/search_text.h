#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mams::search {

/// The terms a text is indexed under (docs/search.md, "Terms"). A text is read as runs of
/// Chinese characters and runs of Latin letters and digits (full-width forms folded, Latin
/// lower-cased, anything else a separator). A Chinese run gives each pair of neighbouring
/// characters (`h:科技`), its last character alone (`h:技`), the same pairs and last one in
/// pinyin (`p:ke ji`, `p:ji`) and in pinyin initials (`i:kj`, `i:j`); a Latin or digit run
/// gives itself (`w:ibm`, `w:91440101…`). Traditional and simplified characters are left as
/// they are: 廣州 does not find 广州. Terms are at most kMaxTermBytes long.
/// The SQLite index takes a document out by computing its terms again from its texts: a
/// change of what this (or WholeTerm) returns needs a migration that empties the index.
std::set<std::string> IndexTerms(std::string_view text);
/// The same terms appended to `terms`, in no order and possibly repeated (what the indexer
/// uses: one vector sorted once is cheaper than a set per text).
void AppendIndexTerms(std::string_view text, std::vector<std::string>* terms);

/// The term that finds a text only when typed whole (`t:13800138000`): for phone numbers,
/// which are personal data and found by the full number only. Digits only; "" for none.
std::string WholeTerm(std::string_view text);

constexpr std::size_t kMaxTermBytes = 66;

/// One term a query needs: equal to `term`, or, for `prefix`, starting with it.
struct TermMatch {
  std::string term;
  bool prefix = false;
  bool operator<(const TermMatch& other) const {
    return term != other.term ? term < other.term : prefix < other.prefix;
  }
  bool operator==(const TermMatch& other) const {
    return term == other.term && prefix == other.prefix;
  }
};

/// What a search box's text asks for: a thing matches when it has every term of at least one
/// alternative. A Chinese run needs its pairs of characters; a Latin run may be a word's start
/// (`ibm`), pinyin (`guangzhou`, the last syllable possibly unfinished) or pinyin initials in
/// pairs (`gzmz` → gz, mz); a digit run may also be a whole phone number. Bounded: at most
/// kMaxQueryCharacters characters are read, kMaxAlternatives alternatives of at most
/// kMaxTermsPerAlternative terms each. Empty for a text with no letter, digit or character.
struct QueryPlan {
  std::vector<std::vector<TermMatch>> alternatives;
  bool truncated = false;  ///< the text was longer than the plan reads
};
QueryPlan PlanQuery(std::string_view text);

constexpr std::size_t kMaxQueryCharacters = 64;
constexpr std::size_t kMaxAlternatives = 12;
constexpr std::size_t kMaxTermsPerAlternative = 12;

}  // namespace mams::search
