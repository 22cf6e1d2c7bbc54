#include "modules/accounts/views/customer_overview.h"

#include "modules/accounts/contacts/contact_repository.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/storage/storage.h"

namespace mams::accounts {

CustomerOverview ReadOverview(AccountsContext& context, const CustomerVisibility& visibility,
                              const std::string& id) {
  auto session = context.storage.Open();
  auto customer = CustomerRepository::Find(*session, visibility, id);
  if (!customer) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such customer");
  }
  CustomerOverview view;
  view.customer = std::move(*customer);
  if (view.customer.parent_id) {
    view.parent = CustomerRepository::Find(*session, visibility, *view.customer.parent_id);
  }
  CustomerFilter branches;
  branches.parent_id = id;
  view.branches = CustomerRepository::List(*session, visibility, branches, "name, id", 20, 0,
                                           &view.branches_total);
  view.contacts = ContactRepository::ListContacts(*session, id);
  view.window = Last12Months(context.clock.NowMs());
  view.products = RevenueRepository::ByProduct(*session, id, view.window);
  view.months = EveryMonth(MonthsUpTo(view.window.last, 12),
                           RevenueRepository::ByMonth(*session, id, view.window));
  view.recent_visits = ContactRepository::ListVisits(*session, id, 5, 0, &view.visits_total);
  view.history = CustomerEventRepository::List(*session, {id}, 10, 0, &view.history_total);
  return view;
}

}  // namespace mams::accounts
