#pragma once

// Customers as other modules and interfaces use them: accounts' public API. Callers get the
// same rules, permissions and visibility as /api/v1/customers; they include this folder's
// headers, never accounts' services or repositories.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/accounts/api/customer_record.h"
#include "node/common/platform_fwd.h"
#include "node/entity/list_window.h"

namespace mams::accounts {

/// Fields of a create or update; absent fields keep their value (or default at create).
struct CustomerInput {
  std::optional<std::string> customer_no;
  std::optional<std::string> name;
  std::optional<std::string> credit_code;
  std::optional<std::string> industry;
  std::optional<std::string> level;
  std::optional<std::string> org;
  std::optional<std::string> state;  ///< create only: potential (default) or active
  std::optional<std::string> relationship_grade;
  std::optional<std::string> parent_id;
  std::optional<std::string> address;
  std::optional<std::string> remarks;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> managers;
};

struct CreatedCustomer {
  CustomerRecord customer;
  /// Live customers of the same org whose names look alike (possible duplicates).
  std::vector<CustomerRecord> similar;
};

/// A customer as a write left it, and whether the writer still sees it: an account manager
/// who takes themselves off a customer's managers no longer does, so a later GET is 404.
struct WrittenCustomer {
  CustomerRecord customer;
  bool visible_to_writer = true;
};

/// One page of a customer list: its rows, how many match (up to the node's count bound,
/// http.list_count_bound) and the cursor of the next page.
struct CustomerPage {
  std::vector<CustomerRecord> items;
  entity::ListTotal total;
  std::optional<std::string> next;
};

/// Which customers a caller may see: the data scope's orgs, and for callers whose role
/// limits them to their own records, only the customers assigned to them. Built once per
/// request; holds a reference to `scope`.
struct CustomerVisibility {
  const auth::DataScope& scope;
  std::optional<std::string> only_managed_by;  ///< user id, for own-records-only roles

  static CustomerVisibility Of(const auth::DataScope& scope, const auth::Principal& principal);
  /// Whether the caller sees `customer` (its org in scope, and among its managers when the
  /// role says own records only); `customer.managers` must be complete.
  bool Sees(const CustomerRecord& customer) const;
};

/// The customer operations other modules may call. Each write commits with its audit
/// entry. Errors are ApiError (404 for anything not visible, 409 for conflicts, 422 naming
/// the field by its /api/v1/customers name). Thread-safe.
class CustomerDirectory {
 public:
  virtual ~CustomerDirectory() = default;

  virtual CreatedCustomer Create(const CustomerVisibility& visibility, const CustomerInput& input,
                                 const audit::Actor& actor) = 0;
  virtual CustomerRecord Get(const CustomerVisibility& visibility, const std::string& id) = 0;
  /// The window's column is a column of customers (a constant, never input).
  virtual CustomerPage Page(const CustomerVisibility& visibility, const CustomerFilter& filter,
                            const entity::ListWindow& window) = 0;
  virtual WrittenCustomer Update(const CustomerVisibility& visibility, const std::string& id,
                                 const CustomerInput& input, std::optional<std::int64_t> if_match,
                                 const audit::Actor& actor) = 0;
  virtual void Delete(const CustomerVisibility& visibility, const std::string& id,
                      std::optional<std::int64_t> if_match, const audit::Actor& actor) = 0;
  virtual CustomerRecord ChangeState(const CustomerVisibility& visibility, const std::string& id,
                                     const std::string& to, const std::string& reason,
                                     std::optional<std::int64_t> if_match,
                                     const audit::Actor& actor) = 0;

  /// Adds a line to a customer's timeline (客户变更历史) in the caller's open transaction on
  /// `session`, so that it commits with the write it tells of. `kind` must be declared in
  /// the timeline_kinds extension (std::logic_error otherwise: a programming error);
  /// `summary` is for people and holds no personal data. 404 when no live customer has `id`.
  virtual void AddTimelineEvent(storage::Session& session, const audit::Actor& actor,
                                const std::string& id, const std::string& kind,
                                const std::string& summary) = 0;
};

/// Customers over the node's storage, for a module that depends on accounts; call from its
/// `start`. The directory stays valid as long as the returned pointer.
std::shared_ptr<CustomerDirectory> OpenCustomerDirectory(module::ModuleContext& context);

/// Adds `X-MAMS-Out-Of-Scope: true` when the write took the customer out of the caller's
/// sight: the write stands (200 with the row as written), and a later GET answers 404.
void MarkOutOfScope(const WrittenCustomer& written, http::HttpResponse* response);

}  // namespace mams::accounts
