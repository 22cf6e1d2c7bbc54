#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mams::search {

/// Where a query's words stand in a title, as [start, end) offsets in UTF-16 code units (what
/// the console's strings count): every Chinese run and every Latin or digit word of the query,
/// case and width folded; pinyin matches are not marked. Sorted, merged, at most 16.
std::vector<std::pair<int, int>> Highlights(std::string_view title, std::string_view query);

/// How well a title answers a query, for ordering hits of one kind: 3 the title is the query,
/// 2 it starts with it, 1 it contains it, 0 it matched by terms only (pinyin, scattered words).
int MatchScore(std::string_view title, std::string_view query);

}  // namespace mams::search
