// mams-node: one binary for group, province and local-network nodes.
#include <Poco/Logger.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>
#include <sys/resource.h>

#include <cstdlib>
#include <iostream>

#include "node/app/backup_command.h"
#include "node/app/create_user_command.h"
#include "node/app/module_host.h"
#include "node/app/module_list.h"
#include "node/app/node_runtime.h"
#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/logging/logging.h"
#include "sync/sync_service.h"

namespace {

// Every open HTTP connection holds a descriptor; the usual soft limit of 1024 would refuse
// connections long before the thread pool is full.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

class NodeApplication final : public Poco::Util::ServerApplication {
 protected:
  using Handler = void (NodeApplication::*)(const std::string&, const std::string&);

  /// One command-line option: with an argument kept in the configuration under `key`, or
  /// calling `handler`, or both.
  struct OptionDecl {
    const char* name;
    const char* short_name;
    const char* argument;  ///< null: takes none
    const char* key;       ///< null: not kept
    Handler handler;       ///< null: none
    bool repeatable;
    const char* help;
  };
  /// Every option, in the order --help lists them.
  static const OptionDecl kOptions[];

  void defineOptions(Poco::Util::OptionSet& options) override;

  int main(const std::vector<std::string>& args) override {
    if (exit_now_) {
      return EXIT_OK;
    }
    if (config().has("mams.gen_keys")) {
      try {
        const std::string dir = config().getString("mams.gen_keys");
        std::cout << "mams-node: wrote " << dir << "/node.key (secret) and " << dir
                  << "/node.pub\npublic key: " << mams::sync::GenerateKeys(dir) << "\n";
        return EXIT_OK;
      } catch (const mams::StartupError& e) {
        std::cerr << "mams-node: " << e.what() << "\n";
        return EXIT_CONFIG;
      }
    }
    const std::string config_path = config().getString("mams.config", "");
    if (config_path.empty()) {
      std::cerr << "mams-node: --config FILE is required (see --help)\n";
      return EXIT_USAGE;
    }
    try {
      mams::config::NodeConfig node_config = mams::config::LoadConfig(config_path);
      if (check_only_) {
        // The modules' sections and declarations too; nothing is opened.
        mams::app::ModuleHost modules(node_config, mams::app::AllModules());
        std::cout << "mams-node: " << config_path << " is valid\n";
        return EXIT_OK;
      }
      if (!args.empty()) {
        Poco::Logger::root().setLevel("warning");
        mams::app::NodeRuntime runtime(std::move(node_config));
        return runtime.RunTask(args.front(), std::vector<std::string>(args.begin() + 1, args.end()),
                               std::cout);
      }
      if (config().has("mams.backup") || config().has("mams.restore")) {
        Poco::Logger::root().setLevel("warning");
        std::cout << "mams-node: "
                  << (config().has("mams.backup")
                          ? mams::app::BackupNode(node_config, config().getString("mams.backup"))
                          : mams::app::RestoreNode(std::move(node_config),
                                                   config().getString("mams.restore")))
                  << "\n";
        return EXIT_OK;
      }
      if (config().has("mams.create.admin") || config().has("mams.create.user")) {
        return CreateUser(std::move(node_config));
      }
      mams::logging::Configure(node_config.log);
      RaiseOpenFileLimit();
      mams::app::NodeRuntime runtime(std::move(node_config));
      runtime.Start();
      waitForTerminationRequest();
      runtime.Stop();
      mams::logging::Shutdown();
      return EXIT_OK;
    } catch (const mams::StartupError& e) {
      std::cerr << "mams-node: " << e.what() << "\n";
      return EXIT_CONFIG;
    }
  }

 private:
  int CreateUser(mams::config::NodeConfig node_config) {
    Poco::Logger::root().setLevel("warning");
    mams::app::CliUser user;
    if (config().has("mams.create.admin")) {
      user.username = config().getString("mams.create.admin");
      user.roles = {"system_admin"};
    } else {
      user.username = config().getString("mams.create.user");
      user.roles = roles_;
      user.org = config().getString("mams.create.org", "");
    }
    user.display_name = config().getString("mams.create.display_name", "");
    const char* from_env = std::getenv("MAMS_NEW_USER_PASSWORD");
    if (from_env != nullptr) {
      user.password = from_env;
    } else if (!std::getline(std::cin, user.password)) {
      std::cerr << "mams-node: give the password on stdin or in MAMS_NEW_USER_PASSWORD\n";
      return EXIT_USAGE;
    }
    mams::app::NodeRuntime runtime(std::move(node_config));
    runtime.Prepare();
    const std::string id = mams::app::CreateUserFromCli(runtime, user);
    std::cout << "mams-node: created user " << user.username << " (" << id << ")\n";
    return EXIT_OK;
  }

