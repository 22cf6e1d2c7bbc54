#pragma once

#include <optional>
#include <string>
#include <utility>

#include "node/common/errors.h"

namespace mams {

/// A row the caller's transaction has just written, read back before the commit (afterwards
/// another request may have changed it) and without the caller's scope (the write itself was
/// checked). A row that is gone is a defect: 500 `write_not_found`, naming `what`.
template <typename Record>
Record WrittenRow(std::optional<Record> row, const std::string& what) {
  if (!row) {
    throw ApiError(ErrorKind::kInternal, "write_not_found", "a " + what + " just written is gone");
  }
  return std::move(*row);
}

}  // namespace mams
