#pragma once

#include <memory>

#include "node/storage/storage.h"

namespace mams::config {
struct MysqlSection;
}

namespace mams::storage {

/// MySQL/MariaDB through MySQL Connector/C++: utf8mb4, InnoDB, strict SQL mode, UTC, server
/// side prepared statements cached per connection. A connection that lost its server is
/// dropped by the pool and replaced on the next borrow (reconnect without hidden state).
std::unique_ptr<Storage> OpenMysqlStorage(const config::MysqlSection& config, int pool_size,
                                          int pool_wait_ms);

}  // namespace mams::storage
