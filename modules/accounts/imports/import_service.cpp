#include "modules/accounts/imports/import_service.h"

#include <set>
#include <unordered_map>

#include "modules/accounts/accounts_schema.h"
#include "modules/accounts/contacts/contact_repository.h"
#include "modules/accounts/customers/customer_events.h"
#include "modules/accounts/grading/grading.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/ids.h"
#include "node/imports/import_file.h"
#include "node/imports/import_job_store.h"
#include "node/scope/org_tree.h"
#include "node/storage/storage.h"
#include "node/storage/storage_error.h"

namespace mams::accounts {
namespace {

ApiError RowError(const std::string& column, const std::string& message) {
  return ApiError(ErrorKind::kUnprocessable, "invalid_row", message, column);
}

// The API names a few fields differently from the file's columns.
std::string ColumnOf(const std::string& field) {
  return field == "parentId" ? "parentCustomerNo" : field;
}

struct CustomerRef {
  std::string id;
  std::string org_code;
};

/// What one batch did; merged into the run only when the batch commits.
struct BatchResult {
  std::int64_t ok = 0;
  std::vector<RejectedRow> rejected;
  std::vector<std::string> revenue_keys;
  std::vector<std::pair<std::string, std::string>> customer_keys;  ///< credit code, number
  std::set<std::string> touched;  ///< customers whose revenue changed
};

/// One run over the rows of a file: the rules per kind, and the run's memory of what it saw.
class ImportRun {
 public:
  ImportRun(AccountsContext& context, CustomerService& customers,
            const CustomerVisibility& visibility, const audit::Actor& actor, bool apply,
            std::string now)
      : context_(context),
        customers_(customers),
        visibility_(visibility),
        actor_(actor),
        apply_(apply),
        now_(std::move(now)) {}

  /// Checks (and with apply, writes) one row; an ApiError names the column at fault.
  void Row(storage::Session& session, ImportKind kind, const tabular::HeaderIndex& header,
           const tabular::CsvRecord& record, BatchResult* result) {
    header.CheckRecord(record);
    switch (kind) {
      case ImportKind::kCustomers:
        Customer(session, ReadCustomerRow(header, record), record.line, result);
        break;
      case ImportKind::kContacts:
        Contact(session, ReadContactRow(header, record));
        break;
      case ImportKind::kRevenue:
        Revenue(session, ReadRevenueRow(header, record), record.line, result);
        break;
    }
    ++result->ok;
  }

  void Forget(const BatchResult& result) {
    for (const auto& key : result.revenue_keys) {
      revenue_seen_.erase(key);
    }
    for (const auto& [credit_code, customer_no] : result.customer_keys) {
      credit_codes_.erase(credit_code);
      customer_nos_.erase(customer_no);
    }
    customer_by_no_.clear();  // may hold rows that were rolled back
  }

 private:
  CustomerRef Resolve(storage::Session& session, const std::string& customer_no) {
    if (customer_no.empty()) {
      throw RowError("customerNo", "customerNo is required");
    }
    const auto cached = customer_by_no_.find(customer_no);
    if (cached != customer_by_no_.end()) {
      return cached->second;
    }
    const auto customer = CustomerRepository::FindByCustomerNo(session, visibility_, customer_no);
    if (!customer) {
      throw RowError("customerNo", "no customer " + customer_no + " in your scope");
    }
    return customer_by_no_[customer_no] = {customer->id, customer->org_code};
  }

  void Customer(storage::Session& session, CustomerRow row, std::size_t line, BatchResult* result) {
    const auto& in = row.input;
    // Only rows that passed count as taken: a rejected row's key may be reused below it.
    if (in.credit_code && credit_codes_.count(*in.credit_code) > 0) {
      throw RowError("creditCode",
                     "same credit code as line " + std::to_string(credit_codes_[*in.credit_code]));
    }
    if (in.customer_no && customer_nos_.count(*in.customer_no) > 0) {
      throw RowError("customerNo", "same customer number as line " +
                                       std::to_string(customer_nos_[*in.customer_no]));
    }
    if (!row.parent_customer_no.empty()) {
      const bool earlier_in_file = customer_nos_.count(row.parent_customer_no) > 0;
      if (apply_ || !earlier_in_file) {
        row.input.parent_id = Resolve(session, row.parent_customer_no).id;
      }
    }
    const CustomerRecord customer = customers_.PrepareNew(session, visibility_, row.input, actor_,
                                                          CustomerService::StatesAtCreation::kAny);
    credit_codes_.emplace(*in.credit_code, line);
    customer_nos_.emplace(customer.customer_no, line);
    result->customer_keys.emplace_back(*in.credit_code, customer.customer_no);
    if (!apply_) {
      return;
    }
    customers_.InsertNew(session, customer);
    CustomerEventRepository::Insert(session,
                                    {"", customer.id, now_, actor_.username, "customer.import",
                                     "导入客户", CustomerCreationChanges(customer)},
                                    customer.org_code, context_.node_id);
    customer_by_no_[customer.customer_no] = {customer.id, customer.org_code};
  }

