#include "modules/accounts/customers/customer_state.h"

#include <gtest/gtest.h>

#include <set>

namespace mams::accounts {
namespace {

TEST(CustomerState, OnlyTheDocumentedTransitionsAreAllowed) {
  using S = CustomerState;
  const S all[] = {S::kPotential, S::kActive, S::kSuspended, S::kChurned};
  const std::set<std::pair<S, S>> allowed = {{S::kPotential, S::kActive}, {S::kActive, S::kSuspended},
                                             {S::kSuspended, S::kActive}, {S::kActive, S::kChurned},
                                             {S::kSuspended, S::kChurned}, {S::kChurned, S::kActive}};
  for (const S from : all) {
    for (const S to : all) {
      EXPECT_EQ(allowed.count({from, to}) == 1, CanChangeState(from, to))
          << CustomerStateName(from) << " -> " << CustomerStateName(to);
    }
  }
  EXPECT_EQ(2u, NextStates(S::kActive).size());
  EXPECT_TRUE(NextStates(S::kPotential).size() == 1 && NextStates(S::kPotential)[0] == S::kActive);
}

TEST(CustomerState, NamesRoundTrip) {
  for (const char* name : {"potential", "active", "suspended", "churned"}) {
    EXPECT_EQ(name, CustomerStateName(*ParseCustomerState(name)));
  }
  EXPECT_FALSE(ParseCustomerState("lost").has_value());
}

}  // namespace
}  // namespace mams::accounts
