#pragma once

#include "modules/accounts/contacts/contact_record.h"
#include "node/entity/entity.h"
#include "node/entity/synced_table.h"

namespace mams::accounts {

/// The `contacts` table declared once: columns, JSON (phones, e-mail, ID number and birth
/// year masked without pii:view), the request-body allow-list, lengths and the CSV import
/// columns. Synced upward.
const entity::Entity<ContactRecord>& ContactEntity();
const entity::SyncedTable& ContactTable();

/// The `visits` table (走访记录) declared once. Synced upward.
const entity::Entity<VisitRecord>& VisitEntity();
const entity::SyncedTable& VisitTable();

}  // namespace mams::accounts
