#pragma once

#include "modules/accounts/api/customer_record.h"
#include "node/entity/entity.h"
#include "node/entity/synced_table.h"

namespace mams::accounts {

/// The `customers` table declared once: columns, JSON (with the industry's name and the
/// managers kept in customer_managers), the request-body allow-list, the CSV import
/// columns and the CSV/XLSX export headers. `name_key` is derived from the name by the
/// repository and not declared. Synced upward.
const entity::Entity<CustomerRecord>& CustomerEntity();
const entity::SyncedTable& CustomerTable();

}  // namespace mams::accounts
