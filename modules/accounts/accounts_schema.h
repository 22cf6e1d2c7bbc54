#pragma once

#include <vector>

#include "node/storage/migrations.h"

namespace mams::accounts {

/// Tables of the major-account module: customers and their managers, state history,
/// contacts, visits, monthly revenue facts, grading rules and the industry reference.
/// Every business table carries the sync columns of the design (org_code, owner_node,
/// version, updated_at, deleted).
std::vector<storage::Migration> AccountsMigrations();

}  // namespace mams::accounts
