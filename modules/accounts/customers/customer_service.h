#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/api/customer_directory.h"
#include "modules/accounts/api/customer_record.h"
#include "modules/accounts/customers/company_name.h"
#include "modules/accounts/customers/customer_events.h"
#include "modules/accounts/customers/customer_repository.h"
#include "node/audit/audit_log.h"

namespace mams {
class Clock;
}
namespace mams::storage {
class Storage;
}
namespace mams::scope {
class OrgDirectory;
}

namespace mams::accounts {

struct AccountsContext {
  storage::Storage& storage;
  const Clock& clock;
  const audit::AuditLog& audit;
  std::string node_id;
  const scope::OrgDirectory& orgs;
  std::int64_t list_count_bound;  ///< http.list_count_bound

  Journal journal() const { return Journal{audit, node_id}; }
};

/// The rules of customer profiles: validation, uniqueness, the state machine, managers,
/// visibility. Each write commits with its audit entry. Errors are ApiError (404 for
/// anything not visible, 409 for conflicts, 422 naming the field). Thread-safe.
class CustomerService {
 public:
  explicit CustomerService(AccountsContext& context) : context_(context) {}

  CreatedCustomer Create(const CustomerVisibility& visibility, const CustomerInput& input,
                         const audit::Actor& actor);

  /// Which states a new customer may start in: the API allows potential and active; an
  /// import of another system's records may carry any state.
  enum class StatesAtCreation { kNew, kAny };
  /// Checks a new customer against the rules and what is stored (uniqueness, parent,
  /// managers) and returns the row to insert. Writes nothing. Throws ApiError naming the field.
  CustomerRecord PrepareNew(storage::Session& session, const CustomerVisibility& visibility,
                            const CustomerInput& input, const audit::Actor& actor,
                            StatesAtCreation states = StatesAtCreation::kNew);
  /// Inserts a prepared customer in the caller's transaction (no journal entry).
  void InsertNew(storage::Session& session, const CustomerRecord& customer);
  CustomerRecord Get(const CustomerVisibility& visibility, const std::string& id);
  std::vector<CustomerRecord> List(const CustomerVisibility& visibility,
                                   const CustomerFilter& filter, const std::string& order_by,
                                   int limit, int offset, std::int64_t* total);
  /// A page of a list, counted up to context.list_count_bound.
  CustomerPage Page(const CustomerVisibility& visibility, const CustomerFilter& filter,
                    const entity::ListWindow& window);
  /// The customer as written, also when the change takes it out of the caller's sight
  /// (`visible_to_writer` false; the API adds X-MAMS-Out-Of-Scope).
  WrittenCustomer Update(const CustomerVisibility& visibility, const std::string& id,
                         const CustomerInput& input, std::optional<std::int64_t> if_match,
                         const audit::Actor& actor);
  void Delete(const CustomerVisibility& visibility, const std::string& id,
              std::optional<std::int64_t> if_match, const audit::Actor& actor);
  /// Merges `loser_id` into `winner_id` (same credit-code holder registered twice): contacts,
  /// visits, revenue, managers, branches and history move to the winner; the loser becomes a
  /// tombstone with mergedInto = winner. Both must be visible.
  CustomerRecord Merge(const CustomerVisibility& visibility, const std::string& winner_id,
                       const std::string& loser_id, const std::string& reason,
                       std::optional<std::int64_t> if_match, const audit::Actor& actor);

  /// Near-duplicate groups (same org, same name without company suffixes), with members.
  struct DuplicateGroup {
    std::string org_code;
    std::string name_key;
    std::vector<CustomerRecord> members;
  };
  std::vector<DuplicateGroup> DuplicateGroups(const CustomerVisibility& visibility,
                                              const std::optional<std::string>& org, int limit,
                                              int offset, std::int64_t* total);
  /// Audits an export: format, row count and the filters used (no personal data).
  void RecordExport(const audit::Actor& actor, const std::string& format, std::size_t rows,
                    const std::vector<std::pair<std::string, std::string>>& query);

  /// State changes of a visible customer, newest first.
  std::vector<StateChange> StateChanges(const CustomerVisibility& visibility,
                                        const std::string& id);

  /// The customer's timeline, newest first (events of merged customers moved here).
  std::vector<CustomerEvent> History(const CustomerVisibility& visibility, const std::string& id,
                                     int limit, int offset, std::int64_t* total);
  CustomerRecord ChangeState(const CustomerVisibility& visibility, const std::string& id,
                             const std::string& to, const std::string& reason,
                             std::optional<std::int64_t> if_match, const audit::Actor& actor);

 private:
  void Validate(const CustomerInput& input, const CustomerVisibility& visibility,
                storage::Session& session, const std::string& self_id);

  AccountsContext& context_;
};

/// JSON of the audited fields of a customer.
std::string CustomerAuditJson(const CustomerRecord& customer);
/// DiffJson("", CustomerAuditJson(customer)), without the round trip through text.
std::string CustomerCreationChanges(const CustomerRecord& customer);

}  // namespace mams::accounts
