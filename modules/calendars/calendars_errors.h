#pragma once

#include <vector>

#include "node/common/error_catalogue.h"

namespace mams::calendars {

/// The Chinese and English messages of every error code the calendars module throws, declared
/// in calendars_errors.yaml and compiled in by mams_error_table (CMakeLists.txt).
const std::vector<ErrorMessage>& CalendarsErrorMessages();

}  // namespace mams::calendars
