#include "tests/support/node_process.h"

#include <Poco/Net/ServerSocket.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/http_client.h"
#include "tests/support/test_backends.h"

namespace mams::testing {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPollInterval = std::chrono::milliseconds(50);

pid_t Spawn(const std::vector<std::string>& args, const std::string& log_path,
            const std::map<std::string, std::string>& env) {
  const pid_t pid = fork();
  if (pid < 0) {
    throw std::runtime_error("fork failed");
  }
  if (pid > 0) {
    return pid;
  }
  const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd >= 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
  }
  for (const auto& [name, value] : env) {
    setenv(name.c_str(), value.c_str(), 1);
  }
  const std::string binary = NodeBinary();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  execv(binary.c_str(), argv.data());
  _exit(127);
}

// Waits for `pid` up to the deadline; returns its exit code, -1 for a signal or timeout.
int WaitExit(pid_t pid, Clock::time_point deadline, bool* exited) {
  int status = 0;
  while (Clock::now() < deadline) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      *exited = true;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  *exited = false;
  return -1;
}

}  // namespace

std::string NodeBinary() {
  const char* path = std::getenv("MAMS_NODE_BINARY");
  if (path == nullptr) {
    throw std::runtime_error("MAMS_NODE_BINARY is not set; run the tests through ctest");
  }
  return path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

ExitResult RunNodeToExit(const std::vector<std::string>& args, int timeout_s,
                         const std::map<std::string, std::string>& env) {
  const std::string dir = MakeTempDir("mams-node-run");
  const std::string log = dir + "/output.log";
  const pid_t pid = Spawn(args, log, env);
  bool exited = false;
  ExitResult result;
  result.exit_code = WaitExit(pid, Clock::now() + std::chrono::seconds(timeout_s), &exited);
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  result.output = ReadFile(log);
  RemoveTree(dir);
  return result;
}

NodeProcess::NodeProcess(const std::vector<std::string>& args, const std::string& log_path,
                         const std::map<std::string, std::string>& env)
    : pid_(Spawn(args, log_path, env)), log_path_(log_path) {}

NodeProcess::~NodeProcess() {
  if (pid_ > 0) {
    Terminate(5);
  }
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

bool NodeProcess::WaitHealthy(std::uint16_t port, int timeout_s) {
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_s);
  while (Clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return false;
    }
    try {
      if (HttpGet(port, "/healthz").status == 200) {
        return true;
      }
    } catch (const std::exception&) {
      // Not listening yet.
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  return false;
}

void NodeProcess::Kill() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

int NodeProcess::Terminate(int timeout_s) {
  if (pid_ <= 0) {
    return -1;
  }
  kill(pid_, SIGTERM);
  bool exited = false;
  const int code = WaitExit(pid_, Clock::now() + std::chrono::seconds(timeout_s), &exited);
  if (exited) {
    pid_ = -1;
  }
  return code;
}

std::string NodeProcess::Log() const { return ReadFile(log_path_); }

std::uint16_t FreePort() {
  // Below the kernel's ephemeral range (32768 and up on Linux): a port handed out there could
  // be taken by any outgoing connection or port-0 server before the caller binds it.
  // A port is free until something binds it: the nodes of a cluster test get all their ports
  // before the first one starts, so a port handed out once is never handed out again here
  // (two nodes of one test were once given the same sync port).
  static std::mutex mutex;
  static std::set<std::uint16_t> handed_out;
  static std::mt19937 random(std::random_device{}());
  const std::lock_guard<std::mutex> lock(mutex);
  std::uniform_int_distribution<int> pick(20000, 32000);
  for (int attempt = 0; attempt < 200; ++attempt) {
    const auto port = static_cast<std::uint16_t>(pick(random));
    if (handed_out.count(port) != 0) {
      continue;
    }
    try {
      Poco::Net::ServerSocket socket;
      socket.bind(Poco::Net::SocketAddress("127.0.0.1", port), false, false);
      handed_out.insert(port);
      return port;
    } catch (const Poco::Exception&) {
      // In use; try another.
    }
  }
  throw std::runtime_error("no free loopback port found in 20000-32000");
}

}  // namespace mams::testing
