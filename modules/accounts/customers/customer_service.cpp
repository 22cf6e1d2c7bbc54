#include "modules/accounts/customers/customer_service.h"

#include <Poco/JSON/Object.h>

#include <algorithm>

#include "modules/accounts/common/field_rules.h"
#include "modules/accounts/common/reference_data.h"
#include "modules/accounts/customers/credit_code.h"
#include "modules/accounts/customers/customer_insert_warmer.h"
#include "modules/accounts/customers/customer_service_steps.h"
#include "modules/accounts/customers/customer_state.h"
#include "modules/accounts/grading/grading.h"
#include "modules/accounts/grading/revenue_repository.h"
#include "node/auth/data_scope.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/ids.h"
#include "node/common/row_version.h"
#include "node/http/json.h"
#include "node/http/json_writer.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"

namespace mams::accounts {
namespace {

std::string NewCustomerNo() {
  // "KH" and 16 hex digits of a time-ordered id: unique and roughly sortable by creation.
  std::string id = NewRowId();
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  std::string number = "KH" + id.substr(0, 16);
  for (auto& c : number) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return number;
}

}  // namespace

ApiError Invalid(const std::string& code, const std::string& message, const std::string& field) {
  return ApiError(ErrorKind::kUnprocessable, code, message, field);
}

ApiError NotFound() { return ApiError(ErrorKind::kNotFound, "not_found", "no such customer"); }

CustomerRecord FindVisible(storage::Session& session, const CustomerVisibility& visibility,
                           const std::string& id) {
  auto customer = CustomerRepository::Find(session, visibility, id);
  if (!customer) {
    throw NotFound();
  }
  return std::move(*customer);
}

CustomerRecord FindForWrite(storage::Session& session, const CustomerVisibility& visibility,
                            const std::string& id, std::optional<std::int64_t> if_match) {
  CustomerRecord customer = FindVisible(session, visibility, id);
  RequireVersion(customer.version, if_match, "customer");
  return customer;
}

void RequireReason(const std::string& reason, const std::string& note) {
  // 500 Chinese characters are 1500 bytes of UTF-8.
  if (reason.empty() || reason.size() > 1500) {
    throw Invalid("invalid_reason", "reason: 1-500 characters (" + note + ")", "reason");
  }
  RequireNoControlCharacters(reason, TextLines::kMulti, "reason");
}

// The row this transaction has just written, read back before the commit (no other write
// comes between) and whoever the caller is: a write may take the row out of their sight.
CustomerRecord ReadBackWritten(storage::Session& session, const std::string& id) {
  auto customer = CustomerRepository::FindUnscoped(session, id);
  if (!customer) {
    throw ApiError(ErrorKind::kInternal, "write_not_found", "a customer just written is gone");
  }
  return std::move(*customer);
}

audit::Entry CustomerEntry(const std::string& action, const CustomerRecord& customer) {
  audit::Entry entry;
  entry.action = action;
  entry.entity = "customer";
  entry.entity_id = customer.id;
  entry.org_code = customer.org_code;
  return entry;
}

CustomerRecord CustomerService::PrepareNew(storage::Session& session,
                                           const CustomerVisibility& visibility,
                                           const CustomerInput& input, const audit::Actor& actor,
                                           StatesAtCreation states) {
  for (const auto& [present, field] : {std::pair<bool, const char*>{input.name.has_value(), "name"},
                                       {input.credit_code.has_value(), "creditCode"},
                                       {input.industry.has_value(), "industry"},
                                       {input.level.has_value(), "level"},
                                       {input.org.has_value(), "org"}}) {
    if (!present) {
      throw Invalid("missing_field", std::string(field) + " is required", field);
    }
  }
  const std::string state = input.state.value_or("potential");
  if (states == StatesAtCreation::kAny ? !ParseCustomerState(state).has_value()
                                       : state != "potential" && state != "active") {
    throw Invalid("invalid_state",
                  states == StatesAtCreation::kAny
                      ? "state: potential, active, suspended or churned"
                      : "state at creation: potential or active",
                  "state");
  }
  Validate(input, visibility, session, "");
  if (const auto existing = CustomerRepository::FindByCreditCode(session, *input.credit_code)) {
    const bool visible = CustomerRepository::Find(session, visibility, existing->id).has_value();
    throw ApiError(ErrorKind::kConflict, "duplicate_credit_code",
                   visible ? "credit code already registered as customer " + existing->customer_no
                           : "credit code already registered in another organisation",
                   "creditCode");
  }
  CustomerRecord customer;
  customer.id = NewRowId();
  customer.customer_no = input.customer_no.value_or(NewCustomerNo());
  if (CustomerRepository::CustomerNoTaken(session, customer.customer_no)) {
    throw ApiError(ErrorKind::kConflict, "duplicate_customer_no",
                   "customer number " + customer.customer_no + " is taken", "customerNo")
        .With("customerNo", customer.customer_no);
  }
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  customer.name = *input.name;
  customer.credit_code = input.credit_code;
  customer.industry = *input.industry;
  customer.level = *input.level;
  customer.org_code = *input.org;
  customer.state = state;
  customer.state_changed_at = now;
  if (input.relationship_grade && !input.relationship_grade->empty()) {
    customer.relationship_grade = input.relationship_grade;
  }
  if (input.parent_id && !input.parent_id->empty()) {
    customer.parent_id = input.parent_id;
  }
  customer.address = input.address.value_or("");
  customer.remarks = input.remarks.value_or("");
  customer.tags = input.tags.value_or(std::vector<std::string>{});
  customer.managers = input.managers.value_or(std::vector<std::string>{});
  // Someone who only sees their own customers must be a manager of what they create.
  if (visibility.only_managed_by &&
      std::find(customer.managers.begin(), customer.managers.end(), *visibility.only_managed_by) ==
          customer.managers.end()) {
    customer.managers.push_back(*visibility.only_managed_by);
  }
  customer.created_at = now;
  customer.created_by = actor.username;
  customer.updated_at = now;
  return customer;
}

void CustomerService::InsertNew(storage::Session& session, const CustomerRecord& customer) {
  CustomerRepository::Insert(session, customer, context_.node_id);
}

CreatedCustomer CustomerService::Create(const CustomerVisibility& visibility,
                                        const CustomerInput& input, const audit::Actor& actor) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = PrepareNew(*session, visibility, input, actor);
  const std::string& now = customer.created_at;
  CreatedCustomer created;
  const std::string core = NormaliseCompanyName(customer.name);
  if (!core.empty()) {
    // Same org, same name without company suffixes: an indexed equality, not a substring scan.
    CustomerFilter similar;
    similar.name_key = core;
    similar.org = customer.org_code;
    std::int64_t total = 0;
    created.similar =
        CustomerRepository::List(*session, visibility, similar, "name_key, id", 10, 0, &total);
  }
  WarmCustomerInsert(*session, customer, core);
  storage::Transaction transaction(*session);
  CustomerRepository::Insert(*session, customer, context_.node_id);
  audit::Entry entry = CustomerEntry("customer.create", customer);
  entry.after = CustomerAuditJson(customer);
  context_.journal().Record(*session, actor, entry, customer.id, now, "新建客户");
  created.customer = ReadBackWritten(*session, customer.id);
  transaction.Commit();
  return created;
}

