#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/accounts/api/customer_directory.h"
#include "modules/accounts/api/customer_record.h"
#include "node/storage/storage.h"

namespace mams::auth {
class DataScope;
struct Principal;
}  // namespace mams::auth

namespace mams::accounts {

/// All SQL of customers, their managers and state history. Callers own the transaction.
class CustomerRepository {
 public:
  /// "EXISTS (…)": the customer whose id is in `customer_id_column` (a constant such as
  /// "contacts.customer_id", never input) is live and the caller sees it; its bound values
  /// are appended to `params`. For rows of other tables that belong to a customer: one
  /// primary-key lookup per row, instead of listing every visible customer first.
  static std::string VisibleCustomerCondition(const CustomerVisibility& visibility,
                                              const char* customer_id_column,
                                              storage::SqlParams* params);
  /// " WHERE …" of the live customers the caller sees (a statement over `customers` adds
  /// its own conditions after it); its bound values are appended to `params`.
  static std::string LiveVisibleWhere(const CustomerVisibility& visibility,
                                      storage::SqlParams* params);
  /// The customer if it exists, is not deleted and is visible; nullopt otherwise (which the
  /// API answers as 404 in every case).
  static std::optional<CustomerRecord> Find(storage::Session& session,
                                            const CustomerVisibility& visibility,
                                            const std::string& id);
  /// The live customer whoever asks. Only for a row the caller has just written in this
  /// transaction (its answer shows the row as written, even when the write took it out of
  /// the caller's sight), or the customer a module's timeline line is for; every other read
  /// goes through Find.
  static std::optional<CustomerRecord> FindUnscoped(storage::Session& session,
                                                    const std::string& id);
  static std::vector<CustomerRecord> List(storage::Session& session,
                                          const CustomerVisibility& visibility,
                                          const CustomerFilter& filter, const std::string& order_by,
                                          int limit, int offset, std::int64_t* total);
  /// A page of the list in the window's order, counted up to `count_bound` (0: exactly).
  static CustomerPage Page(storage::Session& session, const CustomerVisibility& visibility,
                           const CustomerFilter& filter, const entity::ListWindow& window,
                           std::int64_t count_bound);
  /// The visible live customer with this customer number.
  static std::optional<CustomerRecord> FindByCustomerNo(storage::Session& session,
                                                        const CustomerVisibility& visibility,
                                                        const std::string& customer_no);
  /// Any live or deleted customer holding `credit_code`, regardless of scope (uniqueness is
  /// national).
  static std::optional<CustomerRecord> FindByCreditCode(storage::Session& session,
                                                        const std::string& credit_code);
  static bool CustomerNoTaken(storage::Session& session, const std::string& customer_no);

  static void Insert(storage::Session& session, const CustomerRecord& customer,
                     const std::string& owner_node);
  /// Writes every mutable column; bumps the version.
  static void Update(storage::Session& session, const CustomerRecord& customer);
  static void MarkDeleted(storage::Session& session, const std::string& id,
                          const std::string& updated_at);
  /// Makes the stored assignments equal `customer.managers` (removed ones become tombstones).
  static void SetManagers(storage::Session& session, const CustomerRecord& customer,
                          const std::string& owner_node);

  /// Gives every row belonging to the customer (contacts, visits, revenue, managers, state
  /// changes, events) the customer's new org, as sync versions.
  static void MoveChildren(storage::Session& session, const std::string& customer_id,
                           const std::string& org_code, const std::string& updated_at);

  /// Moves contacts, visits, state changes, events and branches of `from` to `to` (a merge).
  /// Revenue and managers are merged by their own rules (RevenueRepository, SetManagers).
  static void ReassignChildren(storage::Session& session, const std::string& from,
                               const std::string& to, const std::string& org_code,
                               const std::string& updated_at);
  /// Ids of live customers in `scope` greater than `after`, in id order (for batch jobs).
  static std::vector<std::string> IdsInScope(storage::Session& session,
                                             const auth::DataScope& scope, const std::string& after,
                                             int limit);
  /// Groups of live visible customers sharing an org and a name key, largest first.
  struct DuplicateGroup {
    std::string org_code;
    std::string name_key;
    std::int64_t count = 0;
  };
  static std::vector<DuplicateGroup> DuplicateGroups(storage::Session& session,
                                                     const CustomerVisibility& visibility,
                                                     const std::optional<std::string>& org,
                                                     int limit, int offset, std::int64_t* total);

  /// Newest first.
  static std::vector<StateChange> StateChanges(storage::Session& session,
                                               const std::string& customer_id);
  static void InsertStateChange(storage::Session& session, const CustomerRecord& customer,
                                const std::string& from, const std::string& to,
                                const std::string& reason, const std::string& by,
                                const std::string& owner_node);
};

/// Tags are stored as ",a,b," so that one tag is matched with LIKE '%,a,%'.
std::string JoinTags(const std::vector<std::string>& tags);
std::vector<std::string> SplitTags(std::string_view stored);

}  // namespace mams::accounts
