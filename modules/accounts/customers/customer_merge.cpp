// CustomerService's merge of two customers and its near-duplicate groups.
#include <Poco/JSON/Object.h>

#include "modules/accounts/customers/customer_events.h"
#include "modules/accounts/customers/customer_service.h"
#include "modules/accounts/customers/customer_service_steps.h"
#include "modules/accounts/common/field_rules.h"
#include "modules/accounts/grading/grading.h"
#include "modules/accounts/grading/revenue_repository.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/row_version.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"

namespace mams::accounts {

CustomerRecord CustomerService::Merge(const CustomerVisibility& visibility,
                                      const std::string& winner_id, const std::string& loser_id,
                                      const std::string& reason,
                                      std::optional<std::int64_t> if_match,
                                      const audit::Actor& actor) {
  RequireReason(reason, "合并原因必填");
  auto session = context_.storage.Open();
  CustomerRecord winner = FindForWrite(*session, visibility, winner_id, if_match);
  if (loser_id == winner_id) {
    throw Invalid("merge_self", "a customer cannot be merged into itself", "from");
  }
  auto loser = CustomerRepository::Find(*session, visibility, loser_id);
  if (!loser) {
    throw Invalid("unknown_customer", "from: no such customer in your scope", "from");
  }
  for (std::optional<std::string> at = winner.parent_id; at;) {
    if (*at == loser_id) {
      throw Invalid("merge_ancestor", "from is a parent of the customer; merge the other way",
                    "from");
    }
    const auto parent = CustomerRepository::Find(*session, visibility, *at);
    at = parent ? parent->parent_id : std::nullopt;
  }
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  const std::string loser_before = CustomerAuditJson(*loser);
  const std::string winner_before = CustomerAuditJson(winner);
  storage::Transaction transaction(*session);
  // The loser's timeline records the merge before its events move to the winner.
  audit::Entry gone = CustomerEntry("customer.merged_away", *loser);
  gone.before = loser_before;
  gone.detail = "merged into " + winner.customer_no;
  context_.journal().Record(
      *session, actor, gone, loser->id, now,
      "并入客户 " + winner.customer_no + "（" + TruncateUtf8(reason, 200) + "）");
  CustomerRepository::ReassignChildren(*session, loser->id, winner.id, winner.org_code, now);
  RevenueRepository::Reassign(*session, loser->id, winner.id, winner.org_code, now);
  for (const auto& manager : loser->managers) {
    if (std::find(winner.managers.begin(), winner.managers.end(), manager) ==
        winner.managers.end()) {
      winner.managers.push_back(manager);
    }
  }
  winner.updated_at = now;
  winner.tags.insert(winner.tags.end(), loser->tags.begin(), loser->tags.end());
  std::sort(winner.tags.begin(), winner.tags.end());
  winner.tags.erase(std::unique(winner.tags.begin(), winner.tags.end()), winner.tags.end());
  CustomerRepository::Update(*session, winner);
  CustomerRepository::SetManagers(*session, winner, context_.node_id);
  loser->merged_into = winner.id;
  loser->managers.clear();
  loser->updated_at = now;
  CustomerRepository::Update(*session, *loser);
  CustomerRepository::SetManagers(*session, *loser, context_.node_id);
  CustomerRepository::MarkDeleted(*session, loser->id, now);
  Grading::Regrade(*session, *context_.orgs.Current(), {winner.id},
                   Last12Months(context_.clock.NowMs()), context_.node_id, now);
  audit::Entry merged = CustomerEntry("customer.merge", winner);
  merged.before = winner_before;
  merged.after = CustomerAuditJson(winner);
  merged.detail = "absorbed " + loser->customer_no;
  context_.journal().Record(*session, actor, merged, winner.id, now,
                            "合并客户 " + loser->customer_no + " " + loser->name + "（" +
                                TruncateUtf8(reason, 200) + "）");
  CustomerRecord merged_winner = ReadBackWritten(*session, winner_id);
  transaction.Commit();
  return merged_winner;
}

std::vector<CustomerService::DuplicateGroup> CustomerService::DuplicateGroups(
    const CustomerVisibility& visibility, const std::optional<std::string>& org, int limit,
    int offset, std::int64_t* total) {
  auto session = context_.storage.Open();
  std::vector<DuplicateGroup> groups;
  for (const auto& group :
       CustomerRepository::DuplicateGroups(*session, visibility, org, limit, offset, total)) {
    CustomerFilter filter;
    filter.org = group.org_code;
    filter.name_key = group.name_key;
    std::int64_t count = 0;
    auto members =
        CustomerRepository::List(*session, visibility, filter, "created_at, id", 50, 0, &count);
    // The org filter covers the subtree; a group is one org exactly.
    members.erase(
        std::remove_if(members.begin(), members.end(),
                       [&](const CustomerRecord& c) { return c.org_code != group.org_code; }),
        members.end());
    groups.push_back({group.org_code, group.name_key, std::move(members)});
  }
  return groups;
}

}  // namespace mams::accounts
