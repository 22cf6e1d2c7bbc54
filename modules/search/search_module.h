#pragma once

#include "node/module/module.h"

namespace mams::search {

/// Search (检索): the node's search index over every table a module declares to it
/// (api/search_index.h), kept in the transaction of each write and sync apply, and the one
/// box of the console (GET /api/v1/search) answered by every module's search provider.
module::Module MakeModule();

}  // namespace mams::search