  void OnRole(const std::string&, const std::string& value) { roles_.push_back(value); }

  void OnCheckConfig(const std::string&, const std::string&) { check_only_ = true; }

  void OnDescribeConfig(const std::string&, const std::string&) {
    std::cout << mams::app::DescribeModuleConfig(mams::app::AllModules());
    exit_now_ = true;
    stopOptionsProcessing();
  }

  void OnListTasks(const std::string&, const std::string&) {
    std::cout << mams::app::ListModuleTasks(mams::app::AllModules());
    exit_now_ = true;
    stopOptionsProcessing();
  }

  void OnVersion(const std::string&, const std::string&) {
    std::cout << "mams-node " << MAMS_VERSION << "\n";
    exit_now_ = true;
    stopOptionsProcessing();
  }

  void OnHelp(const std::string&, const std::string&) {
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage(
        "--config FILE [--check-config | --create-admin NAME | --create-user NAME "
        "--role CODE --org CODE | --backup DIR | --restore DIR | MODULE:TASK [ARGS]]");
    help.setHeader("MAMS node: one process per group, province or local network.");
    help.format(std::cout);
    exit_now_ = true;
    stopOptionsProcessing();
  }

  std::vector<std::string> roles_;
  bool check_only_ = false;
  bool exit_now_ = false;
};

// One option per entry: name, short name, argument, configuration key, handler, repeatable,
// help.
const NodeApplication::OptionDecl NodeApplication::kOptions[] = {
    {"config", "c", "FILE", "mams.config", nullptr, false, "YAML config file of this node."},
    {"check-config", "", nullptr, nullptr, &NodeApplication::OnCheckConfig, false,
     "Validate the config and exit."},
    {"create-admin", "", "NAME", "mams.create.admin", nullptr, false,
     "Create a system administrator NAME at the node's org and exit. The password is read from "
     "MAMS_NEW_USER_PASSWORD or the first line of stdin."},
    {"create-user", "", "NAME", "mams.create.user", nullptr, false,
     "Create user NAME (with --role, --org, --display-name) and exit; password as above."},
    {"role", "", "CODE", nullptr, &NodeApplication::OnRole, true,
     "Role code for --create-user (repeatable)."},
    {"org", "", "CODE", "mams.create.org", nullptr, false, "Org code for --create-user."},
    {"display-name", "", "TEXT", "mams.create.display_name", nullptr, false,
     "Display name for --create-user."},
    {"gen-keys", "", "DIR", "mams.gen_keys", nullptr, false,
     "Write a new CurveZMQ keypair for the sync links into DIR (node.key, node.pub), print the "
     "public key and exit. Needs no config."},
    {"backup", "", "DIR", "mams.backup", nullptr, false,
     "Write a consistent online backup of the node's database into DIR (new or empty) with a "
     "checksum manifest and exit; the node may keep running."},
    {"restore", "", "DIR", "mams.restore", nullptr, false,
     "Restore the node's (empty) database from the backup in DIR and exit; its sync links "
     "reload from parent and children at the next start."},
    {"describe-config", "", nullptr, nullptr, &NodeApplication::OnDescribeConfig, false,
     "Print every module's config section (keys, types, defaults) and exit. Needs no config."},
    {"list-tasks", "", nullptr, nullptr, &NodeApplication::OnListTasks, false,
     "List the modules' command-line tasks (mams-node --config FILE MODULE:TASK [ARGS]) and "
     "exit."},
    {"version", "v", nullptr, nullptr, &NodeApplication::OnVersion, false,
     "Print the version and exit."},
    {"help", "h", nullptr, nullptr, &NodeApplication::OnHelp, false, "Show this help and exit."},
};

void NodeApplication::defineOptions(Poco::Util::OptionSet& options) {
  ServerApplication::defineOptions(options);
  for (const OptionDecl& decl : kOptions) {
    Poco::Util::Option option(decl.name, decl.short_name, decl.help);
    option.required(false).repeatable(decl.repeatable);
    if (decl.argument != nullptr) {
      option.argument(decl.argument);
    }
    if (decl.key != nullptr) {
      option.binding(decl.key);
    }
    if (decl.handler != nullptr) {
      option.callback(Poco::Util::OptionCallback<NodeApplication>(this, decl.handler));
    }
    options.addOption(option);
  }
}

}  // namespace

POCO_SERVER_MAIN(NodeApplication)
