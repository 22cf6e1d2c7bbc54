#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/contacts/contact_record.h"
#include "modules/accounts/customers/customer_repository.h"
#include "node/entity/synced_table.h"
#include "node/storage/storage.h"

namespace mams::entity {
template <typename Record>
class Entity;
}

namespace mams::accounts {

/// The writes and the find of one table of a customer's sub-records (contacts, visits):
/// rows keyed by customer id as well as row id, inserted with their owner node, edited in a
/// fixed list of columns, deleted as tombstones (sync carries them). Built once per table;
/// thread-safe.
template <typename Record>
class CustomerChildRows {
 public:
  /// `edit_columns`: what an edit may change (identity, owner and customer stay).
  CustomerChildRows(const entity::Entity<Record>& entity, const entity::SyncedTable& table,
                    std::vector<std::string> edit_columns);

  std::optional<Record> Find(storage::Session& session, const std::string& customer_id,
                             const std::string& id) const;
  void Insert(storage::Session& session, const Record& record, const std::string& owner_node) const;
  /// Writes every editable column; bumps the version.
  void Update(storage::Session& session, const Record& record) const;
  void Delete(storage::Session& session, const std::string& id,
              const std::string& updated_at) const;

 private:
  const entity::Entity<Record>& entity_;
  std::vector<std::string> edit_columns_;
  entity::SyncedStatement insert_;
  entity::SyncedStatement update_;
  entity::SyncedStatement tombstone_;
};

/// All SQL of contacts and visits. Visibility is the caller's job: it finds the customer
/// first, and every statement here is keyed by customer id as well as row id.
class ContactRepository {
 public:
  static const CustomerChildRows<ContactRecord>& Contacts();
  static const CustomerChildRows<VisitRecord>& Visits();

  static std::vector<ContactRecord> ListContacts(storage::Session& session,
                                                 const std::string& customer_id);
  /// Newest first.
  static std::vector<VisitRecord> ListVisits(storage::Session& session,
                                             const std::string& customer_id, int limit, int offset,
                                             std::int64_t* total);

  /// Contacts of every customer the caller sees, by name; `name` a substring, `role` exact.
  static std::vector<ContactRecord> SearchContacts(storage::Session& session,
                                                   const CustomerVisibility& visibility,
                                                   const std::optional<std::string>& name,
                                                   const std::optional<std::string>& role,
                                                   int limit, int offset, std::int64_t* total);
  /// Visits to every customer the caller sees, by date; dates inclusive (YYYY-MM-DD).
  static std::vector<VisitRecord> SearchVisits(storage::Session& session,
                                               const CustomerVisibility& visibility,
                                               const std::optional<std::string>& from,
                                               const std::optional<std::string>& to,
                                               const std::optional<std::string>& type,
                                               bool newest_first, int limit, int offset,
                                               std::int64_t* total);
};

}  // namespace mams::accounts
