#include "node/logging/logging.h"

#include <Poco/AsyncChannel.h>
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SplitterChannel.h>

#include "node/common/errors.h"
#include "node/config/node_config.h"
#include "node/logging/escaping_channel.h"
#include "node/logging/recent_errors_channel.h"

namespace mams::logging {
namespace {

constexpr char kPattern[] = "%Y-%m-%dT%H:%M:%S.%iZ %q %s: %t";

Poco::AutoPtr<Poco::Channel> Formatted(const Poco::AutoPtr<Poco::Channel>& channel) {
  Poco::AutoPtr<Poco::PatternFormatter> formatter(new Poco::PatternFormatter(kPattern));
  formatter->setProperty("times", "UTC");
  return new Poco::FormattingChannel(formatter, channel);
}

}  // namespace

void Configure(const config::LogSection& config) {
  Poco::AutoPtr<Poco::SplitterChannel> splitter(new Poco::SplitterChannel);
  if (config.console) {
    splitter->addChannel(Formatted(Poco::AutoPtr<Poco::Channel>(new Poco::ConsoleChannel)));
  }
  if (config.file) {
    try {
      Poco::File(Poco::Path(*config.file).parent()).createDirectories();
    } catch (const Poco::Exception& e) {
      throw StartupError("log.file: cannot create directory for '" + *config.file +
                         "': " + e.displayText());
    }
    Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel(*config.file));
    file->setProperty("rotation", config.rotation);
    file->setProperty("archive", "timestamp");
    file->setProperty("times", "utc");
    file->setProperty("purgeCount", std::to_string(config.keep_files));
    file->setProperty("flush", "false");
    try {
      file->open();
    } catch (const Poco::Exception& e) {
      throw StartupError("log.file: cannot open '" + *config.file + "': " + e.displayText());
    }
    splitter->addChannel(Formatted(Poco::AutoPtr<Poco::Channel>(file)));
  }
  splitter->addChannel(Poco::AutoPtr<Poco::Channel>(new RecentErrorsChannel));
  // Escaped before the queue: a line is one line whatever a client put in it.
  Poco::AutoPtr<Poco::AsyncChannel> async(
      new Poco::AsyncChannel(new EscapingChannel(Poco::AutoPtr<Poco::Channel>(splitter))));
  Poco::Logger::root().setChannel(async);
  Poco::Logger::root().setLevel(config.level);
  // Loggers created before this call keep their old channel; update them too.
  Poco::Logger::setChannel("", async);
  Poco::Logger::setLevel("", Poco::Logger::parseLevel(config.level));
}

void Shutdown() { Poco::Logger::root().getChannel()->close(); }

}  // namespace mams::logging
