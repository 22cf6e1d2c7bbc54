#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "modules/accounts/contacts/contact_repository.h"
#include "modules/accounts/customers/customer_service.h"
#include "node/entity/patch.h"

namespace mams::accounts {

/// One row of a customer's sub-records as a request names it: the customer, seen through the
/// caller's visibility, and the row's id (empty for a create).
struct ChildRef {
  CustomerVisibility visibility;
  std::string customer_id;
  std::string id;
};

/// A write of one row as a request asks it: the If-Match version (none: any) and who asks.
struct RowWrite {
  std::optional<std::int64_t> if_match;
  audit::Actor actor;
};

/// The find, create, update and delete of one kind of a customer's sub-records (contacts,
/// visits), the same for each: the customer is found through the caller's visibility first
/// (404 otherwise), writes check the If-Match version and are journalled (audit log and
/// customer timeline) in their transaction, an update is read back before the commit.
/// Writes take the entity's Patch; what differs between the kinds (entity, validation,
/// audit image, timeline line) are overloads on Record beside the instantiations, in
/// contact_service.cpp. Thread-safe.
template <typename Record>
class CustomerChildren {
 public:
  /// `what`: the audit entity ("contact"), its actions' prefix and the 404's noun.
  CustomerChildren(AccountsContext& context, const CustomerChildRows<Record>& rows,
                   const char* what)
      : context_(context), rows_(rows), what_(what) {}

  Record Get(const ChildRef& ref) const;
  /// A new row of the customer from `input` over `draft` (fields no input sets, e.g. a
  /// visit's staff); id, customer and org are set here.
  Record Create(const ChildRef& ref, const entity::Patch& input, Record draft,
                const audit::Actor& actor) const;
  Record Update(const ChildRef& ref, const entity::Patch& input, const RowWrite& write) const;
  /// Leaves a tombstone (sync carries it).
  void Delete(const ChildRef& ref, const RowWrite& write) const;

 private:
  Record Find(storage::Session& session, const ChildRef& ref) const;
  audit::Entry AuditEntry(const char* verb, const Record& record) const;

  AccountsContext& context_;
  const CustomerChildRows<Record>& rows_;
  const char* what_;
};

}  // namespace mams::accounts
