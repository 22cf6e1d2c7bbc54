#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mams::backup {

/// One file of a backup and what it must hash to.
struct BackupFile {
  std::string name;  ///< relative to the backup directory
  std::int64_t bytes = 0;
  std::string sha256;  ///< lowercase hex
};

/// manifest.json of a backup directory: whose backup it is, of which backend, and the
/// checksum of every file, so a restore can refuse a corrupted or foreign backup before it
/// touches anything.
struct BackupManifest {
  static constexpr int kFormatVersion = 1;
  int format_version = kFormatVersion;
  std::string node_id;
  std::string level;
  std::string org;
  std::string backend;  ///< "sqlite" or "mysql"
  std::string mams_version;
  std::string created_at;       ///< ISO 8601 UTC
  std::int64_t outbox_seq = 0;  ///< the sync outbox position the backup holds
  std::vector<BackupFile> files;
};

/// SHA-256 of a file's bytes, lowercase hex. Throws StartupError naming the file.
std::string Sha256OfFile(const std::string& path, std::int64_t* bytes = nullptr);

/// Writes dir/manifest.json (through a temporary file and a rename).
void WriteManifest(const std::string& dir, const BackupManifest& manifest);

/// Reads dir/manifest.json and checks every listed file against its size and checksum.
/// Throws StartupError saying what is wrong: no manifest, not a MAMS backup, an unknown
/// format version, a missing file, a checksum that does not match.
BackupManifest ReadVerifiedManifest(const std::string& dir);

}  // namespace mams::backup
