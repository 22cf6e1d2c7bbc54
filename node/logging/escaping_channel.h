#pragma once

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include <string>
#include <string_view>

namespace mams::logging {

/// `text` with every control character (C0, DEL) written as `\xNN` (`\n`, `\r`, `\t` as
/// such) and a backslash doubled, so that what a client sent — a decoded path with
/// `%0d%0a`, a terminal escape — cannot start a forged log line or drive a terminal. Text
/// without such characters comes back unchanged.
std::string EscapeControls(std::string_view text);

/// Passes every message on with its text escaped by EscapeControls: one place for every
/// line the node logs, whoever wrote it.
class EscapingChannel final : public Poco::Channel {
 public:
  explicit EscapingChannel(Poco::AutoPtr<Poco::Channel> next) : next_(std::move(next)) {}
  void log(const Poco::Message& message) override;
  void open() override { next_->open(); }
  void close() override { next_->close(); }

 private:
  Poco::AutoPtr<Poco::Channel> next_;
};

}  // namespace mams::logging
