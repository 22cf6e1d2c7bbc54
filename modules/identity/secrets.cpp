#include "modules/identity/secrets.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace mams::identity {
namespace {

constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr int kRecoveryChars = 12;
constexpr int kRecoveryGroup = 4;

std::vector<unsigned char> RandomBytes(std::size_t count) {
  std::vector<unsigned char> out(count);
  if (count > 0 && RAND_bytes(out.data(), static_cast<int>(count)) != 1) {
    throw std::runtime_error("random number generator failed");
  }
  return out;
}

std::string EncodeBase64Url(const std::vector<unsigned char>& data) {
  std::string out;
  out.reserve((data.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const unsigned value = (data[i] << 16u) | (data[i + 1] << 8u) | data[i + 2];
    out += kBase64Url[(value >> 18u) & 63u];
    out += kBase64Url[(value >> 12u) & 63u];
    out += kBase64Url[(value >> 6u) & 63u];
    out += kBase64Url[value & 63u];
  }
  const std::size_t rest = data.size() - i;
  if (rest > 0) {
    const unsigned value = (data[i] << 16u) | (rest == 2 ? data[i + 1] << 8u : 0u);
    out += kBase64Url[(value >> 18u) & 63u];
    out += kBase64Url[(value >> 12u) & 63u];
    if (rest == 2) {
      out += kBase64Url[(value >> 6u) & 63u];
    }
  }
  return out;
}

// Rejection sampling keeps every character equally likely: 248 is the largest multiple of
// the alphabet size (31) that fits in a byte.
std::string RandomRecoveryCharacters() {
  const unsigned limit = 256u - 256u % kRecoveryAlphabet.size();
  std::string out;
  while (out.size() < static_cast<std::size_t>(kRecoveryChars)) {
    for (const unsigned char byte : RandomBytes(kRecoveryChars)) {
      if (byte < limit && out.size() < static_cast<std::size_t>(kRecoveryChars)) {
        out += kRecoveryAlphabet[byte % kRecoveryAlphabet.size()];
      }
    }
  }
  return out;
}

}  // namespace

std::string RandomToken(int bytes) {
  if (bytes < 1) {
    throw std::invalid_argument("random token length must be at least 1 byte");
  }
  return EncodeBase64Url(RandomBytes(static_cast<std::size_t>(bytes)));
}

std::string HashToken(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4u];
    out += kHex[digest[i] & 15u];
  }
  return out;
}

std::vector<std::string> NewRecoveryCodes(int count) {
  if (count < 0) {
    throw std::invalid_argument("recovery code count must not be negative");
  }
  std::vector<std::string> codes;
  codes.reserve(static_cast<std::size_t>(count));
  for (int n = 0; n < count; ++n) {
    const std::string chars = RandomRecoveryCharacters();
    std::string code;
    for (int i = 0; i < kRecoveryChars; ++i) {
      if (i > 0 && i % kRecoveryGroup == 0) {
        code += '-';
      }
      code += chars[static_cast<std::size_t>(i)];
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string NormaliseRecoveryCode(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (const char c : code) {
    if (c == ' ' || c == '-') {
      continue;
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    // Still walk `a` so a mismatch costs about as long as a full comparison.
    CRYPTO_memcmp(a.data(), a.data(), a.size());
    return false;
  }
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace mams::identity
