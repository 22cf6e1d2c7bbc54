#pragma once

#include <string>
#include <vector>

namespace mams::logging {

/// A warning or error the node logged, kept in memory for the status page.
struct LoggedProblem {
  std::string at;      ///< ISO 8601 UTC
  std::string level;   ///< "warning", "error", "critical", "fatal"
  std::string source;  ///< logger name, e.g. "mams.sync"
  std::string text;
};

/// The last 50 warnings and errors of this process, newest first. Filled by the channel
/// Configure() installs; log texts never carry secrets (docs/security.md).
std::vector<LoggedProblem> RecentProblems();

/// Warnings and errors logged since the process started.
std::uint64_t ProblemCount();

}  // namespace mams::logging
