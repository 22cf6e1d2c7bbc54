#include "modules/identity/password_hasher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace mams::identity {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;

using Key = std::array<unsigned char, kKeyBytes>;

struct Encoded {
  int iterations = 0;
  std::vector<unsigned char> salt;
  std::vector<unsigned char> key;
};

bool Derive(std::string_view password, const std::vector<unsigned char>& salt, int iterations,
            Key& key) {
  if (password.size() > static_cast<std::size_t>(INT_MAX)) {
    return false;
  }
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(),
                           static_cast<int>(key.size()), key.data()) == 1;
}

std::string EncodeBase64(const unsigned char* data, std::size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// EVP_DecodeBlock tolerates whitespace and keeps padding as zero bytes, so the strict
// shape check happens here and the padding is cut off afterwards.
std::optional<std::vector<unsigned char>> DecodeBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::size_t padding = 0;
  while (padding < 2 && text[text.size() - 1 - padding] == '=') {
    ++padding;
  }
  for (std::size_t i = 0; i < text.size() - padding; ++i) {
    if (!IsBase64Char(text[i])) {
      return std::nullopt;
    }
  }
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int written =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  if (written < 0 || static_cast<std::size_t>(written) != out.size()) {
    return std::nullopt;
  }
  out.resize(out.size() - padding);
  return out;
}

std::optional<int> ParseIterations(std::string_view text) {
  if (text.empty() || text.size() > 9 || text.front() == '0') {
    return std::nullopt;
  }
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Encoded> Parse(std::string_view encoded) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    const std::size_t end = encoded.find('$', start);
    parts.push_back(encoded.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  if (parts.size() != 4 || parts[0] != kScheme) {
    return std::nullopt;
  }
  auto iterations = ParseIterations(parts[1]);
  auto salt = DecodeBase64(parts[2]);
  auto key = DecodeBase64(parts[3]);
  if (!iterations || !salt || !key || key->size() != kKeyBytes) {
    return std::nullopt;
  }
  return Encoded{*iterations, std::move(*salt), std::move(*key)};
}

}  // namespace

std::string HashPassword(std::string_view password, int iterations) {
  if (iterations < 1) {
    throw std::invalid_argument("password hash iterations must be at least 1");
  }
  std::vector<unsigned char> salt(kSaltBytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    throw std::runtime_error("random number generator failed while hashing a password");
  }
  Key key{};
  if (!Derive(password, salt, iterations, key)) {
    throw std::runtime_error("PBKDF2 key derivation failed while hashing a password");
  }
  std::string out(kScheme);
  out += '$' + std::to_string(iterations) + '$' + EncodeBase64(salt.data(), salt.size()) + '$' +
         EncodeBase64(key.data(), key.size());
  OPENSSL_cleanse(key.data(), key.size());
  return out;
}

PasswordCheck VerifyPassword(std::string_view password, std::string_view encoded,
                             int current_iterations) {
  PasswordCheck check;
  const auto parsed = Parse(encoded);
  if (!parsed) {
    return check;
  }
  Key key{};
  if (!Derive(password, parsed->salt, parsed->iterations, key)) {
    return check;
  }
  check.ok = CRYPTO_memcmp(key.data(), parsed->key.data(), kKeyBytes) == 0;
  check.needs_rehash = check.ok && parsed->iterations < current_iterations;
  OPENSSL_cleanse(key.data(), key.size());
  return check;
}

void SpendVerificationTime(int iterations) {
  // A fixed salt is fine: the result is thrown away, only the work matters.
  const std::vector<unsigned char> salt(kSaltBytes, 0x5a);
  Key key{};
  Derive("mams-unknown-user", salt, iterations < 1 ? 1 : iterations, key);
}

}  // namespace mams::identity
