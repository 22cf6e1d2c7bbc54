#pragma once

// A mams-node process of a multi-process test: its directory, ports, keys, database (either
// backend) and config file, wired to a parent and children.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/node_process.h"
#include "tests/support/test_backends.h"
#include "tests/support/test_users.h"

namespace mams::testing {

struct ClusterNode {
  std::string id;
  std::string level;
  std::string org;
  std::string dir;
  std::uint16_t http_port = 0;
  std::uint16_t sync_port = 0;
  std::string public_key;
  std::unique_ptr<NodeProcess> process;
  std::unique_ptr<TestDatabase> db;
  int starts = 0;
  /// More keys of the config's http section ("max_threads: 16, head_timeout_s: 2").
  std::string http_options;
  std::string log_level = "warning";

  /// A node under `root`/`id` with a new keypair, free ports and a fresh database.
  static ClusterNode Make(const std::string& root, const std::string& id, const std::string& level,
                          const std::string& org, Backend backend);

  /// node.yaml text: the database (MariaDB's password in the environment, never in the
  /// file), fast heartbeats, the parent's endpoint and key, the children's keys.
  std::string Config(const ClusterNode* parent,
                     const std::vector<const ClusterNode*>& children) const;
  void WriteConfig(const ClusterNode* parent,
                   const std::vector<const ClusterNode*>& children) const;
  /// Environment the node needs (the MariaDB password).
  std::map<std::string, std::string> Env() const;

  void Start();
  bool Healthy() { return process->WaitHealthy(http_port, 30); }
  /// Runs `mams-node --config node.yaml ARGS` to its end (--backup, --restore, ...).
  ExitResult RunCommand(const std::vector<std::string>& args) const;

  /// The rows of `table` in org `org_code` with `columns`, one text per row, ordered by id.
  std::vector<std::string> Rows(const std::string& table, const std::string& columns,
                                const std::string& org_code) const;
};

/// POSTs customer `n` ("<name_prefix><n>", CreditCodeFor(n), a local-level customer of 440100)
/// to the node at `port` as `user`: its id, or "" when the node did not answer 201. Throws
/// when the node cannot be reached (it may be down on purpose).
std::string PostLocalCustomer(std::uint16_t port, const TestUser& user,
                              const std::string& name_prefix, int n);

/// Three mams-node processes on one backend in a chain group (CN) ← province (440000) ← local
/// network (440100), under `root_`, a temp dir removed after a passing test. SetUp starts each
/// node once (migrations), adds `writer_` to the local network's database and starts it
/// again; TearDown stops them all.
class ChainTest : public ::testing::TestWithParam<Backend> {
 protected:
  /// Nodes "<name>-group", "<name>-gd" and "<name>-gz"; a writer with `writer_role`.
  ChainTest(std::string name, std::string writer_role)
      : name_(std::move(name)), writer_role_(std::move(writer_role)) {}

  void SetUp() override;
  void TearDown() override;

  std::string root_;
  ClusterNode group_, province_, local_;
  TestUser writer_;

 private:
  std::string name_;
  std::string writer_role_;
};

}  // namespace mams::testing
