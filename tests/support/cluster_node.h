#pragma once

// A mams-node process of a multi-process test: its directory, ports, keys, database (either
// backend) and config file, wired to a parent and children.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/node_process.h"
#include "tests/support/test_backends.h"

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

}  // namespace mams::testing
