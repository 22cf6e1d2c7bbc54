#pragma once

#include <vector>

#include "node/storage/migrations.h"

namespace mams::storage {
class Session;
}

namespace mams::accounts {

/// Tables of the major-account module: customers and their managers, state history,
/// contacts, visits, monthly revenue facts, grading rules and the industry reference.
/// Every business table carries the sync columns of the design (org_code, owner_node,
/// version, updated_at, deleted).
std::vector<storage::Migration> AccountsMigrations();

/// Refreshes the query planner's statistics of the customers table where the backend needs
/// it (SQLite); run at start and after imports so list queries pick the right index.
void RefreshCustomerStatistics(storage::Session& session);

}  // namespace mams::accounts
