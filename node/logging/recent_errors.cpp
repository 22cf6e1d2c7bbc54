#include "node/logging/recent_errors.h"

#include <Poco/Channel.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Message.h>

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>

#include "node/logging/recent_errors_channel.h"

namespace mams::logging {
namespace {

constexpr std::size_t kKept = 50;

std::mutex problems_mutex;
std::deque<LoggedProblem> problems;  // newest first
std::atomic<std::uint64_t> problem_count{0};

const char* LevelName(Poco::Message::Priority priority) {
  switch (priority) {
    case Poco::Message::PRIO_FATAL:
      return "fatal";
    case Poco::Message::PRIO_CRITICAL:
      return "critical";
    case Poco::Message::PRIO_ERROR:
      return "error";
    default:
      return "warning";
  }
}

}  // namespace

void RecentErrorsChannel::log(const Poco::Message& message) {
  if (message.getPriority() > Poco::Message::PRIO_WARNING) {
    return;
  }
  ++problem_count;
  LoggedProblem problem{
      Poco::DateTimeFormatter::format(message.getTime(), Poco::DateTimeFormat::ISO8601_FORMAT),
      LevelName(message.getPriority()), message.getSource(), message.getText().substr(0, 500)};
  std::lock_guard<std::mutex> lock(problems_mutex);
  problems.push_front(std::move(problem));
  if (problems.size() > kKept) {
    problems.pop_back();
  }
}

std::vector<LoggedProblem> RecentProblems() {
  std::lock_guard<std::mutex> lock(problems_mutex);
  return {problems.begin(), problems.end()};
}

std::uint64_t ProblemCount() { return problem_count.load(); }

}  // namespace mams::logging