CustomerRecord CustomerService::Get(const CustomerVisibility& visibility, const std::string& id) {
  auto session = context_.storage.Open();
  return FindVisible(*session, visibility, id);
}

std::vector<CustomerRecord> CustomerService::List(const CustomerVisibility& visibility,
                                                  const CustomerFilter& filter,
                                                  const std::string& order_by, int limit,
                                                  int offset, std::int64_t* total) {
  auto session = context_.storage.Open();
  return CustomerRepository::List(*session, visibility, filter, order_by, limit, offset, total);
}

CustomerPage CustomerService::Page(const CustomerVisibility& visibility,
                                   const CustomerFilter& filter, const entity::ListWindow& window) {
  auto session = context_.storage.Open();
  return CustomerRepository::Page(*session, visibility, filter, window,
                                  context_.list_count_bound);
}

WrittenCustomer CustomerService::Update(const CustomerVisibility& visibility, const std::string& id,
                                        const CustomerInput& input,
                                        std::optional<std::int64_t> if_match,
                                        const audit::Actor& actor) {
  if (input.state) {
    throw Invalid("read_only_field", "change the state with POST /customers/{id}/state", "state");
  }
  if (input.customer_no) {
    throw Invalid("read_only_field", "customerNo cannot be changed", "customerNo");
  }
  auto session = context_.storage.Open();
  CustomerRecord customer = FindForWrite(*session, visibility, id, if_match);
  Validate(input, visibility, *session, id);
  if (input.credit_code && input.credit_code != customer.credit_code) {
    if (CustomerRepository::FindByCreditCode(*session, *input.credit_code)) {
      throw ApiError(ErrorKind::kConflict, "duplicate_credit_code",
                     "credit code already registered", "creditCode");
    }
  }
  const std::string before = CustomerAuditJson(customer);
  const std::string original_org = customer.org_code;
  CopyPresent<std::string>({{&input.name, &customer.name},
                            {&input.industry, &customer.industry},
                            {&input.level, &customer.level},
                            {&input.org, &customer.org_code},
                            {&input.address, &customer.address},
                            {&input.remarks, &customer.remarks}});
  CopyPresent<std::vector<std::string>>(
      {{&input.tags, &customer.tags}, {&input.managers, &customer.managers}});
  if (input.credit_code) {
    customer.credit_code = input.credit_code;
  }
  // An empty grade or parent clears it.
  for (const auto& [value, target] :
       {std::pair{&input.relationship_grade, &customer.relationship_grade},
        std::pair{&input.parent_id, &customer.parent_id}}) {
    if (*value) {
      *target = (*value)->empty() ? std::nullopt : *value;
    }
  }
  customer.updated_at = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  CustomerRepository::Update(*session, customer);
  if (input.managers) {
    CustomerRepository::SetManagers(*session, customer, context_.node_id);
  }
  if (customer.org_code != original_org) {
    // Contacts, visits, revenue and history travel with the customer to its new org.
    CustomerRepository::MoveChildren(*session, id, customer.org_code, customer.updated_at);
  }
  audit::Entry entry = CustomerEntry("customer.update", customer);
  entry.before = before;
  entry.after = CustomerAuditJson(customer);
  context_.journal().Record(*session, actor, entry, id, customer.updated_at, "修改资料");
  WrittenCustomer written{ReadBackWritten(*session, id), true};
  transaction.Commit();
  // The org stays in the caller's scope (Validate), but an account manager may take
  // themselves off the managers: the write stands, and the answer says so.
  written.visible_to_writer = visibility.Sees(written.customer);
  return written;
}

