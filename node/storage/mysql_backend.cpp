#include "node/storage/backends.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include <map>
#include <mutex>

#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/storage/connection_pool.h"

namespace mams::storage {
namespace {

// Server error numbers (include/mysqld_error.h, errmsg.h) that decide how a failure is seen.
constexpr int kDuplicateKey = 1062;
constexpr int kRowIsReferenced = 1451;
constexpr int kNoReferencedRow = 1452;
constexpr int kColumnCannotBeNull = 1048;
constexpr int kLockWaitTimeout = 1205;
constexpr int kDeadlock = 1213;
constexpr int kFirstClientError = 2000;  // 2000-2999: the client lost or never had a server

constexpr std::size_t kStatementCacheLimit = 256;

class MysqlConnection final : public Connection {
 public:
  explicit MysqlConnection(std::unique_ptr<sql::Connection> connection)
      : connection_(std::move(connection)) {
    ExecuteRaw("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION'");
    ExecuteRaw("SET SESSION time_zone = '+00:00'");
    ExecuteRaw("SET NAMES utf8mb4 COLLATE utf8mb4_bin");
  }

  ResultSet Query(std::string_view sql, const SqlParams& params) override {
    try {
      sql::PreparedStatement& statement = Prepare(sql, params);
      std::unique_ptr<sql::ResultSet> rows(statement.executeQuery());
      sql::ResultSetMetaData* meta = rows->getMetaData();
      const unsigned int column_count = meta->getColumnCount();
      std::vector<std::string> columns;
      std::vector<int> types;
      for (unsigned int c = 1; c <= column_count; ++c) {
        columns.push_back(meta->getColumnLabel(c));
        types.push_back(meta->getColumnType(c));
      }
      ResultSet result(std::move(columns));
      while (rows->next()) {
        std::vector<SqlValue> values;
        values.reserve(column_count);
        for (unsigned int c = 1; c <= column_count; ++c) {
          values.push_back(ReadValue(*rows, c, types[c - 1]));
        }
        result.AddRow(std::move(values));
      }
      return result;
    } catch (const sql::SQLException& e) {
      Rethrow(e, "query failed");
    }
  }

  std::int64_t Execute(std::string_view sql, const SqlParams& params) override {
    try {
      return Prepare(sql, params).executeUpdate();
    } catch (const sql::SQLException& e) {
      Rethrow(e, "statement failed");
    }
  }

  void ExecuteRaw(std::string_view sql) override {
    try {
      std::unique_ptr<sql::Statement> statement(connection_->createStatement());
      statement->execute(std::string(sql));
    } catch (const sql::SQLException& e) {
      Rethrow(e, "statement failed");
    }
  }

  std::int64_t LastInsertId() override { return Query("SELECT LAST_INSERT_ID()", {}).ScalarInt(); }

  bool Usable() const override { return usable_; }

  bool TransactionOpen() override {
    return usable_ && Query("SELECT @@in_transaction", {}).ScalarInt() == 1;
  }

  bool Validate() override {
    try {
      usable_ = usable_ && connection_->isValid();
    } catch (const sql::SQLException&) {
      usable_ = false;
    }
    return usable_;
  }

 private:
  static SqlValue ReadValue(sql::ResultSet& rows, unsigned int column, int type) {
    if (rows.isNull(column)) {
      return nullptr;
    }
    switch (type) {
      case sql::DataType::BIT:
      case sql::DataType::TINYINT:
      case sql::DataType::SMALLINT:
      case sql::DataType::MEDIUMINT:
      case sql::DataType::INTEGER:
      case sql::DataType::BIGINT:
      case sql::DataType::YEAR:
        return static_cast<std::int64_t>(rows.getInt64(column));
      case sql::DataType::REAL:
      case sql::DataType::DOUBLE:
        return static_cast<double>(rows.getDouble(column));
      default:
        return std::string(rows.getString(column));
    }
  }

