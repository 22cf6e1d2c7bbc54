#include "node/common/ids.h"

#include <Poco/UUID.h>
#include <Poco/SHA1Engine.h>
#include <Poco/UUIDGenerator.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
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

// Random bytes for ids, drawn from OpenSSL a few KiB at a time per thread: one RAND_bytes
// call per id cost a twentieth of an import (OpenSSL 3's per-call set-up and locking).
void RandomBytes(unsigned char* out, std::size_t count) {
  thread_local std::array<unsigned char, 4096> pool{};
  thread_local std::size_t used = pool.size();
  if (used + count > pool.size()) {
    if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1) {
      throw std::runtime_error("OpenSSL RAND_bytes failed");
    }
    used = 0;
  }
  std::copy_n(pool.data() + used, count, out);
  used += count;
}

}  // namespace

std::string NewRowId() {
  std::array<unsigned char, 16> bytes{};
  RandomBytes(bytes.data(), bytes.size());
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  // RFC 9562 method 1: the 12 bits after the version count within a millisecond, so ids made
  // by this process sort in creation order (timelines order by id within one timestamp).
  std::uint16_t counter = 0;
  {
    static std::mutex mutex;
    static std::uint64_t last_ms = 0;
    static std::uint16_t last_counter = 0;
    const std::lock_guard<std::mutex> lock(mutex);
    if (ms <= last_ms) {
      ms = last_ms;
      counter = static_cast<std::uint16_t>(last_counter + 1);
      if (counter > 0x0fff) {  // 4096 ids in one millisecond: borrow the next one
        ms = last_ms + 1;
        counter = 0;
      }
    } else {
      counter = static_cast<std::uint16_t>(((bytes[6] << 8) | bytes[7]) & 0x03ff);  // room to count
    }
    last_ms = ms;
    last_counter = counter;
  }
  for (int i = 0; i < 6; ++i) {
    bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ms >> (40 - 8 * i));
  }
  bytes[6] = static_cast<unsigned char>(0x70 | (counter >> 8));  // version 7
  bytes[7] = static_cast<unsigned char>(counter & 0xff);
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
