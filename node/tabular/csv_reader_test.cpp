#include "node/tabular/csv_reader.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"
#include "tests/support/api_error_expect.h"

namespace mams::tabular {
namespace {

using Fields = std::vector<std::string>;

struct Expected {
  std::size_t line;
  Fields fields;
};

std::vector<Expected> ReadAll(std::string_view text) {
  CsvReader reader(text);
  CsvRecord record;
  std::vector<Expected> records;
  while (reader.Next(&record)) {
    records.push_back({record.line, record.fields});
  }
  return records;
}

void ExpectRecords(const std::vector<Expected>& expected, const std::vector<Expected>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(expected[i].line, actual[i].line) << "record " << i;
    EXPECT_EQ(expected[i].fields, actual[i].fields) << "record " << i;
  }
}

struct ReadCase {
  const char* label;
  std::string text;
  std::vector<Expected> records;
};

TEST(CsvReader, ReadsRfc4180) {
  const ReadCase cases[] = {
      {"empty", "", {}},
      {"lf", "a,b\nc,d\n", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"crlf", "a,b\r\nc,d\r\n", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"no final newline", "a,b\r\nc,d", {{1, {"a", "b"}}, {2, {"c", "d"}}}},
      {"final cr", "a,b\r", {{1, {"a", "b"}}}},
      {"empty fields", ",a,,\n", {{1, {"", "a", "", ""}}}},
      {"spaces kept", " a , b \n", {{1, {" a ", " b "}}}},
      {"bare cr is data", "a\rb,c\n", {{1, {"a\rb", "c"}}}},
      {"quoted comma", "\"a,b\",c\n", {{1, {"a,b", "c"}}}},
      {"doubled quote", "\"say \"\"hi\"\"\",x\n", {{1, {"say \"hi\"", "x"}}}},
      {"quoted empty", "\"\",x\n", {{1, {"", "x"}}}},
      {"quoted newlines",
       "\"line1\nline2\r\nline3\",x\r\nnext,y\r\n",
       {{1, {"line1\nline2\r\nline3", "x"}}, {4, {"next", "y"}}}},
      {"quoted last field", "a,\"b\"", {{1, {"a", "b"}}}},
      {"blank lines skipped", "\n\r\na\n\n\nb\n\n", {{3, {"a"}}, {6, {"b"}}}},
      {"empty rows skipped", "a,b\n,,\r\n\"\",\nc,d\n", {{1, {"a", "b"}}, {4, {"c", "d"}}}},
      {"bom skipped", "\xEF\xBB\xBF名称,电话\n", {{1, {"名称", "电话"}}}},
      {"utf8 kept", "广州,\"天河区, 体育西路\"\n", {{1, {"广州", "天河区, 体育西路"}}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    ExpectRecords(c.records, ReadAll(c.text));
  }
}

struct ErrorCase {
  const char* label;
  std::string text;
  std::string message_part;
};

TEST(CsvReader, RefusesMalformedRecords) {
  const std::string wide_row = [] {
    std::string row = "x";
    for (std::size_t i = 1; i <= kMaxCsvFields; ++i) {
      row += ",x";
    }
    return row;
  }();
  const ErrorCase cases[] = {
      {"unterminated", "a,b\nc,\"open\nmore\n", "line 2: a quoted field is never closed"},
      {"quote inside unquoted", "a,b\nc,d\"e\n", "line 2: a quote inside unquoted field 2"},
      {"space before quote", "a, \"b\"\n", "line 1: a quote inside unquoted field 2"},
      {"text after closing quote", "\"a\nb\"c,d\n",
       "line 2: text after the closing quote of "
       "field 1"},
      {"too many fields", "h\n" + wide_row + "\n", "line 2: more than 200 fields"},
      {"unquoted field too long", "a\n" + std::string(kMaxCsvFieldBytes + 1, 'x'),
       "line 2: field 1 is longer than 65536 bytes"},
      {"quoted field too long", "a,\"" + std::string(kMaxCsvFieldBytes + 1, 'x') + "\"",
       "line 1: field 2 is longer than 65536 bytes"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    const std::string message = testing::ExpectApiError(
        [&] { ReadAll(c.text); }, ErrorKind::kUnprocessable, "csv_syntax", "file");
    EXPECT_NE(message.find(c.message_part), std::string::npos) << message;
  }
}

TEST(CsvReader, LimitsAreInclusive) {
  std::string row = "x";
  for (std::size_t i = 1; i < kMaxCsvFields; ++i) {
    row += ",x";
  }
  const std::string longest(kMaxCsvFieldBytes, 'y');
  const auto records = ReadAll(row + "\n\"" + longest + "\"\n");
  ASSERT_EQ(2u, records.size());
  EXPECT_EQ(kMaxCsvFields, records[0].fields.size());
  EXPECT_EQ(longest, records[1].fields.at(0));
}

TEST(CsvReader, ReturnsRecordsBeforeAnError) {
  CsvReader reader("ok,1\nbad\"\n");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_EQ((Fields{"ok", "1"}), record.fields);
  EXPECT_THROW(reader.Next(&record), ApiError);
}

}  // namespace
}  // namespace mams::tabular
