#pragma once

// Runs the real mams-node binary (MAMS_NODE_BINARY, set by CTest) as a child process.
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mams::testing {

struct ExitResult {
  int exit_code = -1;   ///< -1 when killed by a signal or timed out
  std::string output;   ///< stdout and stderr together
};

/// Path of the mams-node binary under test.
std::string NodeBinary();

/// Runs mams-node with `args` until it exits (killed after `timeout_s`).
ExitResult RunNodeToExit(const std::vector<std::string>& args, int timeout_s = 30,
                         const std::map<std::string, std::string>& env = {});

/// A node running in the background; stopped (SIGTERM, then SIGKILL) when destroyed.
class NodeProcess {
 public:
  NodeProcess(const std::vector<std::string>& args, const std::string& log_path,
              const std::map<std::string, std::string>& env = {});
  ~NodeProcess();
  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  /// Polls GET /healthz until 200 or the deadline; false if the process died first.
  bool WaitHealthy(std::uint16_t port, int timeout_s = 20);
  /// SIGTERM and wait; returns the exit code (-1 if it did not exit within the deadline).
  int Terminate(int timeout_s = 20);
  /// SIGKILL and wait: a crash, nothing flushed, no clean shutdown.
  void Kill();
  bool running() const { return pid_ > 0; }
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  std::string log_path_;
};

/// A loopback port nothing listens on right now.
std::uint16_t FreePort();

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

}  // namespace mams::testing
