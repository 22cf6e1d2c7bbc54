// mams-node: one binary for group, province and local-network nodes.
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>
#include <sys/resource.h>

#include <iostream>

#include "node/app/node_runtime.h"
#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/logging/logging.h"

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
    options.addOption(Poco::Util::Option("config", "c", "YAML config file of this node.")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE")
                          .binding("mams.config"));
    options.addOption(Poco::Util::Option("check-config", "", "Validate the config and exit.")
                          .required(false)
                          .repeatable(false)
                          .callback(Poco::Util::OptionCallback<NodeApplication>(
                              this, &NodeApplication::OnCheckConfig)));
    options.addOption(Poco::Util::Option("version", "v", "Print the version and exit.")
                          .required(false)
                          .repeatable(false)
                          .callback(Poco::Util::OptionCallback<NodeApplication>(
                              this, &NodeApplication::OnVersion)));
    options.addOption(Poco::Util::Option("help", "h", "Show this help and exit.")
                          .required(false)
                          .repeatable(false)
                          .callback(Poco::Util::OptionCallback<NodeApplication>(
                              this, &NodeApplication::OnHelp)));
  }

  int main(const std::vector<std::string>&) override {
    if (exit_now_) {
      return EXIT_OK;
    }
    const std::string config_path = config().getString("mams.config", "");
    if (config_path.empty()) {
      std::cerr << "mams-node: --config FILE is required (see --help)\n";
      return EXIT_USAGE;
    }
    try {
      mams::config::NodeConfig node_config = mams::config::LoadConfig(config_path);
      if (check_only_) {
        std::cout << "mams-node: " << config_path << " is valid\n";
        return EXIT_OK;
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
  void OnCheckConfig(const std::string&, const std::string&) { check_only_ = true; }

  void OnVersion(const std::string&, const std::string&) {
    std::cout << "mams-node " << MAMS_VERSION << "\n";
    exit_now_ = true;
    stopOptionsProcessing();
  }

  void OnHelp(const std::string&, const std::string&) {
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("--config FILE [--check-config]");
    help.setHeader("MAMS node: one process per group, province or local network.");
    help.format(std::cout);
    exit_now_ = true;
    stopOptionsProcessing();
  }

  bool check_only_ = false;
  bool exit_now_ = false;
};

}  // namespace

POCO_SERVER_MAIN(NodeApplication)
