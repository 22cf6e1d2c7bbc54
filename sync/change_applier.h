#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sync/outbox.h"

namespace mams::storage {
class Session;
}

namespace mams::sync {

class ChangeCapture;
class SyncCatalog;

/// What applying a batch did.
struct ApplyCounts {
  int applied = 0;      ///< inserted or overwritten
  int unchanged = 0;    ///< already applied, or older than the stored row
  int conflicts = 0;    ///< conflict records written
  int quarantined = 0;  ///< could not be applied or were refused (sync_quarantine)
};

/// Decides whether a change may come in on a link at all (scope and direction checks of
/// docs/sync-protocol.md §7). Returns the reason to refuse it, or an empty string.
using ChangeFilter = std::function<std::string(const Change&)>;

/// Whether an applied change goes on over another link (and so needs an outbox entry): at
/// the root, changes consolidated from below go nowhere further.
using ForwardFilter = std::function<bool(const Change&)>;

/// Applies received changes (docs/sync-protocol.md §5) in the caller's apply transaction
/// (`Session::BeginApply`): last writer wins, conflicts recorded, a change that cannot be
/// applied quarantined without stopping the others, applied changes appended to the outbox
/// for forwarding. Thread-safe (no state of its own beyond its references).
class ChangeApplier {
 public:
  ChangeApplier(const SyncCatalog& catalog, ChangeCapture& capture);

  /// `peer` is the node the changes came from (the outbox `source` of what is forwarded).
  ApplyCounts Apply(storage::Session& session, const std::string& peer,
                    const std::vector<Change>& changes, const ChangeFilter& filter,
                    const ForwardFilter& forward, const std::string& now);

 private:
  /// Applies one change; throws (Unapplicable, StorageError) when it cannot.
  void ApplyOne(storage::Session& session, const Change& change, const ChangeFilter& filter,
                const ForwardFilter& forward, const std::string& now, ApplyCounts* counts,
                std::vector<Change>* forwarded);

  const SyncCatalog& catalog_;
  ChangeCapture& capture_;
};

}  // namespace mams::sync
