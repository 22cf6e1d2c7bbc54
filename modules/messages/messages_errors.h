#pragma once

#include <vector>

#include "node/common/error_catalogue.h"

namespace mams::messages {

/// The Chinese and English messages of every error code the messages module throws, declared
/// in messages_errors.yaml and compiled in by mams_error_table (CMakeLists.txt).
const std::vector<ErrorMessage>& MessagesErrorMessages();

}  // namespace mams::messages
