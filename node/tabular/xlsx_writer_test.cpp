#include "node/tabular/xlsx_writer.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>

#include "node/common/errors.h"

namespace mams::tabular {
namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::size_t kEndOfDirectorySize = 22;
constexpr std::size_t kDirectoryEntrySize = 46;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr int kStored = 0;
constexpr int kDeflated = 8;

// One entry of a ZIP archive, found through the central directory and checked against its
// CRC; enough for what libxlsxwriter writes (no ZIP64, stored or deflated entries).
std::optional<std::string> ZipEntry(const std::string& zip, const std::string& name) {
  const auto byte = [&zip](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(zip.at(at)));
  };
  const auto u16 = [&byte](std::size_t at) { return byte(at) | byte(at + 1) << 8; };
  const auto u32 = [&u16](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
  const std::size_t end = zip.rfind("PK\x05\x06");
  if (end == std::string::npos || end + kEndOfDirectorySize > zip.size() ||
      u32(end) != kEndOfDirectory) {
    return std::nullopt;
  }
  std::size_t at = u32(end + 16);
  for (std::uint32_t i = 0; i < u16(end + 10); ++i) {
    if (u32(at) != kDirectoryEntry) {
      return std::nullopt;
    }
    const std::size_t name_size = u16(at + 28);
    if (zip.compare(at + kDirectoryEntrySize, name_size, name) == 0) {
      const std::size_t local = u32(at + 42);
      const std::size_t data = local + kLocalHeaderSize + u16(local + 26) + u16(local + 28);
      const std::string packed = zip.substr(data, u32(at + 20));
      std::string plain(u32(at + 24), '\0');
      if (u16(at + 10) == kStored) {
        plain = packed;
      } else if (u16(at + 10) == kDeflated) {
        z_stream stream{};
        stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
        stream.avail_in = static_cast<uInt>(packed.size());
        stream.next_out = reinterpret_cast<Bytef*>(plain.data());
        stream.avail_out = static_cast<uInt>(plain.size());
        const bool ok = inflateInit2(&stream, -MAX_WBITS) == Z_OK &&
                        inflate(&stream, Z_FINISH) == Z_STREAM_END && stream.avail_out == 0;
        inflateEnd(&stream);
        if (!ok) {
          return std::nullopt;
        }
      } else {
        return std::nullopt;
      }
      const auto crc =
          crc32(0, reinterpret_cast<const Bytef*>(plain.data()), static_cast<uInt>(plain.size()));
      return crc == u32(at + 16) ? std::optional<std::string>(plain) : std::nullopt;
    }
    at += kDirectoryEntrySize + name_size + u16(at + 30) + u16(at + 32);
  }
  return std::nullopt;
}

void ExpectContains(const std::string& text, const std::vector<std::string>& parts) {
  for (const auto& part : parts) {
    EXPECT_NE(text.find(part), std::string::npos) << part;
  }
}

Sheet CustomerSheet() {
  Sheet sheet;
  sheet.name = "客户清单";
  sheet.columns = {{"客户名称", 0, ColumnKind::kText},
                   {"员工数", 8, ColumnKind::kInteger},
                   {"年收入(元)", 0, ColumnKind::kMoney},
                   {"签约日期", 0, ColumnKind::kDate}};
  sheet.rows = {
      {Cell::Text("广州移动"), Cell::Number(1200), Cell::Number(123456), Cell::Text("2024-05-01")},
      {Cell::Text("=1+1"), Cell::Text("—"), Cell::Number(-5)},
      {},
  };
  return sheet;
}

TEST(XlsxWriter, WritesCellsByColumnKind) {
  const std::string xlsx = WriteXlsx(CustomerSheet());
  ASSERT_EQ("PK\x03\x04", xlsx.substr(0, 4));

  const auto sheet = ZipEntry(xlsx, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet);
  ExpectContains(*sheet, {
                             "<v>1200</v>",
                             "<v>1234.56</v>",
                             "<v>45413</v>",  // 2024-05-01 as an Excel serial day
                             "<v>-0.05</v>",
                             "<autoFilter ref=\"A1:D4\"/>",
                             "ySplit=\"1\"",
                             "state=\"frozen\"",
                         });
  EXPECT_EQ(sheet->find("<f>"), std::string::npos) << "no cell may become a formula";

  const auto strings = ZipEntry(xlsx, "xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  ExpectContains(*strings, {">客户名称<", ">年收入(元)<", ">广州移动<", ">=1+1<", ">—<"});

  const auto styles = ZipEntry(xlsx, "xl/styles.xml");
  ASSERT_TRUE(styles);
  ExpectContains(*styles, {"formatCode=\"#,##0.00\"", "formatCode=\"yyyy-mm-dd\"", "<b/>"});

  const auto workbook = ZipEntry(xlsx, "xl/workbook.xml");
  ASSERT_TRUE(workbook);
  ExpectContains(*workbook, {"name=\"客户清单\""});
}

TEST(XlsxWriter, ControlCharactersAreWrittenVisiblyNeverCut) {
  using namespace std::string_literals;
  Sheet sheet{"Stored", {{"备注", 0, ColumnKind::kText}}, {}};
  sheet.rows = {
      {Cell::Text("前\0后"s)}, {Cell::Text("响\x07铃")}, {Cell::Text("第一行\n第二行\t尾")}};
  const auto strings = ZipEntry(WriteXlsx(sheet), "xl/sharedStrings.xml");
  ASSERT_TRUE(strings);
  ExpectContains(*strings, {">前\xEF\xBF\xBD后<", ">响\xEF\xBF\xBD铃<", ">第一行\n第二行\t尾<"});
  EXPECT_EQ(strings->find(">前<"), std::string::npos) << "a NUL must not end the cell";
}

TEST(XlsxWriter, HeaderOnlySheet) {
  Sheet sheet{"Empty", {{"A", 0, ColumnKind::kText}, {"B", 0, ColumnKind::kMoney}}, {}};
  const auto xml = ZipEntry(WriteXlsx(sheet), "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(xml);
  ExpectContains(*xml, {"<autoFilter ref=\"A1:B1\"/>"});
}

TEST(XlsxWriter, SheetNames) {
  const std::pair<std::string, bool> cases[] = {
      {"客户清单", true},
      {"It's fine", true},
      {std::string(31, 'a'), true},
      {[] {
         std::string name;
         for (int i = 0; i < 31; ++i) {
           name += "客";
         }
         return name;
       }(),
       true},
      {"", false},
      {std::string(32, 'a'), false},
      {"a[b", false},
      {"a]b", false},
      {"a:b", false},
      {"a*b", false},
      {"a?b", false},
      {"a/b", false},
      {"a\\b", false},
      {"'quoted", false},
      {"quoted'", false},
  };
  for (const auto& [name, valid] : cases) {
    EXPECT_EQ(valid, IsValidSheetName(name)) << name;
    Sheet sheet{name, {{"A", 0, ColumnKind::kText}}, {}};
    if (valid) {
      EXPECT_NO_THROW(WriteXlsx(sheet)) << name;
    } else {
      EXPECT_THROW(WriteXlsx(sheet), ApiError) << name;
    }
  }
}

TEST(XlsxWriter, RefusesBadSheetsAsInternalErrors) {
  const auto with_rows = [](std::vector<std::vector<Cell>> rows) {
    Sheet sheet = CustomerSheet();
    sheet.rows = std::move(rows);
    return sheet;
  };
  const std::pair<Sheet, std::string> cases[] = {
      {Sheet{"NoColumns", {}, {}}, "1 to 16384 columns"},
      {with_rows(
           {{Cell::Text("a"), Cell::Text("b"), Cell::Text("c"), Cell::Text("d"), Cell::Text("e")}}),
       "row 2 has more cells than the sheet has columns"},
      {with_rows({{}, {Cell::Text("a"), {}, {}, Cell::Text("2023-02-29")}}),
       "row 3, column \"签约日期\": not a date (YYYY-MM-DD)"},
      {with_rows({{{}, {}, {}, Cell::Text("2024/05/01")}}), "not a date"},
      {with_rows({{Cell::Text(std::string(32768, 'x'))}}),
       "row 2, column \"客户名称\": String exceeds Excel's limit of 32,767 characters"},
  };
  for (const auto& [sheet, message_part] : cases) {
    try {
      WriteXlsx(sheet);
      ADD_FAILURE() << "accepted: " << message_part;
    } catch (const ApiError& error) {
      EXPECT_EQ(ErrorKind::kInternal, error.kind());
      EXPECT_EQ("xlsx_write", error.code());
      EXPECT_NE(std::string(error.what()).find(message_part), std::string::npos) << error.what();
    }
  }
}

TEST(XlsxWriter, LeavesNoTemporaryFiles) {
  namespace fs = std::filesystem;
  const char* previous = std::getenv("TMPDIR");
  const std::string saved = previous ? previous : "";
  std::string dir = (fs::temp_directory_path() / "mams-xlsx-test-XXXXXX").string();
  ASSERT_NE(nullptr, mkdtemp(dir.data()));
  setenv("TMPDIR", dir.c_str(), 1);
  EXPECT_FALSE(WriteXlsx(CustomerSheet()).empty());
  EXPECT_THROW(WriteXlsx(Sheet{"Bad", {{"D", 0, ColumnKind::kDate}}, {{Cell::Text("x")}}}),
               ApiError);
  EXPECT_TRUE(fs::is_empty(dir));
  if (previous) {
    setenv("TMPDIR", saved.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mams::tabular
