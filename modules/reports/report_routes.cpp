// /api/v1/reports: every module's report datasets behind one route, as tables and files.
#include "modules/reports/report_routes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "modules/reports/report_request.h"
#include "node/audit/audit_log.h"
#include "node/auth/principal.h"
#include "node/auth/request_guard.h"
#include "node/common/error_catalogue.h"
#include "node/common/errors.h"
#include "node/common/utf8.h"
#include "node/http/json.h"
#include "node/module/extensions.h"
#include "node/storage/storage.h"

namespace mams::reports {
namespace {

using Dataset = module::ReportDataset;

// The API's names of module::ReportValue, in its order.
constexpr const char* kTypeNames[] = {"text", "integer", "money"};

const char* TypeName(module::ReportValue type) { return kTypeNames[static_cast<int>(type)]; }

bool Usable(const Dataset& dataset, const http::HttpRequest& request) {
  return dataset.permission.empty() || request.principal->Has(dataset.permission);
}

// The dataset the caller may use, or 404 (as for a dataset no module declares).
const Dataset& FindUsable(const module::Extensions& extensions, const http::HttpRequest& request) {
  const std::string& key = request.PathParam("key");
  for (const auto& entry : extensions.report_datasets.entries()) {
    if (entry.item.key == key && Usable(entry.item, request)) {
      return entry.item;
    }
  }
  throw ApiError(ErrorKind::kNotFound, "not_found", "no report " + key);
}

Poco::JSON::Array ColumnsJson(const Dataset& dataset, bool english) {
  Poco::JSON::Array columns;
  for (const auto& column : dataset.columns) {
    Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
    out.set("key", column.key);
    out.set("title", english ? column.title_en : column.title_zh);
    out.set("type", TypeName(column.type));
    columns.add(out);
  }
  return columns;
}

Poco::JSON::Object DescriptionJson(const Dataset& dataset, const std::string& module,
                                   bool english) {
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("key", dataset.key);
  out.set("title", english ? dataset.title_en : dataset.title_zh);
  out.set("module", module);
  out.set("columns", ColumnsJson(dataset, english));
  Poco::JSON::Array filters;
  for (const auto& filter : dataset.filters) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("key", filter.key);
    item.set("title", english ? filter.title_en : filter.title_zh);
    Poco::JSON::Array choices;
    for (const auto& choice : filter.choices) {
      Poco::JSON::Object option(Poco::JSON_PRESERVE_KEY_ORDER);
      option.set("value", choice.value);
      option.set("title", english ? choice.title_en : choice.title_zh);
      choices.add(option);
    }
    item.set("choices", choices);
    filters.add(item);
  }
  out.set("filters", filters);
  return out;
}

bool AsksEnglish(const http::HttpRequest& request) {
  return PreferredLanguage(request.Header("accept-language")) == Language::kEnglish;
}

http::HttpResponse List(const module::Extensions& extensions, const http::HttpRequest& request) {
  const bool english = AsksEnglish(request);
  Poco::JSON::Array items;
  for (const auto& entry : extensions.report_datasets.entries()) {
    if (Usable(entry.item, request)) {
      items.add(DescriptionJson(entry.item, entry.module, english));
    }
  }
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("items", items);
  return http::HttpResponse::Json(200, http::ToJson(body));
}

Poco::JSON::Array RowsJson(const Dataset& dataset, const std::vector<std::vector<std::string>>& rows) {
  Poco::JSON::Array out;
  for (const auto& row : rows) {
    Poco::JSON::Array cells;
    for (std::size_t i = 0; i < dataset.columns.size(); ++i) {
      const std::string& cell = i < row.size() ? row[i] : std::string();
      if (dataset.columns[i].type == module::ReportValue::kText) {
        cells.add(cell);
      } else {
        cells.add(static_cast<Poco::Int64>(NumberCell(dataset, i, cell)));
      }
    }
    out.add(cells);
  }
  return out;
}

void RecordDownload(const audit::AuditLog& audit, storage::Storage& storage,
                    const http::HttpRequest& request, const audit::Actor& actor,
                    const Dataset& dataset, std::size_t rows) {
  std::string query;
  for (const auto& [name, value] : request.query) {
    query += (query.empty() ? "" : "&") + name + "=" + value;
  }
  audit::Entry entry = audit::EntryFor("report.export", "report", dataset.key, actor.org_code);
  entry.detail = TruncateUtf8(std::to_string(rows) + " rows; " + query, 255);
  audit.AppendAlone(storage, actor, entry);
}

http::HttpResponse Run(const module::Extensions& extensions, storage::Storage& storage,
                       const audit::AuditLog& audit, const http::HttpRequest& request) {
  const Dataset& dataset = FindUsable(extensions, request);
  const ReportQuery query = ReadReportQuery(dataset, request.query, AsksEnglish(request));
  const audit::Actor actor = auth::RequestActor(request);
  const module::Caller caller{*request.scope, *request.principal, actor};
  const auto rows = dataset.rows(*storage.Open(), query.filters, caller);
  if (rows.size() > kMaxReportRows) {
    throw ApiError(ErrorKind::kUnprocessable, "report_too_large",
                   std::to_string(rows.size()) + " rows; a report holds at most " +
                       std::to_string(kMaxReportRows) + " — add filters")
        .With("count", std::to_string(rows.size()))
        .With("max", std::to_string(kMaxReportRows));
  }
  if (query.format == ReportFormat::kJson) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("key", dataset.key);
    body.set("title", query.english ? dataset.title_en : dataset.title_zh);
    body.set("columns", ColumnsJson(dataset, query.english));
    body.set("rows", RowsJson(dataset, rows));
    body.set("total", rows.size());
    return http::HttpResponse::Json(200, http::ToJson(body));
  }
  const bool csv = query.format == ReportFormat::kCsv;
  http::HttpResponse response;
  response.status = 200;
  response.body = csv ? ReportCsv(dataset, rows, query.english)
                      : ReportXlsx(dataset, rows, query.english);
  response.content_type = csv ? "text/csv; charset=utf-8"
                              : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  // The key is declared by a module ([a-z._]), never input: a safe file name.
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + dataset.key +
                                                           (csv ? ".csv\"" : ".xlsx\""));
  RecordDownload(audit, storage, request, actor, dataset, rows.size());
  return response;
}

}  // namespace

std::vector<http::Route> ReportRoutes(const module::Extensions& extensions,
                                      storage::Storage& storage, const audit::AuditLog& audit) {
  return {
      {"GET", "/api/v1/reports", kReportsRead,
       [&extensions](const http::HttpRequest& request) { return List(extensions, request); },
       "The report datasets the caller may use: columns (text, integer, money in fen) and "
       "filters with their allowed values (choices)."},
      {"GET", "/api/v1/reports/{key}", kReportsRead,
       [&extensions, &storage, &audit](const http::HttpRequest& request) {
         return Run(extensions, storage, audit, request);
       },
       "One dataset's rows within the caller's scope: its filters as parameters; format json "
       "(default), csv or xlsx (downloads are audited); lang zh or en for a file's headers."},
  };
}

}  // namespace mams::reports
