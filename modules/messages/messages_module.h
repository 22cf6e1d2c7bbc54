#pragma once

#include "node/module/module.h"

namespace mams::messages {

/// The notification centre (站内信): messages from people and from other modules to one
/// user, carried by sync to the recipient's node; docs/messages.md.
module::Module MakeModule();

}  // namespace mams::messages
