#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "node/entity/field_spec.h"
#include "node/tabular/header_index.h"

namespace mams::storage {
class Dialect;
}

namespace mams::entity {

/// Whether the table's rows travel between nodes (docs/sync-protocol.md): a synced table
/// carries the sync bookkeeping columns and is written through SyncedTable.
enum class Sync { kNone, kSynced };

/// Export headers in one language.
enum class Language { kChinese, kEnglish };

/// The columns a synced table carries besides its declared fields. A synced entity declares
/// `id`, `org_code`, `version` and `updated_at` itself (it reads and shows them).
inline constexpr const char* kSyncBookkeeping[] = {"owner_node", "version_node", "base_version",
                                                   "deleted"};

/// An entity's declaration without its record type: everything derived from the field
/// table that needs no access to a record. Immutable once built; thread-safe to share.
class EntityShape {
 public:
  /// Throws std::invalid_argument naming the table and the field when the declaration is
  /// wrong: a duplicate column or JSON name, an enum without values, a reference without a
  /// table, or a synced table without its own sync fields.
  EntityShape(std::string table, Sync sync, std::vector<FieldSpec> fields);

  const std::string& table() const { return table_; }
  Sync sync() const { return sync_; }
  const std::vector<FieldSpec>& fields() const { return fields_; }
  /// The declared field stored in `column`, or null.
  const FieldSpec* ByColumn(std::string_view column) const;
  /// The declared field shown as `json`, or null.
  const FieldSpec* ByJson(std::string_view json) const;

  /// "a, b, c": the stored fields in declaration order.
  const std::string& ColumnList() const { return column_list_; }
  /// "SELECT a, b, c FROM table".
  const std::string& SelectSql() const { return select_sql_; }
  /// The stored columns in declaration order (SelectSql's positions).
  const std::vector<std::string>& Columns() const { return columns_; }
  /// The stored columns a write binds from the record: all but `version`, which a synced
  /// write stamps and an unsynced one counts up.
  const std::vector<std::string>& WrittenColumns() const { return written_columns_; }
  /// The JSON names a request body may carry (fields declared Input()), in declaration order.
  const std::vector<std::string>& InputNames() const { return input_names_; }

  /// "INSERT INTO table (a, b) VALUES (?, ?)" for a table that is not synced (a synced
  /// one writes through SyncedTable).
  std::string InsertSql(const std::vector<std::string>& columns) const;
  /// "UPDATE table SET a = ?, b = ?[, also_set] WHERE where" for a table that is not synced.
  std::string UpdateSql(const std::vector<std::string>& columns, std::string_view also_set,
                        std::string_view where) const;

  /// CREATE TABLE for a new table: the declared fields (NOT NULL unless nullable, DEFAULT
  /// where declared, `id` the primary key) and, for a synced table, the bookkeeping columns
  /// and the index sync capture reads rows by. Existing tables keep their migrations.
  std::vector<std::string> CreateTableSql(const storage::Dialect& dialect) const;
  /// The OpenAPI 3.0 schema object of the entity's JSON (type, format, enum, maxLength,
  /// nullable, required of the input fields, description from the English header).
  std::string OpenApiSchemaJson() const;
  /// The export headers of the exported fields that have one, in declaration order.
  std::vector<std::string> ExportHeaders(Language language) const;
  /// The exported fields, in declaration order (ExportHeaders' columns).
  std::vector<const FieldSpec*> ExportFields() const;
  /// The CSV/XLSX import columns: each field with a Chinese header, named by its JSON name,
  /// accepted under that header and its aliases, required in the file when the field is.
  std::vector<tabular::CsvColumnSpec> ImportColumns() const;
  /// The field an import header names: its Chinese or English header or an alias
  /// (case- and blank-insensitive for ASCII), or null.
  const FieldSpec* ImportField(std::string_view header) const;

 private:
  std::string table_;
  Sync sync_;
  std::vector<FieldSpec> fields_;
  std::vector<std::string> columns_;
  std::vector<std::string> written_columns_;
  std::vector<std::string> input_names_;
  std::string column_list_;
  std::string select_sql_;
};

/// The DDL type of `field`: its declared sql_type, else derived: VARCHAR(36) for `id` and
/// references, VARCHAR(max_length) for text (VARCHAR(255) without a length), BIGINT for
/// integers and money, INTEGER for bool, VARCHAR(10) for dates, VARCHAR(32) for timestamps
/// and enums.
std::string SqlTypeOf(const FieldSpec& field);

}  // namespace mams::entity
