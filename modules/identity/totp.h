#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mams::identity {

// RFC 6238 time-based one-time passwords as authenticator apps expect them: HMAC-SHA1,
// 6 digits, 30-second steps counted from the Unix epoch. All functions are thread-safe.

/// Seconds per TOTP step.
inline constexpr std::int64_t kTotpStepSeconds = 30;

/// A new 160-bit secret from OpenSSL RAND_bytes, RFC 4648 base32 (A-Z, 2-7) without padding
/// (32 characters). Throws std::runtime_error if the RNG fails.
std::string NewTotpSecret();

/// The 6-digit code for the 30 s step containing `unix_seconds`. The secret is base32,
/// case-insensitive, with optional '=' padding. Throws std::invalid_argument for a secret
/// that is not base32 (or empty) and for a negative `unix_seconds`.
std::string TotpCode(std::string_view base32_secret, std::int64_t unix_seconds);

/// Accepts the codes of the previous, current and next step (clock skew), but only for a
/// step later than `last_used_step` (so a code works once: store the returned step and pass
/// it next time; pass -1 when none was used yet). Returns the matched step, the earliest if
/// several match. Never throws: a bad secret or a code that is not exactly 6 ASCII digits
/// gives nullopt. Codes are compared in constant time.
std::optional<std::int64_t> VerifyTotp(std::string_view base32_secret, std::string_view code,
                                       std::int64_t unix_seconds, std::int64_t last_used_step);

/// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30,
/// with ISSUER and ACCOUNT percent-encoded as UTF-8 (everything but A-Z a-z 0-9 - . _ ~),
/// for the QR code shown at enrolment. Never throws.
std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32_secret);

}  // namespace mams::identity
