#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "node/scope/org_level.h"

namespace mams::config {

/// Organisation level a node serves. The code never branches on it except through the org
/// tree; it is checked against the level of `node.org` at start.
using Level = scope::OrgLevel;

struct NodeSection {
  std::string id;  ///< unique node id, e.g. "gd-province-1"
  Level level = Level::kGroup;
  std::string org;                    ///< org code served; the node serves its subtree
  std::optional<std::string> parent;  ///< parent sync endpoint; absent only at group level
};

struct TlsSection {
  std::string cert_file;
  std::string key_file;
};

struct HttpSection {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;
  std::optional<TlsSection> tls;
  std::optional<std::uint16_t> redirect_port;  ///< with tls: plain HTTP port redirecting to TLS
  int max_threads = 1024;  ///< requests answered at once; waiting connections need none
  int max_queued = 512;    ///< whole requests waiting for a thread; more are answered 503
  int max_connections = 10000;  ///< open at once; more are answered 503 and closed
  int head_timeout_s = 10;      ///< a request head must arrive whole within this
  int keep_alive_timeout_s = 10;
  int max_keep_alive_requests = 1000;
  int receive_timeout_s = 30;  ///< longest silence while a body arrives or an answer is taken
  std::int64_t max_body_bytes = 1024 * 1024;
  /// Lists that count up to a bound report "at least this many" beyond it (docs/api.md).
  std::int64_t list_count_bound = 10000;
  /// The built web console (web/dist) served at `/`. Absent: the source tree's web/dist when
  /// it has been built; "": no console, the API alone.
  std::optional<std::string> web_root;
};

struct SqliteSection {
  std::string path;
  int busy_timeout_ms = 5000;
  std::string synchronous = "FULL";  ///< FULL survives power loss in WAL mode
  /// Page cache per connection. SQLite's 2 MiB default spills a large transaction's index
  /// pages to the WAL again and again (a quarter of an import's time at 2 MiB).
  int cache_mib = 32;
  /// Bytes of the file read through memory mapping instead of read() calls: reads of a
  /// large database then cost no system call and no copy. Off (0) by default: SQLite drops a
  /// connection's whole map whenever another connection has committed, and unmapping gigabytes
  /// stalls every thread of the process (bench/RESULTS.md). SQLite caps it at its compile-time
  /// maximum (2 GiB on Debian).
  int mmap_mib = 0;
};

struct MysqlSection {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3306;
  std::string database;
  std::string user;
  std::string password;         ///< read from password_file or password_env, never logged
  std::string password_source;  ///< "file:/path" or "env:NAME", for messages
  int connect_timeout_s = 5;
};

struct StorageSection {
  std::optional<SqliteSection> sqlite;
  std::optional<MysqlSection> mysql;
  int pool_size = 8;
  int pool_wait_ms = 5000;
};

struct LogSection {
  std::string level = "information";
  std::optional<std::string> file;  ///< rotating file; console always on unless disabled
  bool console = true;
  std::string rotation = "10 M";
  int keep_files = 10;
};

struct AuthSection {
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  int lockout_attempts = 5;  ///< failed logins in a row before the lock
  int lockout_minutes = 15;
  int password_iterations = 600000;  ///< PBKDF2-HMAC-SHA256; never below 600,000
  int password_min_length = 12;
  int password_required_classes = 0;    ///< of lower, upper, digit, other (MLPS assessors)
  std::string password_blocklist_file;  ///< extra list on top of the built-in one
  bool mfa_for_admins = true;           ///< TOTP required for roles marked as such
};

/// A child node allowed to connect to this node's sync endpoint (docs/sync-protocol.md §7).
struct SyncChild {
  std::string node;        ///< its node id
  std::string org;         ///< the org it serves: its changes must lie in this org's subtree
  std::string public_key;  ///< its CurveZMQ public key, Z85 (40 characters)
};

/// The sync links of this node: to its parent (node.parent) and from its children.
struct SyncSection {
  std::optional<std::string> bind;               ///< ZeroMQ endpoint children connect to
  std::string key_file;                          ///< this node's CurveZMQ secret key (Z85)
  std::optional<std::string> parent_public_key;  ///< required with node.parent
  std::vector<SyncChild> children;
  int window = 4;  ///< unacknowledged batches per stream
  int batch_max_changes = 4000;
  std::int64_t batch_max_bytes = 4 * 1024 * 1024;
  int load_page_rows = 5000;  ///< rows a page of a load carries (§9)
  int heartbeat_ms = 1000;
  int resend_after_ms = 5000;  ///< resend unacknowledged batches after this
};

struct ModuleSections;

struct NodeConfig {
  std::string source_file;  ///< where it was read from, for messages
  NodeSection node;
  HttpSection http;
  StorageSection storage;
  LogSection log;
  AuthSection auth;
  std::optional<SyncSection> sync;   ///< absent: a node with no sync links
  std::vector<std::string> modules;  ///< empty means all modules
  /// The file's other top-level mappings, kept for the modules' own sections; read and
  /// checked against each module's declaration at start (config/module_section.h).
  std::shared_ptr<const ModuleSections> module_sections;
  /// "file:line:column" of every key read, by dotted key, for checks made after parsing
  /// (e.g. node.org must exist in the org tree).
  std::map<std::string, std::string> locations;

  /// "file:line:column: key" for messages about `key`; just "file: key" when unknown.
  std::string Where(const std::string& key) const;
};

/// Reads and validates a config file. Throws StartupError naming file:line:column and the
/// dotted key for broken YAML, unknown or missing keys and wrong types or ranges.
/// Relative paths in the file are resolved against the file's directory.
NodeConfig LoadConfig(const std::string& path);

/// Same as LoadConfig, from text; `source_name` is used in messages and `base_dir` resolves
/// relative paths.
NodeConfig ParseConfig(const std::string& yaml_text, const std::string& source_name,
                       const std::string& base_dir);

}  // namespace mams::config
