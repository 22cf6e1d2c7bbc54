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
class StoredVersions;
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

/// Where changes come from and what to do with them.
struct ApplyContext {
  std::string peer;  ///< the link they came on: the outbox `source` of what is forwarded
  ChangeFilter filter;
  ForwardFilter forward;
  std::string now;
  /// The changes are a load's page (§9): they carry states, not edits, so an intermediate
  /// version the receiver never saw is no conflict; row listeners are told RowsLoaded, not
  /// RowsWritten.
  bool load = false;
};

/// Applies received changes (docs/sync-protocol.md §5) in the caller's apply transaction
/// (`Session::BeginApply`): last writer wins, conflicts recorded, a change that cannot be
/// applied or that the database refuses quarantined without stopping the others, applied
/// changes appended to the outbox for forwarding. A storage error that puts the transaction
/// itself in doubt (busy, unavailable) is thrown: the caller rolls back and the batch comes
/// again. Thread-safe (no state of its own beyond its references).
class ChangeApplier {
 public:
  ChangeApplier(const SyncCatalog& catalog, ChangeCapture& capture);

  ApplyCounts Apply(storage::Session& session, const std::vector<Change>& changes,
                    const ApplyContext& context);

 private:
  /// Applies one change; throws (Unapplicable, StorageError) when it cannot, having written
  /// nothing.
  void ApplyOne(storage::Session& session, const Change& change, const ApplyContext& context,
                StoredVersions& versions, ApplyCounts* counts, std::vector<Change>* forwarded);
  /// Keeps a change that could not be applied aside (sync_quarantine) with its reason.
  static void Quarantine(storage::Session& session, const Change& change, const std::string& reason,
                         const ApplyContext& context, ApplyCounts* counts);

  const SyncCatalog& catalog_;
  ChangeCapture& capture_;
};

}  // namespace mams::sync
