#include "node/imports/import_job_store.h"

#include <Poco/JSON/Parser.h>

#include "node/auth/data_scope.h"
#include "node/entity/entity_json.h"
#include "node/entity/entity_query.h"
#include "node/http/json.h"
#include "node/imports/import_report_entities.h"
#include "node/storage/storage.h"

namespace mams::imports {
namespace {

constexpr char kInsert[] =
    "INSERT INTO import_jobs (id, kind, mode, status, org_code, user_id, username, created_at,"
    " encoding) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)";
constexpr char kFinish[] =
    "UPDATE import_jobs SET status = 'done', finished_at = ?, rows_total = ?, rows_ok = ?,"
    " rows_rejected = ?, report = ?, rejected_csv = ? WHERE id = ?";
// The job's columns and its rejected rows' JSON.
std::string SelectWithReport() {
  return "SELECT " + ImportJobEntity().shape().ColumnList() + ", report FROM import_jobs";
}

ImportReport ReadWithRows(const storage::Row& row) {
  ImportReport job = ImportJobEntity().Read(row);
  const auto report = row.OptionalText("report");
  if (report && !report->empty()) {
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
                            http::ToJson(entity::JsonArray(RejectedRowEntity(), job.rejected)),
                            rejected_csv, job.id});
}

std::optional<ImportReport> ImportJobStore::Find(storage::Session& session,
                                                 const auth::DataScope& scope,
                                                 const std::string& id) {
  storage::SqlParams params;
  const std::string where = " WHERE " + scope.SqlCondition("org_code", &params) + " AND id = ?";
  params.emplace_back(id);
  const auto rows = session.Query(SelectWithReport() + where, params);
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadWithRows(rows[0]);
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
  return entity::ReadAll(
      session, ImportJobEntity(),
      ImportJobEntity().SelectSql() + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
      params);
}

}  // namespace mams::imports
