#include "node/storage/result_set.h"

#include <gtest/gtest.h>

#include "node/storage/storage_error.h"

namespace mams::storage {
namespace {

TEST(ResultSet, TakeTextMovesStringsAndConvertsOtherValues) {
  ResultSet rows(std::vector<std::string>{"name", "count", "note"});
  const std::string long_name =
      "广东省广州市天河区某某科技有限公司";  // beyond the small-string buffer
  rows.AddRow({long_name, std::int64_t{42}, nullptr});

  EXPECT_EQ(long_name, rows.TakeText(0, 0));
  EXPECT_EQ("", rows[0].Text(0));  // moved out: the set keeps an empty string
  EXPECT_EQ("42", rows.TakeText(0, 1));
  EXPECT_EQ(42, rows[0].Int(1));  // numbers stay
  EXPECT_EQ(std::nullopt, rows.TakeOptionalText(0, 2));
  EXPECT_EQ("", rows.TakeText(0, 2));
  EXPECT_THROW(rows.TakeText(0, 3), StorageError);
  EXPECT_THROW(rows.TakeText(1, 0), StorageError);
}

}  // namespace
}  // namespace mams::storage
