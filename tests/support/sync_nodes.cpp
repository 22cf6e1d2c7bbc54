#include "tests/support/sync_nodes.h"

#include <chrono>
#include <thread>

#include "sync/sync_service.h"
#include "tests/support/node_process.h"
#include "tests/support/test_backends.h"

namespace mams::testing {

config::NodeConfig SyncNodeConfig(const std::string& id, config::Level level,
                                  const std::string& org, const config::StorageSection& storage,
                                  const std::string& keys_dir, config::NodeConfig* parent) {
  config::NodeConfig config = GroupNodeConfig(id, storage);
  config.node.level = level;
  config.node.org = org;
  const std::string public_key = sync::GenerateKeys(keys_dir + "/" + id);
  config::SyncSection sync;
  sync.key_file = keys_dir + "/" + id + "/node.key";
  sync.heartbeat_ms = 200;
  sync.resend_after_ms = 1000;
  sync.bind = "tcp://127.0.0.1:" + std::to_string(FreePort());
  if (parent != nullptr) {
    config.node.parent = *parent->sync->bind;
    sync.parent_public_key = sync::LoadKeys(parent->sync->key_file).second;
    parent->sync->children.push_back({id, org, public_key});
  }
  config.sync = sync;
  return config;
}

bool Eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

}  // namespace mams::testing
