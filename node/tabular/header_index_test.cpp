#include "node/tabular/header_index.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"
#include "tests/support/api_error_expect.h"

namespace mams::tabular {
namespace {

std::vector<CsvColumnSpec> Specs() {
  return {
      {"name", {"客户名称"}, true},
      {"credit_code", {"统一社会信用代码", "信用代码"}, true},
      {"phone", {"电话"}, false},
      {"note", {"备注"}, false},
  };
}

CsvRecord Record(std::vector<std::string> fields, std::size_t line = 1) {
  return CsvRecord{line, std::move(fields)};
}

std::string ErrorFor(const CsvRecord& header) {
  return testing::ExpectApiError([&] { const HeaderIndex index(header, Specs()); },
                                 ErrorKind::kUnprocessable, "csv_columns", "file");
}

TEST(CsvHeaderIndex, MatchesNamesAndAliases) {
  const std::pair<const char*, std::vector<std::string>> headers[] = {
      {"canonical", {"name", "credit_code", "phone", "note"}},
      {"chinese", {"客户名称", "统一社会信用代码", "电话", "备注"}},
      {"case and spaces", {" NAME ", "\tCredit_Code", "Phone", "NOTE"}},
      {"bom and ideographic space",
       {"\xEF\xBB\xBF客户名称", "\xE3\x80\x80信用代码", "电话", "备注"}},
  };
  for (const auto& [label, fields] : headers) {
    SCOPED_TRACE(label);
    const HeaderIndex index(Record(fields), Specs());
    const CsvRecord row = Record({"ACME", "91440101MA5ABCDE1X", "020-1234", "vip"}, 2);
    EXPECT_EQ(0u, index.Find("name"));
    EXPECT_EQ("ACME", index.Get(row, "name"));
    EXPECT_EQ("91440101MA5ABCDE1X", index.Get(row, "credit_code"));
    EXPECT_EQ("020-1234", index.Get(row, "phone"));
    EXPECT_EQ("vip", index.Get(row, "note"));
  }
}

TEST(CsvHeaderIndex, OptionalColumnsMayBeAbsentOrShort) {
  const HeaderIndex index(Record({"信用代码", "客户名称", "电话"}), Specs());
  EXPECT_EQ(1u, index.Find("name"));
  EXPECT_EQ(std::nullopt, index.Find("note"));
  const CsvRecord short_row = Record({"X1", "ACME"}, 2);
  EXPECT_EQ("ACME", index.Get(short_row, "name"));
  EXPECT_EQ("", index.Get(short_row, "phone"));
  EXPECT_EQ("", index.Get(short_row, "note"));
  EXPECT_THROW(index.Get(short_row, "undeclared"), ApiError);
}

TEST(CsvHeaderIndex, OneErrorNamesEveryProblem) {
  const std::string message = ErrorFor(Record({"客户名称", "手机", "电话", "phone", "地址"}));
  for (const char* part : {"unknown columns: \"手机\", \"地址\"", "duplicate columns: \"phone\"",
                           "missing required columns: \"credit_code/统一社会信用代码/信用代码\"",
                           "expected columns: name/客户名称 (required), "
                           "credit_code/统一社会信用代码/信用代码 (required), phone/电话, "
                           "note/备注",
                           "表头不符"}) {
    EXPECT_NE(message.find(part), std::string::npos) << part << "\n" << message;
  }
}

TEST(CsvHeaderIndex, MissingOnly) {
  const std::string message = ErrorFor(Record({"电话"}));
  EXPECT_NE(message.find("missing required columns: \"name/客户名称\", \"credit_code/"),
            std::string::npos)
      << message;
  EXPECT_EQ(message.find("unknown"), std::string::npos) << message;
}

TEST(CsvHeaderIndex, EmptyHeaderCellsAllowedButNotTheirValues) {
  const HeaderIndex index(Record({"name", "", "credit_code", " "}), Specs());
  EXPECT_NO_THROW(index.CheckRecord(Record({"ACME", "", "X1", "", ""}, 2)));
  EXPECT_NO_THROW(index.CheckRecord(Record({"ACME"}, 3)));
  try {
    index.CheckRecord(Record({"ACME", "stray", "X1"}, 4));
    ADD_FAILURE() << "accepted";
  } catch (const ApiError& error) {
    EXPECT_EQ("csv_columns", error.code());
    EXPECT_NE(std::string(error.what()).find("line 4: column 2 has a value but no header"),
              std::string::npos);
  }
  EXPECT_THROW(index.CheckRecord(Record({"ACME", "", "X1", "", "beyond"}, 5)), ApiError);
}

}  // namespace
}  // namespace mams::tabular
