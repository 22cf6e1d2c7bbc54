#pragma once

#include "node/module/module.h"

namespace mams::accounts {

/// Major-account profiles (大客户资料管理): customers, grading, state, contacts, visits,
/// revenue facts. Every table is declared for sync.
module::Module MakeModule();

}  // namespace mams::accounts
