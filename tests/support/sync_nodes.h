#pragma once

// Node configs for sync tests: keys, a free loopback endpoint, and the parent/child wiring.
#include <functional>
#include <string>

#include "node/config/node_config.h"

namespace mams::testing {

/// A node serving `org` at `level` over `storage`, with a keypair written to keys_dir/id and
/// a sync endpoint on a free loopback port (heartbeat 200 ms, resend after 1 s). With
/// `parent`, the node connects to it and is added to the parent's children.
config::NodeConfig SyncNodeConfig(const std::string& id, config::Level level,
                                  const std::string& org, const config::StorageSection& storage,
                                  const std::string& keys_dir, config::NodeConfig* parent);

/// Polls until `done` holds, for at most 20 s (sync between nodes takes a moment); the last
/// answer of `done`.
bool Eventually(const std::function<bool()>& done);

}  // namespace mams::testing
