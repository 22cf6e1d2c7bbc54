#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "node/audit/audit_log.h"

namespace mams::storage {
class Session;
}

namespace Poco::JSON {
class Object;
}

namespace mams::accounts {

/// One entry of a customer's timeline (客户变更历史). Events are sync rows, so a province
/// and the group show the same timeline as the local network where the change was made.
struct CustomerEvent {
  std::string id;
  std::string customer_id;
  std::string at;
  std::string actor;    ///< username
  std::string action;   ///< the audit action: customer.update, contact.create, ...
  std::string summary;  ///< short, for people; no personal data
  std::string changes;  ///< JSON {"field":{"from":..,"to":..}} or the created/removed image
};

/// Where a customer write is recorded: the tamper-evident audit log and the customer's own
/// timeline, in the caller's open transaction.
struct Journal {
  const audit::AuditLog& audit;
  std::string node_id;

  /// Appends `entry` to the audit log and an event for `customer_id` (org = entry.org_code).
  void Record(storage::Session& session, const audit::Actor& actor, const audit::Entry& entry,
              const std::string& customer_id, const std::string& at,
              const std::string& summary) const;
};

class CustomerEventRepository {
 public:
  /// An event without an audit entry of its own (the import batch carries that).
  static void Insert(storage::Session& session, const CustomerEvent& event,
                     const std::string& org_code, const std::string& owner_node);
  /// Newest first, over several customers (a winner and the customers merged into it).
  static std::vector<CustomerEvent> List(storage::Session& session,
                                         const std::vector<std::string>& customer_ids, int limit,
                                         int offset, std::int64_t* total);
  /// Moves the events of `from` to `to` (a merge), keeping their content.
  static void Reassign(storage::Session& session, const std::string& from, const std::string& to,
                       const std::string& org_code, const std::string& updated_at);
};

/// The fields whose values differ between two flat JSON objects, as
/// {"field":{"from":old,"to":new}}; with an empty `before` every field of `after` is "to".
std::string DiffJson(const std::string& before, const std::string& after);

/// DiffJson("", after) for a new row, written straight from the object (imports write one per
/// row; parsing the text back cost a sixth of an import).
std::string CreationDiffJson(const Poco::JSON::Object& after);

}  // namespace mams::accounts
