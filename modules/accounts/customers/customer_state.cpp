#include "modules/accounts/customers/customer_state.h"

#include "node/common/enum_names.h"

namespace mams::accounts {
namespace {

constexpr EnumName<CustomerState> kStateNames[] = {
    {CustomerState::kPotential, "potential"},
    {CustomerState::kActive, "active"},
    {CustomerState::kSuspended, "suspended"},
    {CustomerState::kChurned, "churned"},
};

struct Transition {
  CustomerState from;
  CustomerState to;
};

constexpr Transition kTransitions[] = {
    {CustomerState::kPotential, CustomerState::kActive},
    {CustomerState::kActive, CustomerState::kSuspended},
    {CustomerState::kSuspended, CustomerState::kActive},
    {CustomerState::kActive, CustomerState::kChurned},
    {CustomerState::kSuspended, CustomerState::kChurned},
    {CustomerState::kChurned, CustomerState::kActive},
};

}  // namespace

std::optional<CustomerState> ParseCustomerState(std::string_view text) {
  return ParseEnum(kStateNames, text);
}

std::string_view CustomerStateName(CustomerState state) { return NameOf(kStateNames, state); }

bool CanChangeState(CustomerState from, CustomerState to) {
  for (const auto& transition : kTransitions) {
    if (transition.from == from && transition.to == to) {
      return true;
    }
  }
  return false;
}

std::vector<CustomerState> NextStates(CustomerState from) {
  std::vector<CustomerState> next;
  for (const auto& transition : kTransitions) {
    if (transition.from == from) {
      next.push_back(transition.to);
    }
  }
  return next;
}

}  // namespace mams::accounts
