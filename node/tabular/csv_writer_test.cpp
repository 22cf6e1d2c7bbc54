#include "node/tabular/csv_writer.h"

#include <gtest/gtest.h>

#include "node/tabular/csv_reader.h"

namespace mams::tabular {
namespace {

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
  const std::pair<std::string, std::string> cases[] = {
      {"", ""},
      {"plain", "plain"},
      {"广州移动", "广州移动"},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\r", "\"cr\r\""},
      {" padded ", "\" padded \""},
      {"in side", "in side"},
  };
  for (const auto& [cell, expected] : cases) {
    EXPECT_EQ(expected, CsvCell(cell)) << cell;
  }
}

TEST(CsvWriter, ControlCharactersAreWrittenVisiblyNeverCut) {
  using namespace std::string_literals;
  EXPECT_EQ("前\xEF\xBF\xBD后", CsvCell("前\0后"s));
  EXPECT_EQ("响\xEF\xBF\xBD铃\xEF\xBF\xBD", CsvCell("响\x07铃\x1F"));
  EXPECT_EQ("\"第一行\n第二行\ttab\"", CsvCell("第一行\n第二行\ttab"));  // line breaks stay
  EXPECT_EQ("\xEF\xBF\xBD", CsvCell("\0"s));
}

TEST(CsvWriter, NeutralisesFormulas) {
  const std::pair<std::string, std::string> cases[] = {
      {"=1+1", "'=1+1"},
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"+1+cmd", "'+1+cmd"},
      {"-2+3", "'-2+3"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\t=1", "'\t=1"},
      {"\r=1", "\"'\r=1\""},
      {"=1,2", "\"'=1,2\""},
      {"-", "'-"},
      {"-1e5", "'-1e5"},
      {"-.5", "'-.5"},
      {"-12.", "'-12."},
      {"-12.50", "-12.50"},
      {"-7", "-7"},
      {"+86", "+86"},
      {"1=1", "1=1"},
      {"a@b.cn", "a@b.cn"},
  };
  for (const auto& [cell, expected] : cases) {
    EXPECT_EQ(expected, CsvCell(cell)) << cell;
  }
}

TEST(CsvWriter, RowsEndWithCrlf) {
  EXPECT_EQ("a,\"b,c\",,-1.00\r\n", CsvRow({"a", "b,c", "", "-1.00"}));
  EXPECT_EQ("\r\n", CsvRow({}));
  EXPECT_EQ(3u, kUtf8Bom.size());
  EXPECT_EQ("\xEF\xBB\xBF", kUtf8Bom);
}

TEST(CsvWriter, ReaderReadsWhatWriterWrites) {
  const std::vector<std::vector<std::string>> rows = {
      {"名称", "备注", "金额"},
      {"ACME, Ltd.", "line1\r\nline2", "-12.50"},
      {"\"quoted\"", " spaced ", ""},
  };
  std::string text(kUtf8Bom);
  for (const auto& row : rows) {
    text += CsvRow(row);
  }
  CsvReader reader(text);
  CsvRecord record;
  for (const auto& row : rows) {
    ASSERT_TRUE(reader.Next(&record));
    EXPECT_EQ(row, record.fields);
  }
  EXPECT_FALSE(reader.Next(&record));
}

}  // namespace
}  // namespace mams::tabular
