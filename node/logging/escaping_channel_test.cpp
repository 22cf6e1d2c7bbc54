#include "node/logging/escaping_channel.h"

#include <Poco/AutoPtr.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>

#include <vector>

namespace mams::logging {
namespace {

class KeepingChannel final : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override { texts.push_back(message.getText()); }
  std::vector<std::string> texts;
};

TEST(EscapingChannelTest, ControlCharactersCannotForgeLinesOrDriveTerminals) {
  EXPECT_EQ("GET /a\\r\\n2026 I mams.http: forged", EscapeControls("GET /a\r\n2026 I mams.http: forged"));
  EXPECT_EQ("\\x1b[31mred\\x00\\x7f", EscapeControls(std::string("\x1b[31mred\0\x7f", 10)));
  EXPECT_EQ("C:\\\\x1b", EscapeControls("C:\\x1b"));  // a literal backslash stays readable
  EXPECT_EQ("广州市 tab\\tend", EscapeControls("广州市 tab\tend"));
}

TEST(EscapingChannelTest, EveryMessagePassesEscaped) {
  Poco::AutoPtr<KeepingChannel> kept(new KeepingChannel);
  EscapingChannel channel{Poco::AutoPtr<Poco::Channel>(kept, true)};
  channel.log(Poco::Message("t", "clean 广州", Poco::Message::PRIO_INFORMATION));
  channel.log(Poco::Message("t", "path=/x\r\nforged", Poco::Message::PRIO_INFORMATION));
  ASSERT_EQ(2u, kept->texts.size());
  EXPECT_EQ("clean 广州", kept->texts[0]);
  EXPECT_EQ("path=/x\\r\\nforged", kept->texts[1]);
}

}  // namespace
}  // namespace mams::logging
