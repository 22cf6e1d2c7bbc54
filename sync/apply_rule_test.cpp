#include "sync/apply_rule.h"

#include <gtest/gtest.h>

namespace mams::sync {
namespace {

TEST(ApplyRule, NewerWinsAndTiesGoToTheGreaterNode) {
  EXPECT_TRUE(Outranks({6, "a"}, {5, "z"}));
  EXPECT_FALSE(Outranks({5, "z"}, {6, "a"}));
  EXPECT_TRUE(Outranks({5, "b"}, {5, "a"}));
  EXPECT_FALSE(Outranks({5, "a"}, {5, "a"}));
}

TEST(ApplyRule, DecisionsAndConflicts) {
  const struct {
    std::optional<VersionStamp> stored;
    std::int64_t stored_base;
    VersionStamp incoming;
    std::int64_t incoming_base;
    ApplyAction action;
    bool conflict;
  } cases[] = {
      {std::nullopt, 0, {5, "l"}, 0, ApplyAction::kInsert, false},
      {VersionStamp{5, "l"}, 4, {5, "l"}, 4, ApplyAction::kAlreadyApplied, false},
      // A later edit made on top of the stored row: a plain update.
      {VersionStamp{5, "l"}, 4, {6, "g"}, 5, ApplyAction::kOverwrite, false},
      // Both edited version 4: the later one wins everywhere, and it is a conflict.
      {VersionStamp{5, "l"}, 4, {6, "g"}, 4, ApplyAction::kOverwrite, true},
      {VersionStamp{6, "g"}, 4, {5, "l"}, 4, ApplyAction::kKeepStored, true},
      // An earlier state of the stored row arriving late is no conflict.
      {VersionStamp{6, "g"}, 5, {5, "l"}, 4, ApplyAction::kKeepStored, false},
  };
  for (const auto& c : cases) {
    const ApplyDecision decision =
        DecideApply(c.stored, c.stored_base, c.incoming, c.incoming_base);
    EXPECT_EQ(c.action, decision.action) << c.incoming.version;
    EXPECT_EQ(c.conflict, decision.conflict) << c.incoming.version;
  }
}

TEST(ApplyRule, AConflictHasOneIdWhereverItIsSeen) {
  EXPECT_EQ(ConflictId("customers", "x", {5, "l"}, {6, "g"}),
            ConflictId("customers", "x", {5, "l"}, {6, "g"}));
  EXPECT_NE(ConflictId("customers", "x", {5, "l"}, {6, "g"}),
            ConflictId("customers", "y", {5, "l"}, {6, "g"}));
}

}  // namespace
}  // namespace mams::sync
