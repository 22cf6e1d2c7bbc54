#pragma once

#include <Poco/Channel.h>

namespace mams::logging {

/// Keeps warnings and errors for RecentProblems() (recent_errors.h).
class RecentErrorsChannel final : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override;
};

}  // namespace mams::logging
