#include "node/storage/sqlite_statements.h"

#include <sqlite3.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <list>

#include "node/storage/storage_error.h"

namespace mams::storage {
namespace {

StorageErrorKind KindOf(int code) {
  switch (code & 0xff) {  // the primary result code of an extended one
    case SQLITE_CONSTRAINT:
      return StorageErrorKind::kConstraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StorageErrorKind::kBusy;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StorageErrorKind::kUnavailable;
    default:
      return StorageErrorKind::kUsage;
  }
}

// One sqlite3_column_value per column, then the value's own accessors: each sqlite3_column_*
// call looks the column up again (columnMem, an error check), and reading a text that way
// took three of them, a twentieth of a get by id. SQLite calls the value_* functions on
// such a value "not threadsafe": another thread could use the connection meanwhile. None
// can: the pool lends a connection to one thread at a time.
SqlValue ReadColumn(sqlite3_stmt* statement, int column) {
  sqlite3_value* value = sqlite3_column_value(statement, column);
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_value_int64(value));
    case SQLITE_FLOAT:
      return sqlite3_value_double(value);
    default: {  // text or blob: both arrive as bytes
      const auto* bytes = static_cast<const char*>(sqlite3_value_blob(value));
      const int size = sqlite3_value_bytes(value);
      return std::string(bytes == nullptr ? "" : bytes, static_cast<std::size_t>(size));
    }
  }
}

// The current row of a stepped statement, read in place.
class StatementRowView final : public RowView {
 public:
  StatementRowView(sqlite3_stmt* statement, int column_count)
      : statement_(statement), column_count_(column_count) {}

  /// Before each row: the texts made for the last one go.
  void NextRow() { converted_.clear(); }

  bool IsNull(std::size_t column) const override {
    return sqlite3_value_type(Value(column)) == SQLITE_NULL;
  }
  std::int64_t Int(std::size_t column) const override {
    sqlite3_value* value = Value(column);
    switch (sqlite3_value_type(value)) {
      case SQLITE_INTEGER:
        return sqlite3_value_int64(value);
      case SQLITE_FLOAT:
        return static_cast<std::int64_t>(sqlite3_value_double(value));
      default:  // text that is a whole number, as Row::Int takes it
        if (const auto number = WholeNumber(Text(column))) {
          return *number;
        }
        const char* name = sqlite3_column_name(statement_, Index(column));
        throw StorageError(StorageErrorKind::kUsage,
                           "column '" + std::string(name ? name : "?") + "' is not an integer");
    }
  }
  std::string_view Text(std::size_t column) const override {
    sqlite3_value* value = Value(column);
    switch (sqlite3_value_type(value)) {
      case SQLITE_NULL:
        return {};
      case SQLITE_FLOAT:  // written as Row::Text writes it, not as SQLite would (%!.15g)
        return converted_.emplace_back(std::to_string(sqlite3_value_double(value)));
      case SQLITE_BLOB: {
        const auto* bytes = static_cast<const char*>(sqlite3_value_blob(value));
        return {bytes == nullptr ? "" : bytes,
                static_cast<std::size_t>(sqlite3_value_bytes(value))};
      }
      default: {  // text, or an integer SQLite turns into text in place until the next step
        const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
        if (text == nullptr) {  // only when the conversion had no memory
          throw StorageError(StorageErrorKind::kUnavailable, "sqlite: out of memory reading a row");
        }
        return {text, static_cast<std::size_t>(sqlite3_value_bytes(value))};
      }
    }
  }

 private:
  int Index(std::size_t column) const {
    if (column >= static_cast<std::size_t>(column_count_)) {
      throw StorageError(StorageErrorKind::kUsage,
                         "column index " + std::to_string(column) + " out of range");
    }
    return static_cast<int>(column);
  }
  sqlite3_value* Value(std::size_t column) const {
    return sqlite3_column_value(statement_, Index(column));
  }

  sqlite3_stmt* statement_;
  int column_count_;
  mutable std::list<std::string> converted_;  // stays put; allocates nothing while empty
};

// Marks the connection as reading rows for a QueryRows callback while it lives.
class ReadingRows {
 public:
  explicit ReadingRows(bool* reading) : reading_(reading) { *reading_ = true; }
  ~ReadingRows() { *reading_ = false; }
  ReadingRows(const ReadingRows&) = delete;
  ReadingRows& operator=(const ReadingRows&) = delete;

 private:
  bool* reading_;
};

// Resets a statement when the call that used it ends, so no statement keeps a read
// transaction open or holds the previous call's values.
class ResetOnExit {
 public:
  explicit ResetOnExit(sqlite3_stmt* statement) : statement_(statement) {}
  ~ResetOnExit() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  sqlite3_stmt* statement_;
};

}  // namespace

