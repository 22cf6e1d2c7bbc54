#pragma once

#include <string>

namespace mams::config {
struct NodeConfig;
}

namespace mams::app {

/// `mams-node --backup DIR`: a consistent online backup of the node's database into DIR (a
/// new or empty directory) with manifest.json (node, backend, version, SHA-256 of every
/// file). The node may keep running and writing. Returns a one-line summary.
std::string BackupNode(const config::NodeConfig& config, const std::string& dir);

/// `mams-node --restore DIR`: checks the backup (manifest, checksums, same node id and
/// backend as the config), refuses unless the configured database is empty, restores it,
/// applies newer migrations and marks the node restored so that its links reload from its
/// parent and children (sync::MarkRestored). Nothing is written before every check passed.
/// Returns a one-line summary.
std::string RestoreNode(config::NodeConfig config, const std::string& dir);

}  // namespace mams::app
