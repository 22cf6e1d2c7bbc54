#include "node/imports/import_report_entities.h"

namespace mams::imports {

// clang-format off
const entity::Entity<ImportReport>& ImportJobEntity() {
  using J = ImportReport;
  using Field = entity::Field<ImportReport>;
  static const entity::Entity<ImportReport> jobs("import_jobs", entity::Sync::kNone, {
      Field::Of("id", "id", &J::id),
      Field::Of("kind", "kind", &J::kind),
      Field::Of("mode", "mode", &J::mode),
      Field::Of("status", "status", &J::status),
      Field::Of("encoding", "encoding", &J::encoding),
      Field::Of("username", "username", &J::username),
      Field::Of("org_code", "org", &J::org_code),
      Field::Of("created_at", "createdAt", &J::created_at),
      Field::Of("rows_total", "rowsTotal", &J::rows_total),
      Field::Of("rows_ok", "rowsOk", &J::rows_ok),
      Field::Of("rows_rejected", "rowsRejected", &J::rows_rejected)});
  return jobs;
}

const entity::Entity<RejectedRow>& RejectedRowEntity() {
  using Field = entity::Field<RejectedRow>;
  static const entity::Entity<RejectedRow> rows({
      Field::Computed("line", [](const RejectedRow& row, const entity::JsonOptions&) {
        return entity::JsonValue(static_cast<std::int64_t>(row.line));
      }),
      Field::Of("", "column", &RejectedRow::column),
      Field::Of("", "reason", &RejectedRow::reason)});
  return rows;
}
// clang-format on

}  // namespace mams::imports