  void Contact(storage::Session& session, const ContactRow& row) {
    const CustomerRef customer = Resolve(session, row.customer_no);
    for (const char* field : {"name", "role"}) {
      if (!row.input.Has(field)) {
        throw RowError(field, std::string(field) + " is required");
      }
    }
    ValidateContactInput(row.input);
    if (!apply_) {
      return;
    }
    ContactRecord contact;
    contact.id = NewRowId();
    contact.customer_id = customer.id;
    contact.org_code = customer.org_code;
    ContactEntity().Apply(row.input, &contact);
    contact.updated_at = now_;
    ContactRepository::Contacts().Insert(session, contact, context_.node_id);
    CustomerEventRepository::Insert(session,
                                    {"", customer.id, now_, actor_.username, "contact.import",
                                     "导入联系人 " + contact.name, ContactCreationChanges(contact)},
                                    customer.org_code, context_.node_id);
  }

  void Revenue(storage::Session& session, RevenueRow row, std::size_t line, BatchResult* result) {
    const CustomerRef customer = Resolve(session, row.customer_no);
    const std::string key = customer.id + "|" + row.fact.product + "|" + row.fact.month;
    const auto [seen, inserted] = revenue_seen_.emplace(key, line);
    if (!inserted) {
      throw RowError("month",
                     "same customer, product and month as line " + std::to_string(seen->second));
    }
    result->revenue_keys.push_back(key);
    if (!apply_) {
      return;
    }
    row.fact.customer_id = customer.id;
    row.fact.org_code = customer.org_code;
    if (RevenueRepository::Upsert(session, row.fact, context_.node_id, now_)) {
      result->touched.insert(customer.id);
    }
  }