std::size_t SqliteStatements::SampledHash::operator()(std::string_view sql) const noexcept {
  constexpr int kSamples = 8;
  std::uint64_t hash = sql.size();
  if (sql.size() < sizeof(std::uint64_t) * kSamples) {
    return std::hash<std::string_view>()(sql);  // short: every byte is cheap enough
  }
  const std::size_t step = (sql.size() - sizeof(std::uint64_t)) / (kSamples - 1);
  for (int i = 0; i < kSamples; ++i) {  // the first and the last word among them
    std::uint64_t word = 0;
    std::memcpy(&word, sql.data() + i * step, sizeof word);
    hash = (hash ^ word) * 0x100000001b3;  // FNV-1a's prime, over words
    hash ^= hash >> 29;
  }
  return static_cast<std::size_t>(hash);
}

SqliteStatements::SqliteStatements(sqlite3* db, std::size_t capacity)
    : db_(db), capacity_(capacity) {}

SqliteStatements::~SqliteStatements() {
  for (auto& entry : recent_) {
    sqlite3_finalize(entry.statement);
  }
}

ResultSet SqliteStatements::Query(std::string_view sql, const SqlParams& params) {
  Entry& entry = Prepared(sql);
  sqlite3_stmt* statement = entry.statement;
  ResetOnExit reset(statement);
  Bind(statement, params);
  const int column_count = sqlite3_column_count(statement);
  // SQLite recompiles a statement whose tables changed; `SELECT *` may then have more columns.
  if (!entry.columns || entry.columns->size() != static_cast<std::size_t>(column_count)) {
    std::vector<std::string> columns;
    columns.reserve(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
      columns.emplace_back(sqlite3_column_name(statement, c));
    }
    entry.columns = std::make_shared<const std::vector<std::string>>(std::move(columns));
  }
  ResultSet result(entry.columns);
  while (Step(statement, "query failed")) {
    std::vector<SqlValue> values;
    values.reserve(static_cast<std::size_t>(column_count));
    for (int c = 0; c < column_count; ++c) {
      values.push_back(ReadColumn(statement, c));
    }
    result.AddRow(std::move(values));
  }
  return result;
}

void SqliteStatements::QueryRows(std::string_view sql, const SqlParams& params,
                                 const RowCallback& each) {
  sqlite3_stmt* statement = Prepared(sql).statement;
  ResetOnExit reset(statement);
  Bind(statement, params);
  const ReadingRows reading(&reading_rows_);
  StatementRowView row(statement, sqlite3_column_count(statement));
  while (Step(statement, "query failed")) {
    row.NextRow();
    each(row);
  }
}

std::int64_t SqliteStatements::Execute(std::string_view sql, const SqlParams& params) {
  sqlite3_stmt* statement = Prepared(sql).statement;
  ResetOnExit reset(statement);
  Bind(statement, params);
  while (Step(statement, "statement failed")) {
    // e.g. a PRAGMA that answers; the rows are not wanted
  }
  return sqlite3_changes64(db_);
}

bool SqliteStatements::Step(sqlite3_stmt* statement, std::string_view what) {
  const int code = sqlite3_step(statement);
  if (code != SQLITE_ROW && code != SQLITE_DONE) {
    Fail(code, what);
  }
  return code == SQLITE_ROW;
}

SqliteStatements::Entry& SqliteStatements::Prepared(std::string_view sql) {
  if (reading_rows_) {
    // The running statement would be reset, rebound or, pushed out of the cache, finalized
    // under the reader's feet.
    throw StorageError(StorageErrorKind::kUsage,
                       "sqlite: a QueryRows callback used its own session; read the rows first");
  }
  if (const auto found = by_sql_.find(sql); found != by_sql_.end()) {
    recent_.splice(recent_.begin(), recent_, found->second);
    return *found->second;
  }
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) {
    sqlite3_finalize(statement);
    Fail(code, "cannot prepare statement");
  }
  if (statement == nullptr) {  // only whitespace or a comment
    throw StorageError(StorageErrorKind::kUsage, "sqlite: empty statement");
  }
  recent_.push_front({std::string(sql), statement, nullptr});
  by_sql_.emplace(recent_.front().sql, recent_.begin());
  if (recent_.size() > capacity_) {
    by_sql_.erase(recent_.back().sql);
    sqlite3_finalize(recent_.back().statement);
    recent_.pop_back();
  }
  return recent_.front();
}

void SqliteStatements::Bind(sqlite3_stmt* statement, const SqlParams& params) {
  const int expected = sqlite3_bind_parameter_count(statement);
  if (expected != static_cast<int>(params.size())) {
    throw StorageError(StorageErrorKind::kUsage, "sqlite: statement takes " +
                                                     std::to_string(expected) + " values, got " +
                                                     std::to_string(params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    const SqlValue& value = params[i];
    int code = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(value)) {
      code = sqlite3_bind_null(statement, at);
    } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
      code = sqlite3_bind_int64(statement, at, *integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      code = sqlite3_bind_double(statement, at, *real);
    } else {
      const auto& text = std::get<std::string>(value);
      // SQLITE_STATIC: the caller's params outlive the step that reads them.
      code =
          sqlite3_bind_text64(statement, at, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (code != SQLITE_OK) {
      Fail(code, "cannot bind value");
    }
  }
}

void SqliteStatements::Fail(int code, std::string_view what) {
  // The message names the failure, never a bound value (they may be personal data).
  throw StorageError(KindOf(code), "sqlite: " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

}  // namespace mams::storage
