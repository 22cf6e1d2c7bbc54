// /api/v1/imports and /api/v1/import-templates: CSV uploads over ImportService.
#include <Poco/JSON/Object.h>

#include "modules/accounts/accounts_routes.h"
#include "modules/accounts/imports/import_service.h"
#include "node/auth/request_guard.h"
#include "node/common/errors.h"
#include "node/entity/entity_json.h"
#include "node/http/json.h"
#include "node/http/paging.h"
#include "node/imports/import_report_entities.h"
#include "node/tabular/csv_writer.h"

namespace mams::accounts {
namespace {

constexpr char kRead[] = "customers:read";
constexpr char kWrite[] = "customers:write";
/// Uploads up to 64 MiB (about half a million customer rows); bigger files are refused
/// with 413 before anything is read into the database.
constexpr std::int64_t kMaxImportBytes = 64 * 1024 * 1024;

Poco::JSON::Object ReportJson(const ImportReport& job) {
  Poco::JSON::Object object = entity::JsonObject(imports::ImportJobEntity(), job);
  object.set("rejected", entity::JsonArray(imports::RejectedRowEntity(), job.rejected));
  object.set("rejectedFile", job.rows_rejected > 0
                                 ? Poco::Dynamic::Var("/api/v1/imports/" + job.id + "/rejected")
                                 : Poco::Dynamic::Var());
  return object;
}

ImportKind KindOf(const std::optional<std::string>& text) {
  const auto kind = text ? ParseImportKind(*text) : std::nullopt;
  if (!kind) {
    throw ApiError(ErrorKind::kBadRequest, "invalid_kind",
                   "kind: customers, contacts or revenue", "kind");
  }
  return *kind;
}

http::HttpResponse CsvDownload(std::string body, const std::string& file_name) {
  http::HttpResponse response = http::HttpResponse::Json(200, std::move(body));
  response.content_type = "text/csv; charset=utf-8";
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"" + file_name + "\"");
  return response;
}

class ImportHandlers {
 public:
  explicit ImportHandlers(std::shared_ptr<ImportService> service) : service_(std::move(service)) {}

  http::HttpResponse Run(const http::HttpRequest& request) {
    const ImportKind kind = KindOf(request.Query("kind"));
    const std::string mode = request.Query("mode").value_or("dry-run");
    if (mode != "dry-run" && mode != "apply") {
      throw ApiError(ErrorKind::kBadRequest, "invalid_mode", "mode: dry-run or apply", "mode");
    }
    const ImportReport job = service_->Run(Visibility(request), kind, request.body,
                                           mode == "apply", auth::RequestActor(request));
    http::HttpResponse response = http::HttpResponse::Json(201, http::ToJson(ReportJson(job)));
    response.headers.emplace_back("Location", "/api/v1/imports/" + job.id);
    return response;
  }

  http::HttpResponse List(const http::HttpRequest& request) {
    static const http::PageSpec kSpec{20, 200, {"createdAt"}, "-createdAt"};
    const http::PageRequest page = http::ParsePage(request, kSpec);
    std::int64_t total = 0;
    Poco::JSON::Array items;
    for (const auto& job : service_->List(Visibility(request), page.limit, page.offset, &total)) {
      items.add(ReportJson(job));
    }
    return http::ListResponse(http::ToJson(items), static_cast<std::size_t>(total), page);
  }

  http::HttpResponse Get(const http::HttpRequest& request) {
    return http::HttpResponse::Json(
        200, http::ToJson(ReportJson(service_->Find(Visibility(request), request.PathParam("id")))));
  }

  http::HttpResponse Rejected(const http::HttpRequest& request) {
    const std::string& id = request.PathParam("id");
    return CsvDownload(service_->RejectedCsv(Visibility(request), id), "rejected-" + id + ".csv");
  }

 private:
  static CustomerVisibility Visibility(const http::HttpRequest& request) {
    return CustomerVisibility::Of(*request.scope, *request.principal);
  }

  std::shared_ptr<ImportService> service_;
};

http::HttpResponse Template(const http::HttpRequest& request) {
  const ImportKind kind = KindOf(request.PathParam("kind"));
  return CsvDownload(std::string(tabular::kUtf8Bom) + tabular::CsvRow(TemplateHeader(kind)),
                     std::string(ImportKindName(kind)) + "-template.csv");
}

}  // namespace

std::vector<http::Route> ImportRoutes(std::shared_ptr<ImportService> service) {
  auto h = std::make_shared<ImportHandlers>(std::move(service));
  using R = const http::HttpRequest&;
  http::Route upload{"POST", "/api/v1/imports", kWrite, [h](R r) { return h->Run(r); },
                     "Import a CSV file (UTF-8 or GBK) as the body: kind=customers|contacts|"
                     "revenue, mode=dry-run|apply; 201 with the report of every rejected row.",
                     kMaxImportBytes};
  upload.json_body = false;  // browsers name a CSV file text/csv, application/vnd.ms-excel, …
  return {
      std::move(upload),
      {"GET", "/api/v1/imports", kWrite, [h](R r) { return h->List(r); },
       "Import runs in scope, newest first."},
      {"GET", "/api/v1/imports/{id}", kWrite, [h](R r) { return h->Get(r); },
       "One import run and its rejected rows (first 1000)."},
      {"GET", "/api/v1/imports/{id}/rejected", kWrite, [h](R r) { return h->Rejected(r); },
       "The rejected rows as CSV, each with its line, column and reason."},
      {"GET", "/api/v1/import-templates/{kind}", kRead, Template,
       "Empty CSV with the Chinese column headers of an import kind."},
  };
}

}  // namespace mams::accounts
