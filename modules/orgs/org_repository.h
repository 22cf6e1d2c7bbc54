#pragma once

#include <vector>

#include "node/scope/org_tree.h"
#include "node/storage/migrations.h"
#include "node/storage/storage.h"

namespace mams::orgs {

/// All SQL of the orgs table. The table carries the sync columns every synced table has:
/// `org_code` (the org the row belongs to), `owner_node`, `version` (hybrid logical clock),
/// `updated_at` and `deleted` (tombstone).
class OrgRepository {
 public:
  static std::vector<storage::Migration> Migrations();

  /// Inserts the orgs that are not there yet (by code); existing rows are left as they are,
  /// so edits made since are kept. Returns the number inserted.
  static int InsertMissing(storage::Session& session, const std::vector<scope::Org>& orgs);

  /// Every live org.
  static std::vector<scope::Org> LoadAll(storage::Session& session);
};

}  // namespace mams::orgs
