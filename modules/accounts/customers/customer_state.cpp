#include "modules/accounts/customers/customer_state.h"

namespace mams::accounts {
namespace {

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
  if (text == "potential") {
    return CustomerState::kPotential;
  }
  if (text == "active") {
    return CustomerState::kActive;
  }
  if (text == "suspended") {
    return CustomerState::kSuspended;
  }
  if (text == "churned") {
    return CustomerState::kChurned;
  }
  return std::nullopt;
}

std::string_view CustomerStateName(CustomerState state) {
  switch (state) {
    case CustomerState::kPotential:
      return "potential";
    case CustomerState::kActive:
      return "active";
    case CustomerState::kSuspended:
      return "suspended";
    case CustomerState::kChurned:
      return "churned";
  }
  return "potential";
}

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
