#pragma once

#include "modules/accounts/api/customer_record.h"
#include "modules/accounts/customers/customer_events.h"
#include "node/entity/entity.h"
#include "node/entity/synced_table.h"

namespace mams::accounts {

/// The `customers` table declared once: columns, JSON (with the industry's name and the
/// managers kept in customer_managers), the request-body allow-list, the CSV import
/// columns and the CSV/XLSX export headers. `name_key` is derived from the name by the
/// repository and not declared. Synced upward.
const entity::Entity<CustomerRecord>& CustomerEntity();
const entity::SyncedTable& CustomerTable();

/// The JSON members of a customer named among others (a parent, branches, a duplicate group).
const std::vector<std::string>& CustomerBriefMembers();
/// The JSON members of a customer named as a possible duplicate of a new one.
const std::vector<std::string>& CustomerMatchMembers();

/// A row of `customer_events` as read and shown; `changes` is stored JSON text, not shown as
/// such (the answer nests it parsed).
const entity::Entity<CustomerEvent>& CustomerEventEntity();

/// A row of `customer_state_changes` as read and shown (the service writes them).
const entity::Entity<StateChange>& StateChangeEntity();

}  // namespace mams::accounts
