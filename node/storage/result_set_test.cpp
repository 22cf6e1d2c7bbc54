#include "node/storage/result_set.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "node/storage/storage_error.h"

namespace mams::storage {
namespace {

// The RowView of a backend that reads whole results first (MySQL): the same answers as the
// row getters, and a number asked for as text stays readable until the next row.
TEST(ResultSet, ForEachRowShowsEveryRowAsTheGettersRead) {
  ResultSet rows(std::vector<std::string>{"name", "count", "note"});
  const std::string long_name = "广东省广州市天河区某某科技有限公司";  // beyond SSO
  rows.AddRow({long_name, std::int64_t{42}, nullptr});
  rows.AddRow({std::string("17"), std::int64_t{-5}, std::string("备注")});

  std::vector<std::string> seen;
  rows.ForEachRow([&](const RowView& row) {
    const std::string_view count = row.Text(1);  // converted
    const std::string_view again = row.Text(1);  // converted again: the first stays valid
    seen.push_back(std::string(row.Text(0)) + "|" + std::string(count) + "|" + std::string(again) +
                   "|" + row.OptionalText(2).value_or("NULL"));
    EXPECT_THROW(row.Text(3), StorageError);
  });
  EXPECT_EQ((std::vector<std::string>{long_name + "|42|42|NULL", "17|-5|-5|备注"}), seen);

  int row_number = 0;
  rows.ForEachRow([&](const RowView& row) {
    if (row_number++ == 0) {
      EXPECT_TRUE(row.IsNull(2));
      EXPECT_EQ("", row.Text(2));
      EXPECT_THROW(row.Int(0), StorageError);  // text that is not a number
    } else {
      EXPECT_EQ(17, row.Int(0));  // text that is
      EXPECT_EQ(-5, row.Int(1));
    }
  });
  EXPECT_EQ(2, row_number);
}

TEST(ResultSet, WholeNumberTakesWholeNumbersOnly) {
  EXPECT_EQ(9007199254740993, WholeNumber("9007199254740993").value_or(0));
  EXPECT_EQ(-3, WholeNumber("-3").value_or(0));
  EXPECT_FALSE(WholeNumber("").has_value());
  EXPECT_FALSE(WholeNumber("12abc").has_value());
  EXPECT_FALSE(WholeNumber("1.5").has_value());
}

}  // namespace
}  // namespace mams::storage
