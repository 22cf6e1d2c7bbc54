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
  void defineOptions(Poco::Util::OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(
        Valued("config", "c", "YAML config file of this node.", "FILE", "mams.config"));
    options.addOption(Action("check-config", "", "Validate the config and exit.",
                             &NodeApplication::OnCheckConfig));
    options.addOption(Valued("create-admin", "",
                             "Create a system administrator NAME at the node's org and exit. The "
                             "password is read from MAMS_NEW_USER_PASSWORD or the first line of "
                             "stdin.",
                             "NAME", "mams.create.admin"));
    options.addOption(Valued("create-user", "",
                             "Create user NAME (with --role, --org, --display-name) and exit; "
                             "password as above.",
                             "NAME", "mams.create.user"));
    options.addOption(
        Poco::Util::Option("role", "", "Role code for --create-user (repeatable).")
            .required(false)
            .repeatable(true)
            .argument("CODE")
            .callback(Poco::Util::OptionCallback<NodeApplication>(this, &NodeApplication::OnRole)));
    options.addOption(Valued("org", "", "Org code for --create-user.", "CODE", "mams.create.org"));
    options.addOption(Valued("display-name", "", "Display name for --create-user.", "TEXT",
                             "mams.create.display_name"));
    options.addOption(Valued("gen-keys", "",
                             "Write a new CurveZMQ keypair for the sync links into DIR (node.key, "
                             "node.pub), print the public key and exit. Needs no config.",
                             "DIR", "mams.gen_keys"));
    options.addOption(Valued("backup", "",
                             "Write a consistent online backup of the node's database into DIR "
                             "(new or empty) with a checksum manifest and exit; the node may keep "
                             "running.",
                             "DIR", "mams.backup"));
    options.addOption(Valued("restore", "",
                             "Restore the node's (empty) database from the backup in DIR and exit; "
                             "its sync links reload from parent and children at the next start.",
                             "DIR", "mams.restore"));
    options.addOption(Action("describe-config", "",
                             "Print every module's config section (keys, types, defaults) and "
                             "exit. Needs no config.",
                             &NodeApplication::OnDescribeConfig));
    options.addOption(Action("list-tasks", "",
                             "List the modules' command-line tasks (mams-node --config FILE "
                             "MODULE:TASK [ARGS]) and exit.",
                             &NodeApplication::OnListTasks));
    options.addOption(
        Action("version", "v", "Print the version and exit.", &NodeApplication::OnVersion));
    options.addOption(Action("help", "h", "Show this help and exit.", &NodeApplication::OnHelp));
  }

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

  using Handler = void (NodeApplication::*)(const std::string&, const std::string&);

  // An option given at most once with one argument, kept in the configuration under `key`.
  static Poco::Util::Option Valued(const std::string& name, const std::string& short_name,
                                   const std::string& help, const std::string& argument,
                                   const std::string& key) {
    return Poco::Util::Option(name, short_name, help)
        .required(false)
        .repeatable(false)
        .argument(argument)
        .binding(key);
  }
  // An option given at most once, without argument, that calls `handler`.
  Poco::Util::Option Action(const std::string& name, const std::string& short_name,
                            const std::string& help, Handler handler) {
    return Poco::Util::Option(name, short_name, help)
        .required(false)
        .repeatable(false)
        .callback(Poco::Util::OptionCallback<NodeApplication>(this, handler));
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

}  // namespace

POCO_SERVER_MAIN(NodeApplication)
