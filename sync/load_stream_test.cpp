// The sending side of a load: pages in table and id order within the window, the closing
// page, rewinds on a gap or silence, and resuming after the receiver's last page.
#include "sync/load_stream.h"

#include <gtest/gtest.h>

#include "sync/sync_catalog.h"

namespace mams::sync {
namespace {

class LoadSenderTest : public ::testing::Test {
 protected:
  LoadSenderTest() {
    rules_.name = "grading_rules";
    customers_.name = "customers";
    // Five customers and two rules; rule ids sort before customer ids to catch mix-ups.
    for (const char* id : {"c1", "c2", "c3", "c4", "c5"}) {
      rows_[customers_.name].push_back(id);
    }
    rows_[rules_.name] = {"a1", "a2"};
  }

  LoadSender Sender(int window) {
    SenderLimits limits;
    limits.window = window;
    limits.load_page_rows = 2;
    limits.resend_after_ms = 1000;
    return LoadSender({&rules_, &customers_}, limits);
  }

  PageSource Source() {
    return [this](const SyncTable& table, const std::string& after, int limit) {
      std::vector<Change> page;
      for (const auto& id : rows_[table.name]) {
        if (id > after && static_cast<int>(page.size()) < limit) {
          Change change;
          change.table = table.name;
          change.row_id = id;
          change.image = "{}";
          page.push_back(change);
        }
      }
      return page;
    };
  }

  /// Page number, table and row ids of the next page ("" when none may go).
  std::string Next(LoadSender& sender, std::int64_t now_ms = 0) {
    const auto body = sender.NextPage(Source(), now_ms);
    if (!body) {
      return "";
    }
    const SnapshotMessage page = DecodeSnapshot(*body);
    std::string text = std::to_string(page.page) + ":" + page.table + ":";
    for (const auto& row : page.rows) {
      text += row.row_id + ",";
    }
    last_load_ = page.load;
    return text + (page.last ? "last" : "");
  }

  SnapshotAck Ack(std::int64_t page, const std::string& table, const std::string& after,
                  bool done = false, bool gap = false) {
    return {{last_load_, page, table, after}, done, gap};
  }

  SyncTable rules_, customers_;
  std::map<std::string, std::vector<std::string>> rows_;
  std::string last_load_;
};

TEST_F(LoadSenderTest, PagesFollowTablesAndIdsWithinTheWindowThenTheClosingPage) {
  LoadSender sender = Sender(1);
  sender.Start(42, 0);
  EXPECT_TRUE(sender.holds_live());
  EXPECT_EQ("1:grading_rules:a1,a2,", Next(sender));
  EXPECT_EQ("2:customers:c1,c2,", Next(sender));
  EXPECT_EQ("", Next(sender)) << "the window is two pages (twice the batch window)";
  EXPECT_TRUE(sender.OnAck(Ack(1, "grading_rules", "a2"), 10)) << "the first page frees live";
  EXPECT_FALSE(sender.holds_live());
  EXPECT_EQ(42, sender.cursor());
  EXPECT_EQ("3:customers:c3,c4,", Next(sender));
  EXPECT_FALSE(sender.OnAck(Ack(3, "customers", "c4"), 20));
  EXPECT_EQ("4:customers:c5,", Next(sender));
  EXPECT_EQ("5::last", Next(sender));
  EXPECT_EQ("", Next(sender));
  sender.OnAck(Ack(5, "", "", true), 30);
  EXPECT_FALSE(sender.active());
}

TEST_F(LoadSenderTest, AGapRewindsToTheReceiversPosition) {
  LoadSender sender = Sender(4);
  sender.Start(1, 0);
  EXPECT_EQ("1:grading_rules:a1,a2,", Next(sender));
  EXPECT_EQ("2:customers:c1,c2,", Next(sender));
  EXPECT_EQ("3:customers:c3,c4,", Next(sender));
  // The receiver committed page 1 only and refused page 3.
  sender.OnAck(Ack(1, "grading_rules", "a2", false, true), 5);
  EXPECT_EQ("2:customers:c1,c2,", Next(sender));
  // Page 0 of the same load: the receiver has nothing of it; from the start.
  sender.OnAck(Ack(0, "", "", false, true), 6);
  EXPECT_EQ("1:grading_rules:a1,a2,", Next(sender));
}

TEST_F(LoadSenderTest, SilenceRewindsToTheLastAcknowledgedPage) {
  LoadSender sender = Sender(4);
  sender.Start(1, 0);
  Next(sender, 0);
  Next(sender, 0);
  sender.OnAck(Ack(1, "grading_rules", "a2"), 100);
  sender.CheckResend(500);
  EXPECT_EQ("3:customers:c3,c4,", Next(sender, 500)) << "not yet";
  sender.CheckResend(1200);
  EXPECT_EQ("2:customers:c1,c2,", Next(sender, 1200));
}

TEST_F(LoadSenderTest, ResumesAfterTheReceiversLastPageWithoutHoldingLive) {
  LoadSender sender = Sender(4);
  sender.Resume({"load-7", 3, "customers", "c2"}, 9, 0);
  EXPECT_TRUE(sender.active());
  EXPECT_FALSE(sender.holds_live()) << "the receiver's cursor moved with page 1 already";
  EXPECT_EQ("4:customers:c3,c4,", Next(sender));
  EXPECT_EQ("load-7", last_load_);
  // A position the sender cannot place starts afresh, with a new load id.
  sender.Resume({"load-7", 3, "no_such_table", "x"}, 9, 0);
  EXPECT_TRUE(sender.holds_live());
  EXPECT_EQ("1:grading_rules:a1,a2,", Next(sender));
  EXPECT_NE("load-7", last_load_);
}

TEST_F(LoadSenderTest, AcknowledgementsOfAnotherLoadAreIgnored) {
  LoadSender sender = Sender(1);
  sender.Start(1, 0);
  Next(sender);
  Next(sender);
  EXPECT_FALSE(sender.OnAck({{"other", 1, "grading_rules", "a2"}, false, false}, 1));
  EXPECT_TRUE(sender.holds_live());
  EXPECT_EQ("", Next(sender));
}

}  // namespace
}  // namespace mams::sync
