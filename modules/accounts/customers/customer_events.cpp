#include "modules/accounts/customers/customer_events.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "modules/accounts/common/field_rules.h"
#include "modules/accounts/customers/customer_entities.h"
#include "node/common/ids.h"
#include "node/entity/entity_query.h"
#include "node/entity/synced_table.h"
#include "node/http/json.h"
#include "node/http/json_writer.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

const entity::SyncedTable& EventTable() {
  static const entity::SyncedTable table("customer_events");
  return table;
}
const entity::SyncedStatement& InsertEvent() {
  static const auto statement =
      EventTable().Insert({"id", "customer_id", "at", "actor", "action", "summary", "changes",
                           "org_code", "owner_node", "updated_at"});
  return statement;
}
const entity::SyncedStatement& ReassignEvents() {
  static const auto statement =
      EventTable().Update({"customer_id", "org_code", "updated_at"}, "customer_id = ?");
  return statement;
}

Poco::JSON::Object::Ptr ParseOrEmpty(const std::string& text) {
  if (text.empty()) {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  }
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // keep field order
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

std::string VarJson(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out);
  return out.str();
}

}  // namespace

void Journal::Record(storage::Session& session, const audit::Actor& actor,
                     const audit::Entry& entry, const std::string& customer_id,
                     const std::string& at, const std::string& summary) const {
  audit.Append(session, actor, entry);
  const std::string changes = DiffJson(entry.before, entry.after);
  InsertEvent().Run(session, {NewRowId(), customer_id, at, actor.username, entry.action,
                              TruncateUtf8(summary, 500), changes, entry.org_code, node_id, at});
}

void CustomerEventRepository::Insert(storage::Session& session, const CustomerEvent& event,
                                     const std::string& org_code, const std::string& owner_node) {
  InsertEvent().Run(session, {event.id.empty() ? NewRowId() : event.id, event.customer_id, event.at,
                              event.actor, event.action, TruncateUtf8(event.summary, 500),
                              event.changes, org_code, owner_node, event.at});
}

std::vector<CustomerEvent> CustomerEventRepository::List(
    storage::Session& session, const std::vector<std::string>& customer_ids, int limit,
    int offset, std::int64_t* total) {
  // One placeholder per id; the ids come from stored rows, and are bound, not spliced.
  std::string in = " WHERE deleted = 0 AND customer_id IN (";
  storage::SqlParams params;
  for (std::size_t i = 0; i < customer_ids.size(); ++i) {
    in += i == 0 ? "?" : ", ?";
    params.emplace_back(customer_ids[i]);
  }
  in += ")";
  *total = session.Query("SELECT COUNT(*) FROM customer_events" + in, params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  const auto& entity = CustomerEventEntity();
  return entity::ReadAll(session, entity,
                         entity.SelectSql() + in + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                         params);
}

void CustomerEventRepository::Reassign(storage::Session& session, const std::string& from,
                                       const std::string& to, const std::string& org_code,
                                       const std::string& updated_at) {
  ReassignEvents().Run(session, {to, org_code, updated_at, from});
}

std::string CreationDiffJson(const Poco::JSON::Object& after) {
  std::string diff = "{";
  for (const std::string& name : after.getNames()) {
    if (diff.size() > 1) {
      diff += ',';
    }
    http::AppendJsonString(&diff, name);
    diff += ":{\"from\":null,\"to\":";
    http::AppendJson(&diff, after.get(name));
    diff += '}';
  }
  return diff + "}";
}

std::string DiffJson(const std::string& before, const std::string& after) {
  const auto old_values = ParseOrEmpty(before);
  const auto new_values = ParseOrEmpty(after);
  Poco::JSON::Object diff(Poco::JSON_PRESERVE_KEY_ORDER);
  std::vector<std::string> names;
  new_values->getNames(names);
  std::vector<std::string> removed;
  old_values->getNames(removed);
  for (const auto& name : removed) {
    if (!new_values->has(name)) {
      names.push_back(name);
    }
  }
  for (const auto& name : names) {
    const bool existed = old_values->has(name);
    const bool exists = new_values->has(name);
    if (existed && exists && VarJson(old_values->get(name)) == VarJson(new_values->get(name))) {
      continue;
    }
    Poco::JSON::Object change(Poco::JSON_PRESERVE_KEY_ORDER);
    change.set("from", existed ? old_values->get(name) : Poco::Dynamic::Var());
    change.set("to", exists ? new_values->get(name) : Poco::Dynamic::Var());
    diff.set(name, change);
  }
  return http::ToJson(diff);
}

}  // namespace mams::accounts
