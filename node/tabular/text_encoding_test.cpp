#include "node/tabular/text_encoding.h"

#include <gtest/gtest.h>

#include "node/common/errors.h"
#include "tests/support/api_error_expect.h"

namespace mams::tabular {
namespace {

using namespace std::string_literals;

struct DecodeCase {
  const char* label;
  std::string bytes;
  std::string utf8;
  std::string encoding;
};

TEST(TextEncoding, DecodesUtf8AndGbk) {
  const DecodeCase cases[] = {
      {"empty", "", "", "UTF-8"},
      {"ascii", "name,phone\r\nACME,123\r\n", "name,phone\r\nACME,123\r\n", "UTF-8"},
      {"utf8 chinese", "客户,广州\n", "客户,广州\n", "UTF-8"},
      {"utf8 bom stripped", "\xEF\xBB\xBF客户\n", "客户\n", "UTF-8"},
      {"bom only", "\xEF\xBB\xBF", "", "UTF-8"},
      {"utf8 four-byte", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", "UTF-8"},
      {"gbk 中文", "\xD6\xD0\xCE\xC4", "中文", "GBK"},
      {"gbk csv", "\xBF\xCD\xBB\xA7,\xB9\xE3\xD6\xDD\r\nA,1\r\n", "客户,广州\r\nA,1\r\n", "GBK"},
      // C0 AF is an overlong '/' in UTF-8, which strict validation refuses; in GBK it is 蜡.
      {"overlong is not utf8", "\xC0\xAF", "蜡", "GBK"},
      {"gb18030 four-byte", "\x81\x30\x81\x30", "\xC2\x80", "GBK"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    const DecodedText decoded = DecodeToUtf8(c.bytes);
    EXPECT_EQ(c.utf8, decoded.utf8);
    EXPECT_EQ(c.encoding, decoded.source_encoding);
  }
}

TEST(TextEncoding, GbkOutputGrowsPastTheFirstBuffer) {
  // Two GBK bytes become three UTF-8 bytes, so a long Chinese text outgrows the first buffer.
  std::string bytes;
  std::string expected;
  for (int i = 0; i < 10000; ++i) {
    bytes += "\xD6\xD0\xCE\xC4\n";
    expected += "中文\n";
  }
  const DecodedText decoded = DecodeToUtf8(bytes);
  EXPECT_EQ("GBK", decoded.source_encoding);
  EXPECT_EQ(expected, decoded.utf8);
}

struct RefusalCase {
  const char* label;
  std::string bytes;
  std::string message_part;
};

TEST(TextEncoding, RefusesOtherEncodingsAndBinaries) {
  const RefusalCase cases[] = {
      {"utf-16 le", "\xFF\xFEn\0a\0"s, "the file is UTF-16"},
      {"utf-16 be", "\xFE\xFF\0n\0a"s, "the file is UTF-16"},
      {"utf-32 le", "\xFF\xFE\0\0n\0\0\0"s, "the file is UTF-32"},
      {"utf-32 be", "\0\0\xFE\xFF\0\0\0n"s, "the file is UTF-32"},
      {"xlsx", "PK\x03\x04\x14\0\x06\0"s, "XLSX/ZIP file; save as CSV"},
      {"xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"s, "(XLS) file; save as CSV"},
      {"nul", "a,b\nc\0d\n"s, "NUL byte at line 2, byte offset 5"},
      {"neither", "abc\n\xFF\xFF\n",
       "neither UTF-8 nor GBK: invalid byte at line 2, byte offset 4"},
      {"gbk cut short", "ab\n\xD6\xD0\xCE", "invalid byte at line 2, byte offset 5"},
      {"bom then invalid", "\xEF\xBB\xBFok\n\xD6\xD0",
       "UTF-8 but has an invalid byte at line 2, "
       "byte offset 6"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    const std::string message = testing::ExpectApiError(
        [&] { DecodeToUtf8(c.bytes); }, ErrorKind::kUnprocessable, "unsupported_encoding", "file");
    EXPECT_NE(message.find(c.message_part), std::string::npos) << message;
    EXPECT_NE(message.find("文件编码不支持"), std::string::npos);
  }
}

TEST(TextEncoding, DamagedUtf8IsNotDecodedAsGbk) {
  // UTF-8 Chinese also decodes as (garbled) GB18030; one lost byte must not turn the whole
  // file into mojibake.
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text += "广州移动,客户经理\n";
  }
  const std::size_t broken = text.find("客户", text.size() / 2);
  text.erase(broken, 1);
  try {
    DecodeToUtf8(text);
    ADD_FAILURE() << "accepted";
  } catch (const ApiError& error) {
    EXPECT_NE(std::string(error.what())
                  .find("UTF-8 but has an invalid byte at line 11, byte "
                        "offset " +
                        std::to_string(broken)),
              std::string::npos)
        << error.what();
  }
}

TEST(TextEncoding, FindInvalidUtf8IsStrict) {
  const std::pair<std::string, std::optional<std::size_t>> cases[] = {
      {"plain", std::nullopt},
      {"\xC2\x80", std::nullopt},          // U+0080
      {"\xE0\xA0\x80", std::nullopt},      // U+0800
      {"\xED\x9F\xBF", std::nullopt},      // U+D7FF, last before the surrogates
      {"\xEF\xBF\xBF", std::nullopt},      // U+FFFF
      {"\xF4\x8F\xBF\xBF", std::nullopt},  // U+10FFFF
      {"a\xC0\x80", 1},                    // overlong NUL
      {"\xC1\xBF", 0},                     // overlong two-byte
      {"\xE0\x9F\xBF", 0},                 // overlong three-byte
      {"\xF0\x8F\xBF\xBF", 0},             // overlong four-byte
      {"\xED\xA0\x80", 0},                 // surrogate U+D800
      {"\xED\xBF\xBF", 0},                 // surrogate U+DFFF
      {"\xF4\x90\x80\x80", 0},             // U+110000
      {"\xF5\x80\x80\x80", 0},             // no such lead byte
      {"ab\x80", 2},                       // lone continuation byte
      {"ab\xE4\xB8", 2},                   // cut off at the end
      {"\xE4\xB8\x41", 0},                 // continuation missing
      {"\xFF", 0},
  };
  for (const auto& [bytes, expected] : cases) {
    EXPECT_EQ(expected, FindInvalidUtf8(bytes)) << bytes;
  }
}

}  // namespace
}  // namespace mams::tabular
