#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "node/common/error_catalogue.h"
#include "node/common/platform_fwd.h"
#include "node/config/module_section.h"
#include "node/http/http_types.h"
#include "node/module/extensions.h"
#include "node/module/job.h"
#include "node/storage/migrations.h"

namespace mams::module {

/// A permission a module defines, `module:action`; roles grant these.
struct PermissionDecl {
  std::string name;
  std::string description;
  /// Shipped roles that get this permission the first time a node sees it; administrators
  /// may change role grants afterwards and later starts keep their choice.
  std::vector<std::string> default_roles = {};
};

/// How rows of a table travel between levels (see docs/sync-protocol.md).
enum class SyncDirection {
  kUp,         ///< business rows: owned below, consolidated to every ancestor
  kReference,  ///< reference data published by a higher level, distributed downward
};

struct SyncTableDecl {
  std::string table;
  SyncDirection direction = SyncDirection::kUp;
};

/// A metric a module reports, read when /metrics is scraped: one value (`read`), or one per
/// label value (`label` and `read_labelled`, e.g. one per sync link).
struct GaugeDecl {
  std::string name;  ///< Prometheus name, "mams_<module>_…"
  std::string help;
  std::function<double()> read;
  std::string label;
  std::function<std::vector<std::pair<std::string, double>>()> read_labelled;
};

/// What a module adds while it starts, besides its routes. The node runs the jobs, scrapes
/// the gauges and calls the hooks; a module never starts threads of its own for these.
struct ModuleOutputs {
  std::vector<JobDecl> jobs;
  std::vector<GaugeDecl> gauges;
  /// Run once, on the election thread, when this process becomes the one that runs the
  /// node's leader-only work (at once on SQLite; see sync/sync_leadership.h).
  std::vector<std::function<void()>> on_leader;
  /// Run when the node stops, modules in reverse start order, while storage is still open.
  std::vector<std::function<void()>> on_stop;
};

/// The running process as modules see it. Before the node serves HTTP, `http_port` is 0,
/// `metrics` null and `leader` false. Thread-safe.
class NodeProcess {
 public:
  virtual ~NodeProcess() = default;
  /// True in the process that runs the node's links and leader-only jobs.
  virtual bool leader() const = 0;
  /// "single" (SQLite), "leader" or "follower" (several processes on one MySQL database).
  virtual std::string role() const = 0;
  virtual std::uint16_t http_port() const = 0;
  virtual const metrics::Metrics* metrics() const = 0;
};

/// What a module may use when it starts. References stay valid while the node runs.
struct ModuleContext {
  const config::NodeConfig& config;
  storage::Storage& storage;
  scope::OrgDirectory& orgs;
  Poco::Logger& logger;
  const Clock& clock;
  const audit::AuditLog& audit;
  auth::AuthenticatorSlot& authenticator;          ///< filled by the identity module
  const std::vector<PermissionDecl>& permissions;  ///< declared by every loaded module
  const std::string& module;                       ///< the name of the module starting
  const config::SectionValues& settings;           ///< its configuration section, checked
  Extensions& extensions;                          ///< extension points: fill and read
  ModuleOutputs& outputs;                          ///< its jobs, gauges and hooks
  const NodeProcess& process;
};

/// What a command-line task gets: the prepared node (storage open, migrations applied,
/// modules started, nothing served) and the words after the task's name.
struct TaskContext {
  const config::NodeConfig& config;
  storage::Storage& storage;
  const Clock& clock;
  const audit::AuditLog& audit;
  const Extensions& extensions;           ///< as the started modules filled them
  const config::SectionValues& settings;  ///< the module's configuration section
  const std::vector<std::string>& args;
  std::ostream& out;
};

/// A command-line task of a module: `mams-node --config FILE <module>:<name> [ARGS…]`.
/// `run` returns the process's exit code; it throws StartupError for unusable arguments.
struct TaskDecl {
  std::string name;
  std::string usage;  ///< its arguments, e.g. "FROM TO"; "" for none
  std::string description;
  std::function<int(TaskContext&)> run;
};

/// Everything a module is, declared in one place: the modules it uses, its configuration
/// section, schema steps, permissions, the tables it hands to sync, its command-line tasks,
/// and `start`, which runs after the migrations, builds the module's services, adds its jobs,
/// gauges and extensions (ModuleContext::outputs, ::extensions) and returns its routes.
/// Modules are listed explicitly in node/app/module_list.cpp; nothing registers itself.
/// The node checks every declaration at start (node/module/declaration_checks.h).
struct Module {
  std::string name;
  std::string description;
  /// Modules this one uses: loaded with it and started before it. A missing or cyclic
  /// dependency stops the node at start.
  std::vector<std::string> depends_on;
  /// Its section of the node's config file, under `name:`; unknown keys are refused.
  std::vector<config::FieldDecl> config;
  std::vector<storage::Migration> migrations;
  std::vector<PermissionDecl> permissions;
  /// Each needs the sync columns (docs/sync-protocol.md §1); a module that declares any is
  /// loaded with the sync module.
  std::vector<SyncTableDecl> sync_tables;
  std::vector<TaskDecl> tasks;
  std::function<std::vector<http::Route>(ModuleContext&)> start;
  /// The messages of every error code the module's own code throws (node/common/
  /// error_catalogue.h); a code is declared once across the node and its modules.
  std::vector<ErrorMessage> errors = {};
};

}  // namespace mams::module
