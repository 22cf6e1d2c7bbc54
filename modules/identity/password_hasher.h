#pragma once

#include <string>
#include <string_view>

namespace mams::identity {

/// Minimum PBKDF2 iterations the node accepts (OWASP 2023 for PBKDF2-HMAC-SHA256).
inline constexpr int kMinPasswordIterations = 600000;

/// Derives a 32-byte key with PBKDF2-HMAC-SHA256 (OpenSSL PKCS5_PBKDF2_HMAC) from `password`
/// and a fresh 16-byte random salt (OpenSSL RAND_bytes), and encodes it as
/// "pbkdf2-sha256$<iterations>$<salt base64>$<key base64>" (standard base64, padded, no line
/// breaks). Production callers pass at least kMinPasswordIterations; tests may pass less.
/// Throws std::invalid_argument when `iterations` < 1 and std::runtime_error when OpenSSL
/// fails (RNG or derivation). Thread-safe.
std::string HashPassword(std::string_view password, int iterations);

/// Outcome of VerifyPassword.
struct PasswordCheck {
  bool ok = false;            ///< the password matches the stored encoding
  bool needs_rehash = false;  ///< ok, but stored with fewer iterations than now required
};

/// Verifies `password` against an encoding made by HashPassword, comparing the keys in
/// constant time (CRYPTO_memcmp). needs_rehash is set when ok and the stored iteration count
/// is below `current_iterations`; the caller then stores HashPassword(password, current).
/// A malformed or unknown-scheme encoding is ok=false; never throws. Thread-safe.
PasswordCheck VerifyPassword(std::string_view password, std::string_view encoded,
                             int current_iterations);

/// Spends the time of one verification at `iterations` without a stored hash, so that
/// logins for unknown users take as long as for known ones. Never throws. Thread-safe.
void SpendVerificationTime(int iterations);

}  // namespace mams::identity
