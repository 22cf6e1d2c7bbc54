#pragma once

#include <vector>

#include "node/common/error_catalogue.h"

namespace mams::identity {

/// The Chinese and English messages of every error code the identity module throws,
/// including the sign-in failures the request guard answers with.
const std::vector<ErrorMessage>& IdentityErrorMessages();

}  // namespace mams::identity
