#include "node/entity/entity_shape.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include "node/common/enum_names.h"
#include "node/http/json_writer.h"
#include "node/storage/dialect.h"

namespace mams::entity {
namespace {

constexpr const char* kOwnSyncFields[] = {"id", "org_code", "version", "updated_at"};
constexpr char kSyncBookkeepingDdl[] =
    "owner_node VARCHAR(64) NOT NULL, version_node VARCHAR(64) NOT NULL DEFAULT '',"
    " base_version BIGINT NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0";

// The SQL type of each field type of a fixed size; text and string lists are sized below.
constexpr EnumName<FieldType> kSqlTypes[] = {
    {FieldType::kInteger, "BIGINT"},        {FieldType::kMoney, "BIGINT"},
    {FieldType::kBool, "INTEGER"},          {FieldType::kDate, "VARCHAR(10)"},
    {FieldType::kTimestamp, "VARCHAR(32)"}, {FieldType::kReference, "VARCHAR(36)"},
    {FieldType::kEnum, "VARCHAR(32)"},
};

std::invalid_argument Wrong(const std::string& table, const std::string& what) {
  return std::invalid_argument("entity " + table + ": " + what);
}

// ASCII letters lowered, blanks dropped: "Customer No" and "customer_no " meet as one.
std::string HeaderKey(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '_') {
      continue;
    }
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

void WriteOpenApiType(http::JsonWriter& out, const FieldSpec& field) {
  switch (field.type) {
    case FieldType::kInteger:
    case FieldType::kMoney:
      out.Key("type").String("integer").Key("format").String("int64");
      break;
    case FieldType::kBool:
      out.Key("type").String("boolean");
      break;
    case FieldType::kStringList:
      out.Key("type").String("array").Key("items").BeginObject().Key("type").String("string");
      out.EndObject();
      break;
    case FieldType::kDate:
      out.Key("type").String("string").Key("format").String("date");
      break;
    case FieldType::kTimestamp:
      out.Key("type").String("string").Key("format").String("date-time");
      break;
    case FieldType::kEnum:
      out.Key("type").String("string").Key("enum").BeginArray();
      for (const auto& value : field.enum_values) {
        out.String(value);
      }
      out.EndArray();
      break;
    case FieldType::kText:
    case FieldType::kReference:
      out.Key("type").String("string");
      break;
  }
}

}  // namespace

std::string SqlTypeOf(const FieldSpec& field) {
  if (!field.sql_type.empty()) {
    return field.sql_type;
  }
  if (field.column == "id") {
    return "VARCHAR(36)";  // row ids are UUIDs (node/common/ids.h)
  }
  const std::string_view fixed = NameOf(kSqlTypes, field.type);
  if (!fixed.empty()) {
    return std::string(fixed);
  }
  constexpr std::size_t kDefaultText = 255;
  return "VARCHAR(" + std::to_string(field.max_length > 0 ? field.max_length : kDefaultText) + ")";
}

EntityShape::EntityShape(std::string table, Sync sync, std::vector<FieldSpec> fields)
    : table_(std::move(table)), sync_(sync), fields_(std::move(fields)) {
  std::set<std::string> columns;
  std::set<std::string> names;
  for (const auto& field : fields_) {
    const std::string label = field.column.empty() ? field.json : field.column;
    if (!field.column.empty() && !columns.insert(field.column).second) {
      throw Wrong(table_, "column " + field.column + " declared twice");
    }
    if (!field.json.empty() && !names.insert(field.json).second) {
      throw Wrong(table_, "JSON name " + field.json + " declared twice");
    }
    if (field.type == FieldType::kEnum && field.enum_values.empty()) {
      throw Wrong(table_, "enum field " + label + " has no values");
    }
    if (field.type == FieldType::kReference && field.reference.empty()) {
      throw Wrong(table_, "reference field " + label + " names no table");
    }
    if (!field.column.empty()) {
      columns_.push_back(field.column);
      if (field.column != "version") {
        written_columns_.push_back(field.column);
      }
      column_list_ += (column_list_.empty() ? "" : ", ") + field.column;
    }
    if (field.input) {
      input_names_.push_back(field.json);
    }
  }
  if (sync_ == Sync::kSynced) {
    for (const char* own : kOwnSyncFields) {
      if (columns.count(own) == 0) {
        throw Wrong(table_, std::string("a synced table declares the field ") + own);
      }
    }
  }
  select_sql_ = "SELECT " + column_list_ + " FROM " + table_;
}

const FieldSpec* EntityShape::ByColumn(std::string_view column) const {
  for (const auto& field : fields_) {
    if (!field.column.empty() && field.column == column) {
      return &field;
    }
  }
  return nullptr;
}

const FieldSpec* EntityShape::ByJson(std::string_view json) const {
  for (const auto& field : fields_) {
    if (!field.json.empty() && field.json == json) {
      return &field;
    }
  }
  return nullptr;
}

std::string EntityShape::InsertSql(const std::vector<std::string>& columns) const {
  std::string names;
  std::string marks;
  for (const auto& column : columns) {
    names += (names.empty() ? "" : ", ") + column;
    marks += marks.empty() ? "?" : ", ?";
  }
  return "INSERT INTO " + table_ + " (" + names + ") VALUES (" + marks + ")";
}

std::string EntityShape::UpdateSql(const std::vector<std::string>& columns,
                                   std::string_view also_set, std::string_view where) const {
  std::string sets;
  for (const auto& column : columns) {
    sets += (sets.empty() ? "" : ", ") + column + " = ?";
  }
  if (!also_set.empty()) {
    sets += ", " + std::string(also_set);
  }
  return "UPDATE " + table_ + " SET " + sets + " WHERE " + std::string(where);
}

std::vector<std::string> EntityShape::CreateTableSql(const storage::Dialect& dialect) const {
  std::string ddl = "CREATE TABLE IF NOT EXISTS " + table_ + " (";
  bool first = true;
  for (const auto& field : fields_) {
    if (field.column.empty()) {
      continue;
    }
    ddl += (first ? "" : ", ") + field.column + " " + SqlTypeOf(field);
    first = false;
    if (!field.nullable) {
      ddl += " NOT NULL";
    }
    if (!field.sql_default.empty()) {
      ddl += " DEFAULT " + field.sql_default;
    }
    if (field.column == "id") {
      ddl += " PRIMARY KEY";
    }
  }
  std::vector<std::string> statements;
  if (sync_ == Sync::kSynced) {
    ddl += std::string(", ") + kSyncBookkeepingDdl;
  }
  statements.push_back(ddl + ")" + dialect.TableOptions());
  if (sync_ == Sync::kSynced) {
    statements.push_back("CREATE INDEX idx_" + table_ + "_sync_version ON " + table_ +
                         " (version)");
  }
  return statements;
}

std::string EntityShape::OpenApiSchemaJson() const {
  http::JsonWriter out;
  out.BeginObject().Key("type").String("object").Key("properties").BeginObject();
  for (const auto& field : fields_) {
    if (field.json.empty()) {
      continue;
    }
    out.Key(field.json).BeginObject();
    WriteOpenApiType(out, field);
    if (field.max_length > 0 && field.type == FieldType::kText) {
      out.Key("maxLength").Int(static_cast<std::int64_t>(field.max_length));
    }
    if (field.nullable) {
      out.Key("nullable").Bool(true);
    }
    if (!field.input) {
      out.Key("readOnly").Bool(true);
    } else if (!field.output) {
      out.Key("writeOnly").Bool(true);
    }
    if (!field.header_en.empty()) {
      out.Key("description").String(field.header_en);
    }
    out.EndObject();
  }
  out.EndObject();
  std::vector<std::string> required;
  for (const auto& field : fields_) {
    if (field.required && !field.json.empty()) {
      required.push_back(field.json);
    }
  }
  if (!required.empty()) {
    out.Key("required").BeginArray();
    for (const auto& name : required) {
      out.String(name);
    }
    out.EndArray();
  }
  out.EndObject();
  return out.Take();
}

std::vector<std::string> EntityShape::ExportHeaders(Language language) const {
  std::vector<std::string> headers;
  for (const auto& field : fields_) {
    const std::string& header = language == Language::kChinese ? field.header_zh : field.header_en;
    if (field.exported && !header.empty()) {
      headers.push_back(header);
    }
  }
  return headers;
}

std::vector<const FieldSpec*> EntityShape::ExportFields() const {
  std::vector<const FieldSpec*> exported;
  for (const auto& field : fields_) {
    if (field.exported && !field.header_zh.empty()) {
      exported.push_back(&field);
    }
  }
  return exported;
}

std::vector<tabular::CsvColumnSpec> EntityShape::ImportColumns() const {
  std::vector<tabular::CsvColumnSpec> columns;
  for (const auto& field : fields_) {
    if (!field.imported || field.header_zh.empty()) {
      continue;
    }
    std::vector<std::string> headers = {field.header_zh};
    headers.insert(headers.end(), field.import_aliases.begin(), field.import_aliases.end());
    columns.push_back({field.json, std::move(headers), field.required});
  }
  return columns;
}

const FieldSpec* EntityShape::ImportField(std::string_view header) const {
  const std::string key = HeaderKey(header);
  for (const auto& field : fields_) {
    if (!field.imported || (field.header_zh.empty() && field.header_en.empty())) {
      continue;
    }
    if (key == HeaderKey(field.header_zh) || key == HeaderKey(field.header_en)) {
      return &field;
    }
    for (const auto& alias : field.import_aliases) {
      if (key == HeaderKey(alias)) {
        return &field;
      }
    }
  }
  return nullptr;
}

}  // namespace mams::entity