  sql::PreparedStatement& Prepare(std::string_view sql, const SqlParams& params) {
    const std::string key(sql);
    auto found = statements_.find(key);
    if (found == statements_.end()) {
      if (statements_.size() >= kStatementCacheLimit) {
        statements_.clear();
      }
      std::unique_ptr<sql::PreparedStatement> prepared(connection_->prepareStatement(key));
      found = statements_.emplace(key, std::move(prepared)).first;
    }
    sql::PreparedStatement& statement = *found->second;
    statement.clearParameters();
    unsigned int index = 1;
    for (const auto& param : params) {
      if (std::holds_alternative<std::nullptr_t>(param)) {
        statement.setNull(index, sql::DataType::VARCHAR);
      } else if (const auto* i = std::get_if<std::int64_t>(&param)) {
        statement.setInt64(index, *i);
      } else if (const auto* d = std::get_if<double>(&param)) {
        statement.setDouble(index, *d);
      } else {
        statement.setString(index, std::get<std::string>(param));
      }
      ++index;
    }
    return statement;
  }

  [[noreturn]] void Rethrow(const sql::SQLException& e, std::string_view what) {
    const int code = e.getErrorCode();
    const std::string message =
        "mysql: " + std::string(what) + ": " + e.what() + " (error " + std::to_string(code) + ")";
    if (code == kDuplicateKey || code == kRowIsReferenced || code == kNoReferencedRow ||
        code == kColumnCannotBeNull) {
      throw StorageError(StorageErrorKind::kConstraint, message);
    }
    if (code == kLockWaitTimeout || code == kDeadlock) {
      throw StorageError(StorageErrorKind::kBusy, message);
    }
    if (code >= kFirstClientError || code == 0) {
      usable_ = false;
      statements_.clear();
      throw StorageError(StorageErrorKind::kUnavailable, message);
    }
    throw StorageError(StorageErrorKind::kUsage, message);
  }

  std::unique_ptr<sql::Connection> connection_;
  std::map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
  bool usable_ = true;
};

class MysqlStorage final : public Storage {
 public:
  MysqlStorage(const config::MysqlSection& config, int pool_size, int pool_wait_ms)
      : config_(config),
        driver_(sql::mysql::get_mysql_driver_instance()),
        dialect_(Backend::kMysql),
        pool_([this] { return Connect(); }, pool_size, std::chrono::milliseconds(pool_wait_ms)) {}

  std::unique_ptr<Session> Open() override {
    return std::make_unique<Session>(pool_, pool_.Acquire(), dialect_, hooks(), listeners());
  }
  const Dialect& dialect() const override { return dialect_; }
  PoolStats Stats() const override { return pool_.Stats(); }
  std::string Describe() const override {
    return "mysql://" + config_.user + "@" + config_.host + ":" + std::to_string(config_.port) +
           "/" + config_.database;
  }

 private:
  std::unique_ptr<Connection> Connect() {
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(config_.host);
    options["port"] = static_cast<int>(config_.port);
    options["userName"] = sql::SQLString(config_.user);
    options["password"] = sql::SQLString(config_.password);
    options["schema"] = sql::SQLString(config_.database);
    options["OPT_CONNECT_TIMEOUT"] = config_.connect_timeout_s;
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    options["OPT_RECONNECT"] = false;  // the pool replaces broken connections instead
    try {
      std::unique_ptr<sql::Connection> connection(driver_->connect(options));
      return std::make_unique<MysqlConnection>(std::move(connection));
    } catch (const sql::SQLException& e) {
      throw StorageError(StorageErrorKind::kUnavailable,
                         "mysql: cannot connect to " + Describe() + ": " + e.what());
    }
  }

  config::MysqlSection config_;
  sql::mysql::MySQL_Driver* driver_;
  Dialect dialect_;
  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<Storage> OpenMysqlStorage(const config::MysqlSection& config, int pool_size,
                                          int pool_wait_ms) {
  auto storage = std::make_unique<MysqlStorage>(config, pool_size, pool_wait_ms);
  try {
    auto session = storage->Open();
    session->Query("SELECT 1");
  } catch (const StorageError& e) {
    throw StartupError("storage.mysql: " + std::string(e.what()));
  }
  return storage;
}

}  // namespace mams::storage
