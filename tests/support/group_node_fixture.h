#pragma once

// A group node started inside the test's process over a fresh database of each backend: the
// fixture the HTTP API's system tests build on.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "node/app/module_list.h"
#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "tests/support/test_backends.h"
#include "tests/support/test_users.h"

namespace mams::testing {

/// BackendTest with `runtime_`, the node a fixture's SetUpBackend() starts with StartNode().
class GroupNodeTest : public BackendTest {
 protected:
  /// A group-level node `node_id` serving CN on a free loopback port over this database.
  config::NodeConfig NodeConfig(const std::string& node_id = "test-group") const {
    return GroupNodeConfig(node_id, db_->section());
  }

  /// Starts the node with `modules`; `clock` decides sessions, lockouts and TOTP and stamps
  /// the users AddUser adds.
  void StartNode(config::NodeConfig config, std::vector<module::Module> modules = app::AllModules(),
                 std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>()) {
    clock_ = clock;
    runtime_ =
        std::make_unique<app::NodeRuntime>(std::move(config), std::move(modules), std::move(clock));
    runtime_->Start();
  }

  /// A user of the running node with `roles` at `org`, and a session token (test_users.h).
  TestUser AddUser(const std::string& username, const std::string& org,
                   const std::vector<std::string>& roles) {
    return AddTestUser(runtime_->storage(), username, org, roles, clock_->NowMs());
  }

  std::unique_ptr<app::NodeRuntime> runtime_;

 private:
  std::shared_ptr<const Clock> clock_;
};

}  // namespace mams::testing
