#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace mams::accounts {

/// Customer state (客户状态): potential 潜在, active 在网, suspended 暂停, churned 流失.
enum class CustomerState { kPotential, kActive, kSuspended, kChurned };

std::optional<CustomerState> ParseCustomerState(std::string_view text);
std::string_view CustomerStateName(CustomerState state);

/// The allowed changes: potential → active; active → suspended; suspended → active;
/// active or suspended → churned; churned → active (win-back). Everything else is refused.
bool CanChangeState(CustomerState from, CustomerState to);

/// The states reachable from `from`, for error messages and the console's buttons.
std::vector<CustomerState> NextStates(CustomerState from);

}  // namespace mams::accounts