void CustomerService::Delete(const CustomerVisibility& visibility, const std::string& id,
                             std::optional<std::int64_t> if_match, const audit::Actor& actor) {
  auto session = context_.storage.Open();
  const CustomerRecord customer = FindForWrite(*session, visibility, id, if_match);
  const std::string now = FormatIsoUtc(context_.clock.NowMs());
  storage::Transaction transaction(*session);
  CustomerRepository::MarkDeleted(*session, id, now);
  audit::Entry entry = CustomerEntry("customer.delete", customer);
  entry.before = CustomerAuditJson(customer);
  context_.journal().Record(*session, actor, entry, id, now, "删除客户");
  transaction.Commit();
}

void CustomerService::RecordExport(const audit::Actor& actor, const std::string& format,
                                   std::size_t rows,
                                   const std::vector<std::pair<std::string, std::string>>& query) {
  std::string filters;
  for (const auto& [name, value] : query) {
    filters += (filters.empty() ? "" : "&") + name + "=" + value;
  }
  audit::Entry entry;
  entry.action = "customers.export";
  entry.entity = "customer";
  entry.org_code = actor.org_code;
  entry.detail = TruncateUtf8(format + ", " + std::to_string(rows) + " rows; " + filters, 255);
  context_.audit.AppendAlone(context_.storage, actor, entry);
}

std::vector<StateChange> CustomerService::StateChanges(const CustomerVisibility& visibility,
                                                       const std::string& id) {
  return ReadOfVisible(context_.storage, visibility, id, [&](storage::Session& session) {
    return CustomerRepository::StateChanges(session, id);
  });
}

std::vector<CustomerEvent> CustomerService::History(const CustomerVisibility& visibility,
                                                    const std::string& id, int limit, int offset,
                                                    std::int64_t* total) {
  return ReadOfVisible(context_.storage, visibility, id, [&](storage::Session& session) {
    return CustomerEventRepository::List(session, {id}, limit, offset, total);
  });
}

CustomerRecord CustomerService::ChangeState(const CustomerVisibility& visibility,
                                            const std::string& id, const std::string& to,
                                            const std::string& reason,
                                            std::optional<std::int64_t> if_match,
                                            const audit::Actor& actor) {
  const auto target = ParseCustomerState(to);
  if (!target) {
    throw Invalid("invalid_state", "state: potential, active, suspended or churned", "state");
  }
  RequireReason(reason, "变更原因必填");
  auto session = context_.storage.Open();
  CustomerRecord customer = FindForWrite(*session, visibility, id, if_match);
  const CustomerState from = *ParseCustomerState(customer.state);
  if (!CanChangeState(from, *target)) {
    std::string allowed;
    for (const CustomerState next : NextStates(from)) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(CustomerStateName(next));
    }
    throw Invalid("illegal_state_change",
                  "a " + customer.state + " customer can become: " + allowed, "state")
        .With("allowed", allowed);
  }
  const std::string before = customer.state;
  customer.state = to;
  customer.state_changed_at = FormatIsoUtc(context_.clock.NowMs());
  customer.updated_at = customer.state_changed_at;
  storage::Transaction transaction(*session);
  CustomerRepository::Update(*session, customer);
  CustomerRepository::InsertStateChange(*session, customer, before, to, reason, actor.username,
                                        context_.node_id);
  audit::Entry entry = CustomerEntry("customer.state_change", customer);
  entry.before = "{\"state\":\"" + before + "\"}";
  entry.after = "{\"state\":\"" + to + "\"}";
  entry.detail = TruncateUtf8(reason, 255);
  context_.journal().Record(
      *session, actor, entry, id, customer.updated_at,
      "状态变更：" + before + " → " + to + "（" + TruncateUtf8(reason, 200) + "）");
  CustomerRecord changed = ReadBackWritten(*session, id);
  transaction.Commit();
  return changed;
}

}  // namespace mams::accounts
