#include "node/config/node_config.h"
#include "node/storage/backends.h"
#include "node/storage/storage.h"

namespace mams::storage {

std::unique_ptr<Storage> OpenStorage(const config::StorageSection& config) {
  if (config.mysql) {
    return OpenMysqlStorage(*config.mysql, config.pool_size, config.pool_wait_ms);
  }
  return OpenSqliteStorage(*config.sqlite, config.pool_size, config.pool_wait_ms);
}

}  // namespace mams::storage
