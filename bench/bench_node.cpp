// mams_bench_node CONFIG: a real node (every shipped module) plus one bench-only module whose
// two routes run the same tiny handler, one public and one behind authentication and
// authorisation (`orgs:read`). The ratio of their throughputs is the cost of identity on a
// request. Creates user "bench.analyst" (group_analyst at the node's org) with an API token
// and the password in BENCH_PASSWORD, prints PORT=, TOKEN= and runs until SIGTERM/SIGINT.
// Not a test and not shipped: only bench/run_auth.sh starts it.
#include <Poco/Logger.h>
#include <signal.h>

#include <cstdlib>
#include <iostream>

#include "node/app/create_user_command.h"
#include "node/app/module_list.h"
#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "node/config/node_config.h"
#include "node/logging/logging.h"
#include "tests/support/test_users.h"

namespace {

constexpr char kBody[] = "{\"status\":\"ok\",\"bench\":true}";

mams::module::Module BenchModule() {
  mams::module::Module bench;
  bench.name = "bench";
  bench.start = [](mams::module::ModuleContext&) {
    auto handler = [](const mams::http::HttpRequest&) {
      return mams::http::HttpResponse::Json(200, kBody);
    };
    return std::vector<mams::http::Route>{
        {"GET", "/bench/public", mams::http::kPublic, handler, "bench: no authentication"},
        {"GET", "/bench/private", "orgs:read", handler, "bench: authenticated, orgs:read"},
    };
  };
  return bench;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: mams_bench_node CONFIG\n";
    return 64;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts
  try {
    mams::config::NodeConfig config = mams::config::LoadConfig(argv[1]);
    mams::logging::Configure(config.log);
    auto modules = mams::app::AllModules();
    modules.push_back(BenchModule());
    mams::app::NodeRuntime runtime(config, std::move(modules));
    runtime.Start();
    const char* password = std::getenv("BENCH_PASSWORD");
    mams::app::CliUser user{"bench.analyst", "压测分析员", "", {"group_analyst"},
                            password != nullptr ? password : "Bench-Lantern-Orchid-42"};
    mams::app::CreateUserFromCli(runtime, user);
    const auto holder = mams::testing::AddTestUser(runtime.storage(), "bench.token", config.node.org,
                                                   {"group_analyst"}, mams::SystemClock().NowMs());
    std::cout << "PORT=" << runtime.http_port() << "\nTOKEN=" << holder.token << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    runtime.Stop();
    mams::logging::Shutdown();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "mams_bench_node: " << e.what() << "\n";
    return 78;
  }
}
