#pragma once

#include <vector>

#include "node/common/error_catalogue.h"

namespace mams::identity {

/// The Chinese and English messages of every error code the identity module throws,
/// including the sign-in failures the request guard answers with; declared in
/// identity_errors.yaml and compiled in by mams_error_table (CMakeLists.txt). Throws
/// StartupError on its first call when that file is malformed (see ErrorTable).
const std::vector<ErrorMessage>& IdentityErrorMessages();

}  // namespace mams::identity
