#pragma once

#include <string>
#include <string_view>

namespace mams::tabular {

/// Whether `text` holds a control character that a cell cannot show: U+0000–U+001F other
/// than tab, LF and CR.
bool HasHiddenControls(std::string_view text);

/// `text` with each such character replaced by U+FFFD (�), so that a value stored before
/// input refused them (or synced from an older node) is exported whole and visibly: a NUL
/// ends the cell in XLSX (a C string) and in the programs that open a CSV.
std::string WithVisibleControls(std::string_view text);

}  // namespace mams::tabular
