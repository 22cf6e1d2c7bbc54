#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mams::identity {

/// `bytes` random bytes from OpenSSL RAND_bytes, base64url without padding (so 32 bytes give
/// 43 characters). Precondition: bytes >= 1, else std::invalid_argument. Throws
/// std::runtime_error if the RNG fails. Thread-safe.
std::string RandomToken(int bytes);

/// SHA-256 of `token`, lower-case hex (64 chars). Sessions, API tokens and recovery codes
/// are stored only as this, so a leaked table does not give working credentials.
/// Throws std::runtime_error only if OpenSSL fails. Thread-safe.
std::string HashToken(std::string_view token);

/// `count` recovery codes "xxxx-xxxx-xxxx", 12 characters each drawn uniformly from the
/// unambiguous alphabet a-z without i, l, o plus 2-9. Precondition: count >= 0, else
/// std::invalid_argument. Throws std::runtime_error if the RNG fails. Thread-safe.
std::vector<std::string> NewRecoveryCodes(int count);

/// Lower-cases (ASCII) and removes spaces and dashes, so "ABCD EFGH-JKMN" and
/// "abcd-efgh-jkmn" both become "abcdefghjkmn". Hash the result with HashToken for storage
/// and lookup. Never throws.
std::string NormaliseRecoveryCode(std::string_view code);

/// Equality whose time depends only on the lengths, never on the contents (CRYPTO_memcmp).
/// Strings of different length are unequal. Never throws. Thread-safe.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace mams::identity
