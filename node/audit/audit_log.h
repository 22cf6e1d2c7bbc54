#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "node/common/platform_fwd.h"
#include "node/storage/migrations.h"

namespace mams::audit {

/// Who acted, from where, in which request.
struct Actor {
  std::string user_id;
  std::string username;
  std::string org_code;
  std::string client_address;
  std::string request_id;
};

/// What happened. `before`/`after` are JSON objects of the changed fields only; personal
/// data in them is masked by the caller unless the action is about revealing it.
struct Entry {
  std::string action;     ///< "user.create", "auth.login", "request.denied", ...
  std::string entity;     ///< "user", "role", "session", "api_token", ...
  std::string entity_id;
  std::string org_code;   ///< org of the affected row; scopes who may read the entry
  std::string outcome = "success";  ///< "success", "failure", "denied"
  std::string before;     ///< JSON or empty
  std::string after;      ///< JSON or empty
  std::string detail;     ///< short reason, no secrets
};

/// An entry about `entity` `entity_id` of org `org_code`; the caller adds before/after/detail.
inline Entry EntryFor(std::string action, std::string entity, std::string entity_id,
                      std::string org_code) {
  Entry entry;
  entry.action = std::move(action);
  entry.entity = std::move(entity);
  entry.entity_id = std::move(entity_id);
  entry.org_code = std::move(org_code);
  return entry;
}

struct Verification {
  bool intact = true;
  std::int64_t checked = 0;                       ///< entries whose hash was recomputed
  std::optional<std::int64_t> first_broken_seq;   ///< first entry that does not match
  std::string reason;                             ///< why it does not match
};

/// The columns of an audit_log entry that its hash covers, in hash order (seq .. detail);
/// the table also keeps prev_hash and hash. Readers of the log select these.
const std::vector<std::string>& EntryColumns();

/// The tamper-evident operation log: every entry carries the SHA-256 of its content and of
/// the previous entry's hash, so changing, removing or reordering any entry breaks the chain
/// from there on. Appends are serialised through one head row. There is no update or delete
/// anywhere in the code. Thread-safe.
class AuditLog {
 public:
  AuditLog(const Clock& clock, std::string node_id);

  /// Schema steps of `audit_log` and `audit_head` (declared by the audit module).
  static std::vector<storage::Migration> Migrations();

  /// Appends inside the caller's open transaction, so the entry commits or rolls back with
  /// the write it describes. Precondition: session.InTransaction().
  void Append(storage::Session& session, const Actor& actor, const Entry& entry) const;

  /// Appends in a transaction of its own: for events that write nothing else (a failed
  /// login, a refused request).
  void AppendAlone(storage::Storage& storage, const Actor& actor, const Entry& entry) const;

  /// Recomputes the whole chain in order.
  Verification Verify(storage::Storage& storage) const;

 private:
  const Clock& clock_;
  std::string node_id_;
};

}  // namespace mams::audit
