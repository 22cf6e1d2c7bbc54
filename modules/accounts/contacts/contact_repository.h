#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/contacts/contact_record.h"
#include "modules/accounts/customers/customer_repository.h"
#include "node/storage/storage.h"

namespace mams::accounts {

/// All SQL of contacts and visits. Visibility is the caller's job: it finds the customer
/// first, and every statement here is keyed by customer id as well as row id.
class ContactRepository {
 public:
  static std::vector<ContactRecord> ListContacts(storage::Session& session,
                                                 const std::string& customer_id);
  static std::optional<ContactRecord> FindContact(storage::Session& session,
                                                  const std::string& customer_id,
                                                  const std::string& id);
  static void InsertContact(storage::Session& session, const ContactRecord& contact,
                            const std::string& owner_node);
  /// Writes every mutable column; bumps the version.
  static void UpdateContact(storage::Session& session, const ContactRecord& contact);

  /// Newest first.
  static std::vector<VisitRecord> ListVisits(storage::Session& session,
                                             const std::string& customer_id, int limit, int offset,
                                             std::int64_t* total);
  static std::optional<VisitRecord> FindVisit(storage::Session& session,
                                              const std::string& customer_id,
                                              const std::string& id);
  static void InsertVisit(storage::Session& session, const VisitRecord& visit,
                          const std::string& owner_node);
  static void UpdateVisit(storage::Session& session, const VisitRecord& visit);

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

  /// Deletes leave tombstones (sync carries them).
  static void DeleteContact(storage::Session& session, const std::string& id,
                            const std::string& updated_at);
  static void DeleteVisit(storage::Session& session, const std::string& id,
                          const std::string& updated_at);
};

}  // namespace mams::accounts
