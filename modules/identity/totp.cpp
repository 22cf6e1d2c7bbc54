#include "modules/identity/totp.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>
#include <vector>

namespace mams::identity {
namespace {

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kSecretBytes = 20;
constexpr int kDigits = 6;
constexpr std::uint32_t kModulus = 1000000;  // 10^kDigits

std::string EncodeBase32(const std::vector<unsigned char>& data) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const unsigned char byte : data) {
    buffer = (buffer << 8u) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32[(buffer >> static_cast<unsigned>(bits)) & 31u];
    }
  }
  if (bits > 0) {
    out += kBase32[(buffer << static_cast<unsigned>(5 - bits)) & 31u];
  }
  return out;
}

int Base32Value(char c) {
  if (c >= 'a' && c <= 'z') {
    c = static_cast<char>(c - 'a' + 'A');
  }
  const std::size_t pos = kBase32.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::vector<unsigned char> DecodeBase32(std::string_view text) {
  while (!text.empty() && text.back() == '=') {
    text.remove_suffix(1);
  }
  // 1, 3 and 6 leftover characters cannot come from whole bytes.
  const std::size_t rest = text.size() % 8;
  if (text.empty() || rest == 1 || rest == 3 || rest == 6) {
    throw std::invalid_argument("TOTP secret is not base32");
  }
  std::vector<unsigned char> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = Base32Value(c);
    if (value < 0) {
      throw std::invalid_argument("TOTP secret is not base32");
    }
    buffer = (buffer << 5u) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>(buffer >> static_cast<unsigned>(bits)));
    }
  }
  return out;
}

// RFC 4226 section 5.3: HMAC of the big-endian counter, dynamic truncation, modulo 10^6.
std::string HotpCode(const std::vector<unsigned char>& key, std::uint64_t counter) {
  std::array<unsigned char, 8> message{};
  for (std::size_t i = 0; i < message.size(); ++i) {
    message[message.size() - 1 - i] = static_cast<unsigned char>(counter >> (8u * i));
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           mac, &mac_size) == nullptr ||
      mac_size < 20) {
    throw std::runtime_error("HMAC-SHA1 failed");
  }
  const unsigned offset = mac[mac_size - 1] & 0x0fu;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7fu) << 24u) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16u) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8u) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::string code = std::to_string(binary % kModulus);
  code.insert(0, static_cast<std::size_t>(kDigits) - code.size(), '0');
  return code;
}

bool IsSixDigits(std::string_view code) {
  if (code.size() != static_cast<std::size_t>(kDigits)) {
    return false;
  }
  for (const char c : code) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

std::string PercentEncode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4u];
      out += kHex[byte & 15u];
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() {
  std::vector<unsigned char> secret(kSecretBytes);
  if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1) {
    throw std::runtime_error("random number generator failed while creating a TOTP secret");
  }
  std::string encoded = EncodeBase32(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  return encoded;
}

std::string TotpCode(std::string_view base32_secret, std::int64_t unix_seconds) {
  if (unix_seconds < 0) {
    throw std::invalid_argument("TOTP time must not be before 1970");
  }
  const std::vector<unsigned char> key = DecodeBase32(base32_secret);
  return HotpCode(key, static_cast<std::uint64_t>(unix_seconds / kTotpStepSeconds));
}

std::optional<std::int64_t> VerifyTotp(std::string_view base32_secret, std::string_view code,
                                       std::int64_t unix_seconds, std::int64_t last_used_step) {
  if (!IsSixDigits(code) || unix_seconds < 0) {
    return std::nullopt;
  }
  try {
    const std::vector<unsigned char> key = DecodeBase32(base32_secret);
    const std::int64_t current = unix_seconds / kTotpStepSeconds;
    std::optional<std::int64_t> matched;
    // All three candidates are computed and compared so timing does not reveal which matched.
    for (std::int64_t step = current - 1; step <= current + 1; ++step) {
      if (step < 0) {
        continue;
      }
      const std::string expected = HotpCode(key, static_cast<std::uint64_t>(step));
      const bool equal = CRYPTO_memcmp(expected.data(), code.data(), expected.size()) == 0;
      if (equal && step > last_used_step && !matched) {
        matched = step;
      }
    }
    return matched;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string OtpauthUri(std::string_view issuer, std::string_view account,
                       std::string_view base32_secret) {
  const std::string encoded_issuer = PercentEncode(issuer);
  return "otpauth://totp/" + encoded_issuer + ":" + PercentEncode(account) +
         "?secret=" + PercentEncode(base32_secret) + "&issuer=" + encoded_issuer +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace mams::identity
