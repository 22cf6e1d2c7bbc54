#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/contacts/contact_record.h"
#include "modules/accounts/contacts/customer_children.h"
#include "modules/accounts/customers/customer_repository.h"
#include "modules/accounts/customers/customer_service.h"

namespace mams::accounts {

/// Contacts (联系人) and the visits log (走访记录) of a customer. Every call first finds the
/// customer through the caller's visibility (404 otherwise); writes are journalled (audit log
/// and customer timeline) with personal data masked. Thread-safe.
class ContactService {
 public:
  /// Writes take a Patch of ContactEntity(), VisitEntity() (contact_entities.h).
  using Contacts = CustomerChildren<ContactRecord>;
  using Visits = CustomerChildren<VisitRecord>;

  explicit ContactService(AccountsContext& context);

  const Contacts& contacts() const { return contacts_; }
  /// Create visits with CreateVisit(), which sets the staff.
  const Visits& visits() const { return visits_; }
  /// A visit logged by the caller: `actor` and `staff_name` are its staff.
  VisitRecord CreateVisit(const ChildRef& ref, const entity::Patch& input,
                          const std::string& staff_name, const audit::Actor& actor) const;

  std::vector<ContactRecord> ListContacts(const CustomerVisibility& visibility,
                                          const std::string& customer_id);
  std::vector<VisitRecord> ListVisits(const CustomerVisibility& visibility,
                                      const std::string& customer_id, int limit, int offset,
                                      std::int64_t* total);

  /// Across every customer the caller sees (see ContactRepository::SearchContacts); the
  /// customers' names by id go into `customer_names`.
  std::vector<ContactRecord> SearchContacts(const CustomerVisibility& visibility,
                                            const std::optional<std::string>& name,
                                            const std::optional<std::string>& role, int limit,
                                            int offset, std::int64_t* total,
                                            std::map<std::string, std::string>* customer_names);
  std::vector<VisitRecord> SearchVisits(const CustomerVisibility& visibility,
                                        const std::optional<std::string>& from,
                                        const std::optional<std::string>& to,
                                        const std::optional<std::string>& type, bool newest_first,
                                        int limit, int offset, std::int64_t* total,
                                        std::map<std::string, std::string>* customer_names);

  /// Audits that `count` contacts of a customer were shown unmasked (pii:view holders).
  void RecordPiiRead(const audit::Actor& actor, const CustomerRecord& customer, std::size_t count);

 private:
  AccountsContext& context_;
  Contacts contacts_;
  Visits visits_;
};

/// Throws ApiError 422 naming the first invalid field of a contact patch (absent fields pass).
void ValidateContactInput(const entity::Patch& input);

/// The audited image of a contact: personal data masked.
std::string ContactAuditJson(const ContactRecord& contact);
/// DiffJson("", ContactAuditJson(contact)), without the round trip through text.
std::string ContactCreationChanges(const ContactRecord& contact);

}  // namespace mams::accounts
