// Customers and contacts in the search index and the console's search box.
#include "modules/accounts/search/accounts_search.h"

#include <algorithm>
#include <map>

#include "modules/accounts/api/customer_record.h"
#include "modules/accounts/customers/customer_repository.h"
#include "modules/search/api/search_index.h"
#include "node/audit/audit_log.h"
#include "node/auth/data_scope.h"
#include "node/auth/principal.h"
#include "node/common/errors.h"
#include "node/module/module.h"
#include "node/storage/id_batches.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

constexpr char kCustomerKind[] = "customer";
constexpr char kContactKind[] = "contact";
constexpr char kReadPermission[] = "customers:read";
// Candidates read from the index per search, so that the best few can be chosen among them.
constexpr std::size_t kCandidates = 50;

constexpr char kCustomerDocuments[] =
    "SELECT id, org_code, deleted, merged_into, name, customer_no, credit_code FROM customers"
    " WHERE id IN ";
constexpr char kContactDocuments[] =
    "SELECT id, org_code, deleted, name, mobile, phone FROM contacts WHERE id IN ";
constexpr char kCustomerHits[] =
    "SELECT c.id, c.name, c.customer_no, c.org_code FROM customers c WHERE c.id IN ";
constexpr char kContactHits[] =
    "SELECT ct.id, ct.name, c.name, c.id FROM contacts ct JOIN customers c ON c.id = ct.customer_id"
    " WHERE ct.deleted = 0 AND ct.id IN ";

std::vector<search::SearchDocument> CustomerDocuments(storage::Session& session,
                                                      const std::vector<std::string>& ids) {
  std::vector<search::SearchDocument> documents;
  storage::QueryRowsForIds(session, kCustomerDocuments, ids, "", {}, [&](const storage::RowView& row) {
    const bool gone = row.Int(2) != 0 || !row.IsNull(3);  // deleted, or merged into another
    documents.push_back({std::string(row.Text(0)), std::string(row.Text(1)), gone,
                         {std::string(row.Text(4)), std::string(row.Text(5)),
                          row.IsNull(6) ? std::string() : std::string(row.Text(6))},
                         {}});
  });
  return documents;
}

std::vector<search::SearchDocument> ContactDocuments(storage::Session& session,
                                                     const std::vector<std::string>& ids) {
  std::vector<search::SearchDocument> documents;
  storage::QueryRowsForIds(session, kContactDocuments, ids, "", {}, [&](const storage::RowView& row) {
    documents.push_back({std::string(row.Text(0)), std::string(row.Text(1)), row.Int(2) != 0,
                         {std::string(row.Text(3))},
                         {std::string(row.Text(4)), std::string(row.Text(5))}});
  });
  return documents;
}

// The visible rows among the index's candidates, in the index's order.
std::vector<module::SearchHit> Hits(storage::Session& session, const char* kind,
                                    const std::string& select, const std::string& text,
                                    std::size_t limit, const module::Caller& caller,
                                    const std::function<module::SearchHit(const storage::RowView&)>& hit) {
  const auto found = search::FindIds(session, kind, search::PlanQuery(text), caller.scope,
                                     std::max(limit, kCandidates));
  storage::SqlParams params;
  const auto visibility = CustomerVisibility::Of(caller.scope, caller.principal);
  const std::string condition =
      " AND " + CustomerRepository::VisibleCustomerCondition(visibility, "c.id", &params);
  std::map<std::string, module::SearchHit> visible;
  storage::QueryRowsForIds(session, select, found.ids, condition, params, [&](const storage::RowView& row) {
    auto one = hit(row);
    visible.emplace(one.id, std::move(one));
  });
  std::vector<module::SearchHit> hits;
  for (const auto& id : found.ids) {
    if (auto at = visible.find(id); at != visible.end()) {
      hits.push_back(std::move(at->second));
    }
  }
  return hits;
}

}  // namespace

void AddAccountsSearch(module::ModuleContext& context) {
  const auto indexer = context.extensions.services.Find<search::SearchIndexer>();
  if (!indexer) {
    throw StartupError("module 'accounts' needs the search module's index");
  }
  indexer->Add({kCustomerKind, "customers", CustomerDocuments});
  indexer->Add({kContactKind, "contacts", ContactDocuments});

  context.extensions.search_providers.Add(
      context.module,
      {kCustomerKind, kReadPermission,
       [](storage::Session& session, const std::string& text, std::size_t limit,
          const module::Caller& caller) {
         return Hits(session, kCustomerKind, kCustomerHits, text, limit, caller,
                     [](const storage::RowView& row) {
                       const std::string id(row.Text(0));
                       return module::SearchHit{id, std::string(row.Text(1)),
                                                std::string(row.Text(2)) + " · " +
                                                    std::string(row.Text(3)),
                                                "/customers/" + id};
                     });
       }});
  const audit::AuditLog& audit = context.audit;
  storage::Storage& storage = context.storage;
  context.extensions.search_providers.Add(
      context.module,
      {kContactKind, kReadPermission,
       [&audit, &storage](storage::Session& session, const std::string& text, std::size_t limit,
                          const module::Caller& caller) {
         auto hits = Hits(session, kContactKind, kContactHits, text, limit, caller,
                          [](const storage::RowView& row) {
                            return module::SearchHit{std::string(row.Text(0)),
                                                     std::string(row.Text(1)),
                                                     std::string(row.Text(2)),
                                                     "/customers/" + std::string(row.Text(3))};
                          });
         if (!hits.empty()) {
           // Who looked people up, and how many they found; never what they typed (it may be
           // a phone number).
           audit::Entry entry = audit::EntryFor("pii.search", "contact", "", caller.principal.org_code);
           entry.detail = std::to_string(hits.size()) + " contacts found by the search box";
           audit.AppendAlone(storage, caller.actor, entry);
         }
         return hits;
       }});
}

}  // namespace mams::accounts
