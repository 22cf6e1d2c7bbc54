#pragma once

#include <memory>

#include "node/storage/storage.h"

namespace mams::config {
struct SqliteSection;
}

namespace mams::storage {

/// SQLite opened through POCO Data, statements through the C API with a per-connection
/// cache of compiled statements: WAL, foreign keys on, a busy timeout, `synchronous` from config
/// (FULL by default: a committed transaction survives a crash or power loss).
std::unique_ptr<Storage> OpenSqliteStorage(const config::SqliteSection& config, int pool_size,
                                           int pool_wait_ms);

}  // namespace mams::storage
