// Feeds untrusted bytes to the search tokenizer the way the search box and indexed rows reach
// it: as a query (PlanQuery, Highlights, MatchScore) and as an indexed text (IndexTerms).
// Checks the bounds docs/search.md promises and that a text always finds itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "modules/search/api/search_hits.h"
#include "modules/search/api/search_text.h"

namespace {

bool HasTerm(const std::set<std::string>& terms, const mams::search::TermMatch& need) {
  if (!need.prefix) {
    return terms.count(need.term) == 1;
  }
  const auto at = terms.lower_bound(need.term);
  return at != terms.end() && at->compare(0, need.term.size(), need.term) == 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mams::search;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto plan = PlanQuery(text);
  if (plan.alternatives.size() > kMaxAlternatives) {
    std::abort();
  }
  for (const auto& all : plan.alternatives) {
    if (all.empty() || all.size() > kMaxTermsPerAlternative) {
      std::abort();
    }
    for (const auto& need : all) {
      if (need.term.size() > kMaxTermBytes) {
        std::abort();
      }
    }
  }
  const auto terms = IndexTerms(text);
  for (const auto& term : terms) {
    if (term.size() > kMaxTermBytes) {
      std::abort();
    }
  }
  // The literal reading comes first and is never cut away, so an untruncated text matches
  // its own query.
  if (!plan.truncated && !plan.alternatives.empty()) {
    bool found = false;
    for (const auto& all : plan.alternatives) {
      bool every = true;
      for (const auto& need : all) {
        every = every && HasTerm(terms, need);
      }
      found = found || every;
    }
    if (!found) {
      std::abort();
    }
  }
  for (const auto& [start, end] : Highlights(text, text)) {
    if (start < 0 || end <= start) {
      std::abort();
    }
  }
  const int score = MatchScore(text, text);
  if (score < 0 || score > 3) {
    std::abort();
  }
  return 0;
}