  AccountsContext& context_;
  CustomerService& customers_;
  const CustomerVisibility& visibility_;
  const audit::Actor& actor_;
  const bool apply_;
  const std::string now_;
  // Hashed: a sorted map's string comparisons were a twentieth of a large import.
  std::unordered_map<std::string, CustomerRef> customer_by_no_;
  std::unordered_map<std::string, std::size_t> credit_codes_;  ///< in this file → line
  std::unordered_map<std::string, std::size_t> customer_nos_;
  std::unordered_map<std::string, std::size_t> revenue_seen_;
};

RejectedRow Rejection(const tabular::CsvRecord& record, const ApiError& error) {
  return {record.line, ColumnOf(error.field()), error.what(), record.fields};
}

}  // namespace

ImportReport ImportService::Run(const CustomerVisibility& visibility, ImportKind kind,
                                const std::string& bytes, bool apply, const audit::Actor& actor) {
  imports::ImportFile file = imports::ReadImportFile(bytes);
  const std::vector<tabular::CsvRecord>& records = file.records;
  const tabular::HeaderIndex header(records.front(), ImportColumns(kind));

  ImportReport job;
  job.id = NewRowId();
  job.kind = std::string(ImportKindName(kind));
  job.mode = apply ? "apply" : "dry-run";
  job.encoding = file.encoding;
  job.username = actor.username;
  job.org_code = actor.org_code;
  job.created_at = FormatIsoUtc(context_.clock.NowMs());
  job.rows_total = static_cast<std::int64_t>(records.size() - 1);
  auto session = context_.storage.Open();
  imports::ImportJobStore::Start(*session, job, actor.user_id);
  std::optional<storage::BulkLoadCache> bulk;
  if (apply) {
    bulk.emplace(*session, kBulkCacheMib);
  }

  const auto orgs = orgs_.Current();
  const MonthRange window = Last12Months(context_.clock.NowMs());
  ImportRun run(context_, customers_, visibility, actor, apply, job.created_at);
  std::vector<RejectedRow> rejected;
  auto process = [&](std::size_t begin, std::size_t end, BatchResult* result) {
    for (std::size_t i = begin; i < end; ++i) {
      try {
        run.Row(*session, kind, header, records[i], result);
      } catch (const ApiError& error) {
        result->rejected.push_back(Rejection(records[i], error));
      }
    }
  };
  auto finish = [&](BatchResult* result, std::size_t batch_rows) {
    if (!result->touched.empty()) {
      Grading::Regrade(*session, *orgs,
                       std::vector<std::string>(result->touched.begin(), result->touched.end()),
                       window, context_.node_id, job.created_at);
    }
    audit::Entry entry;
    entry.action = "import.apply";
    entry.entity = "import";
    entry.entity_id = job.id;
    entry.org_code = actor.org_code;
    entry.detail = job.kind + ": " + std::to_string(result->ok) + " of " +
                   std::to_string(batch_rows) + " rows committed";
    context_.audit.Append(*session, actor, entry);
  };
  auto merge = [&](BatchResult& result) {
    job.rows_ok += result.ok;
    rejected.insert(rejected.end(), result.rejected.begin(), result.rejected.end());
  };

  for (std::size_t begin = 1; begin < records.size(); begin += kBatchRows) {
    const std::size_t end = std::min(records.size(), begin + kBatchRows);
    BatchResult result;
    if (!apply) {
      process(begin, end, &result);
      merge(result);
      continue;
    }
    try {
      storage::Transaction transaction(*session);
      process(begin, end, &result);
      finish(&result, end - begin);
      transaction.Commit();
      merge(result);
    } catch (const storage::StorageError&) {
      // A row the checks passed but the database refused (a concurrent insert of the same
      // key): redo the batch row by row so that only that row is rejected.
      run.Forget(result);
      for (std::size_t i = begin; i < end; ++i) {
        BatchResult single;
        try {
          storage::Transaction transaction(*session);
          process(i, i + 1, &single);
          finish(&single, 1);
          transaction.Commit();
        } catch (const storage::StorageError&) {
          run.Forget(single);
          single = BatchResult{};
          single.rejected.push_back(Rejection(
              records[i], ApiError(ErrorKind::kConflict, "conflict",
                                   "could not be saved (changed concurrently); import it again")));
        }
        merge(single);
      }
    }
  }

  if (apply && kind == ImportKind::kCustomers && job.rows_ok > 0) {
    RefreshCustomerStatistics(*session);  // the table may have grown many times over
  }
  job.rows_rejected = static_cast<std::int64_t>(rejected.size());
  job.status = "done";
  const std::string rejected_csv =
      rejected.empty() ? "" : imports::RejectedFile(records.front(), rejected);
  if (rejected.size() > kMaxReportedRows) {
    rejected.resize(kMaxReportedRows);
  }
  job.rejected = std::move(rejected);
  imports::ImportJobStore::Finish(*session, job, rejected_csv,
                                  FormatIsoUtc(context_.clock.NowMs()));
  if (!apply) {
    audit::Entry entry;
    entry.action = "import.dry_run";
    entry.entity = "import";
    entry.entity_id = job.id;
    entry.org_code = actor.org_code;
    entry.detail = job.kind + ": " + std::to_string(job.rows_ok) + " valid, " +
                   std::to_string(job.rows_rejected) + " rejected";
    context_.audit.AppendAlone(context_.storage, actor, entry);
  }
  return job;
}

ImportReport ImportService::Find(const CustomerVisibility& visibility, const std::string& id) {
  auto session = context_.storage.Open();
  auto job = imports::ImportJobStore::Find(*session, visibility.scope, id);
  if (!job) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such import");
  }
  return *job;
}

std::string ImportService::RejectedCsv(const CustomerVisibility& visibility,
                                       const std::string& id) {
  auto session = context_.storage.Open();
  auto csv = imports::ImportJobStore::RejectedCsv(*session, visibility.scope, id);
  if (!csv) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such import");
  }
  return *csv;
}

std::vector<ImportReport> ImportService::List(const CustomerVisibility& visibility, int limit,
                                              int offset, std::int64_t* total) {
  auto session = context_.storage.Open();
  return imports::ImportJobStore::List(*session, visibility.scope, limit, offset, total);
}

}  // namespace mams::accounts
