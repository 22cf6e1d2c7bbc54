#include "node/imports/import_job_store.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "node/auth/data_scope.h"
#include "node/http/json.h"
#include "node/storage/storage.h"

namespace mams::imports {
namespace {

constexpr char kInsert[] =
    "INSERT INTO import_jobs (id, kind, mode, status, org_code, user_id, username, created_at,"
    " encoding) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)";
constexpr char kFinish[] =
    "UPDATE import_jobs SET status = 'done', finished_at = ?, rows_total = ?, rows_ok = ?,"
    " rows_rejected = ?, report = ?, rejected_csv = ? WHERE id = ?";
constexpr char kColumns[] =
    "SELECT id, kind, mode, status, encoding, username, org_code, created_at, rows_total,"
    " rows_ok, rows_rejected, report FROM import_jobs";

std::string RejectedJson(const std::vector<RejectedRow>& rows) {
  Poco::JSON::Array array;
  for (const auto& row : rows) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("line", row.line);
    item.set("column", row.column);
    item.set("reason", row.reason);
    array.add(item);
  }
  return http::ToJson(array);
}

ImportReport Read(const storage::Row& row, bool with_rows) {
  ImportReport job;
  job.id = row.Text(0);
  job.kind = row.Text(1);
  job.mode = row.Text(2);
  job.status = row.Text(3);
  job.encoding = row.Text(4);
  job.username = row.Text(5);
  job.org_code = row.Text(6);
  job.created_at = row.Text(7);
  job.rows_total = row.Int(8);
  job.rows_ok = row.Int(9);
  job.rows_rejected = row.Int(10);
  const auto report = row.OptionalText(11);
  if (with_rows && report && !report->empty()) {
    const auto array = Poco::JSON::Parser().parse(*report).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto item = array->getObject(static_cast<unsigned>(i));
      job.rejected.push_back({item->getValue<std::size_t>("line"),
                              item->getValue<std::string>("column"),
                              item->getValue<std::string>("reason"),
                              {}});
    }
  }
  return job;
}

}  // namespace

void ImportJobStore::Start(storage::Session& session, const ImportReport& job,
                           const std::string& user_id) {
  session.Execute(kInsert, {job.id, job.kind, job.mode, job.org_code, user_id, job.username,
                            job.created_at, job.encoding});
}

void ImportJobStore::Finish(storage::Session& session, const ImportReport& job,
                            const std::string& rejected_csv, const std::string& finished_at) {
  session.Execute(kFinish, {finished_at, job.rows_total, job.rows_ok, job.rows_rejected,
                            RejectedJson(job.rejected), rejected_csv, job.id});
}

std::optional<ImportReport> ImportJobStore::Find(storage::Session& session,
                                                 const auth::DataScope& scope,
                                                 const std::string& id) {
  storage::SqlParams params;
  const std::string where = " WHERE " + scope.SqlCondition("org_code", &params) + " AND id = ?";
  params.emplace_back(id);
  const auto rows = session.Query(std::string(kColumns) + where, params);
  if (rows.empty()) {
    return std::nullopt;
  }
  return Read(rows[0], true);
}

std::optional<std::string> ImportJobStore::RejectedCsv(storage::Session& session,
                                                       const auth::DataScope& scope,
                                                       const std::string& id) {
  storage::SqlParams params;
  const std::string where = " WHERE " + scope.SqlCondition("org_code", &params) + " AND id = ?";
  params.emplace_back(id);
  const auto rows = session.Query("SELECT rejected_csv FROM import_jobs" + where, params);
  if (rows.empty()) {
    return std::nullopt;
  }
  return rows[0].OptionalText(0).value_or("");
}

std::vector<ImportReport> ImportJobStore::List(storage::Session& session,
                                               const auth::DataScope& scope, int limit, int offset,
                                               std::int64_t* total) {
  storage::SqlParams params;
  const std::string where = " WHERE " + scope.SqlCondition("org_code", &params);
  *total = session.Query("SELECT COUNT(*) FROM import_jobs" + where, params).ScalarInt();
  params.emplace_back(std::int64_t{limit});
  params.emplace_back(std::int64_t{offset});
  const auto rows = session.Query(
      std::string(kColumns) + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
      params);
  std::vector<ImportReport> jobs;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    jobs.push_back(Read(rows[i], false));
  }
  return jobs;
}

}  // namespace mams::imports
