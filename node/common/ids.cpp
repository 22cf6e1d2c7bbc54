#include "node/common/ids.h"

#include <Poco/UUID.h>
#include <Poco/SHA1Engine.h>
#include <Poco/UUIDGenerator.h>
#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace mams {
namespace {

// Fixed namespace for StableRowId; changing it would change every seeded id.
const Poco::UUID kMamsNamespace("5f1d6c2e-8a4b-4e7c-9d3a-2b6f0e8c1a47");

std::string FormatUuid(const std::array<unsigned char, 16>& b) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out.push_back('-');
    }
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return out;
}

}  // namespace

std::string NewRowId() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed");
  }
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  for (int i = 0; i < 6; ++i) {
    bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  }
  bytes[6] = static_cast<unsigned char>(0x70 | (bytes[6] & 0x0f));  // version 7
  bytes[8] = static_cast<unsigned char>(0x80 | (bytes[8] & 0x3f));  // RFC 4122 variant
  return FormatUuid(bytes);
}

std::string StableRowId(std::string_view name) {
  Poco::SHA1Engine sha1;
  return Poco::UUIDGenerator::defaultGenerator()
      .createFromName(kMamsNamespace, std::string(name), sha1, Poco::UUID::UUID_NAME_BASED_SHA1)
      .toString();
}

}  // namespace mams
