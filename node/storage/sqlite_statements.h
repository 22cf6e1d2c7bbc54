#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "node/storage/result_set.h"

struct sqlite3;
struct sqlite3_stmt;

namespace mams::storage {

/// Runs statements on one SQLite connection through the C API, keeping the compiled form of
/// the most recently used ones. POCO Data compiles a statement on every execution, which was
/// the largest single cost of a get by id and of imports (bench/RESULTS.md). Not thread-safe:
/// owned by one connection, which the pool hands to one thread at a time.
class SqliteStatements {
 public:
  /// `db` stays owned by the caller and must outlive this object.
  SqliteStatements(sqlite3* db, std::size_t capacity);
  ~SqliteStatements();
  SqliteStatements(const SqliteStatements&) = delete;
  SqliteStatements& operator=(const SqliteStatements&) = delete;

  /// Throws StorageError with the kind derived from SQLite's result code.
  ResultSet Query(std::string_view sql, const SqlParams& params);
  /// Calls `each` with every row as SQLite holds it after a step (Session::QueryRows). Any
  /// statement run from inside `each` on this connection is refused with kUsage.
  void QueryRows(std::string_view sql, const SqlParams& params, const RowCallback& each);
  /// Returns the number of rows changed.
  std::int64_t Execute(std::string_view sql, const SqlParams& params);

 private:
  void Bind(sqlite3_stmt* statement, const SqlParams& params);
  /// One step: true when a row is ready, false when the statement is done; throws (naming
  /// `what`) on anything else.
  bool Step(sqlite3_stmt* statement, std::string_view what);
  [[noreturn]] void Fail(int code, std::string_view what);

  struct Entry {
    std::string sql;
    sqlite3_stmt* statement;
    std::shared_ptr<const std::vector<std::string>> columns;  ///< its result's column names
  };
  /// The cached statement for `sql`, compiled on first use.
  Entry& Prepared(std::string_view sql);
  sqlite3* db_;
  std::size_t capacity_;
  std::list<Entry> recent_;  ///< most recently used first
  /// A statement's text is hashed by its length and eight words spread over it: hashing every
  /// byte of a 400-byte SELECT was more than the rest of the lookup. Texts that share those
  /// words only share a bucket; the lookup still compares them whole.
  struct SampledHash {
    std::size_t operator()(std::string_view sql) const noexcept;
  };
  std::unordered_map<std::string_view, std::list<Entry>::iterator, SampledHash> by_sql_;
  bool reading_rows_ = false;  ///< inside a QueryRows callback
};

}  // namespace mams::storage
