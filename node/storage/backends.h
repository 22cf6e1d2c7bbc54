#pragma once

// Internal to node/storage: the two drivers OpenStorage (storage.h) chooses between.
#include <memory>

#include "node/storage/storage.h"

namespace mams::config {
struct MysqlSection;
struct SqliteSection;
}  // namespace mams::config

namespace mams::storage {

/// MySQL/MariaDB through MySQL Connector/C++: utf8mb4, InnoDB, strict SQL mode, UTC, server
/// side prepared statements cached per connection. A connection that lost its server is
/// dropped by the pool and replaced on the next borrow (reconnect without hidden state).
std::unique_ptr<Storage> OpenMysqlStorage(const config::MysqlSection& config, int pool_size,
                                          int pool_wait_ms);

/// SQLite opened through POCO Data, statements through the C API with a per-connection
/// cache of compiled statements: WAL, foreign keys on, a busy timeout, `synchronous` from config
/// (FULL by default: a committed transaction survives a crash or power loss).
std::unique_ptr<Storage> OpenSqliteStorage(const config::SqliteSection& config, int pool_size,
                                           int pool_wait_ms);

}  // namespace mams::storage
