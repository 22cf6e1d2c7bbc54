#pragma once

#include <vector>

#include "node/storage/migrations.h"

namespace mams::identity {

/// Tables of users, roles, grants, sessions, API tokens and recovery codes, and the seven
/// shipped roles.
std::vector<storage::Migration> IdentityMigrations();

}  // namespace mams::identity
