#pragma once

// Checks of the ApiError a call throws, for unit tests of code that refuses its input.
#include <gtest/gtest.h>

#include <string>

#include "node/common/errors.h"

namespace mams::testing {

/// Expects `call()` to throw an ApiError of `kind` with `code` on `field`; its message ("" and
/// a test failure when nothing was thrown).
template <typename Call>
std::string ExpectApiError(Call call, ErrorKind kind, const std::string& code,
                           const std::string& field) {
  try {
    call();
    ADD_FAILURE() << "accepted";
  } catch (const ApiError& error) {
    EXPECT_EQ(kind, error.kind());
    EXPECT_EQ(code, error.code());
    EXPECT_EQ(field, error.field());
    return error.what();
  }
  return {};
}

}  // namespace mams::testing
