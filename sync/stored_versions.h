#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sync/apply_rule.h"
#include "sync/outbox.h"

namespace mams::storage {
class Session;
}

namespace mams::sync {

class SyncCatalog;

/// The stored version of every row a batch of changes touches, read before the batch is
/// applied in a few queries (per table, 64 ids a query) instead of one query per change,
/// and kept current as the batch writes (a batch may change one row twice). Read inside the
/// apply transaction, so it sees what earlier batches of that transaction wrote.
class StoredVersions {
 public:
  struct Stored {
    VersionStamp stamp;
    std::int64_t base_version = 0;
  };

  /// Reads the stored rows of `changes` whose table is in `catalog` (others are left to
  /// the applier, which refuses them).
  StoredVersions(storage::Session& session, const SyncCatalog& catalog,
                 const std::vector<Change>& changes);

  /// The stored row's version, or nullptr when there is none.
  const Stored* Find(const std::string& table, const std::string& id) const;
  /// `change` was written: it is what is stored now.
  void Wrote(const Change& change);
  /// Reads one row's version again (after a write made otherwise than from a change).
  void Reread(storage::Session& session, const std::string& table, const std::string& id);

 private:
  /// Reads the stored rows of `table` (the catalog's name) among `ids`.
  void Read(storage::Session& session, const std::string& table,
            const std::vector<const std::string*>& ids);
  static std::string Key(const std::string& table, const std::string& id);

  std::unordered_map<std::string, Stored> rows_;
};

}  // namespace mams::sync
