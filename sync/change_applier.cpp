#include "sync/change_applier.h"

#include <map>

#include <simdjson.h>

#include "node/common/ids.h"
#include "node/storage/storage.h"
#include "sync/apply_rule.h"
#include "sync/change_capture.h"
#include "sync/stored_versions.h"
#include "sync/sync_catalog.h"

namespace mams::sync {
namespace {

constexpr char kConflictTable[] = "sync_conflicts";
constexpr char kSavepoint[] = "SAVEPOINT sync_apply";
constexpr char kRelease[] = "RELEASE SAVEPOINT sync_apply";
constexpr char kRollbackTo[] = "ROLLBACK TO SAVEPOINT sync_apply";
constexpr char kInsertQuarantine[] =
    "INSERT INTO sync_quarantine (id, peer, table_name, row_id, org_code, version, version_node,"
    " image, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kConflictColumns[] = {
    "id",         "table_name",   "row_id",      "winner_version", "winner_node", "loser_version",
    "loser_node", "winner_image", "loser_image", "detected_at",    "detected_by", "org_code",
    "owner_node", "updated_at",   "deleted"};

/// Whether the database refused one statement and kept the transaction: a violated
/// constraint or a value the column does not take. Busy (a deadlock rolls the whole
/// transaction back on MySQL) and unavailable are the transaction's, not the row's.
bool RefusesOnlyTheRow(const storage::StorageError& error) {
  return error.kind() == storage::StorageErrorKind::kConstraint ||
         error.kind() == storage::StorageErrorKind::kUsage;
}

/// A change that cannot be applied: the reason goes to quarantine.
class Unapplicable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

storage::SqlValue ValueOf(const simdjson::dom::element& value) {
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return nullptr;
    case simdjson::dom::element_type::BOOL:
      return std::int64_t{value.get_bool().value_unsafe() ? 1 : 0};
    case simdjson::dom::element_type::INT64:
      return value.get_int64().value_unsafe();
    case simdjson::dom::element_type::DOUBLE:
      return value.get_double().value_unsafe();
    case simdjson::dom::element_type::STRING:
      return std::string(value.get_string().value_unsafe());
    default:
      throw Unapplicable("a column value is neither text, a number that fits, nor null");
  }
}

/// The image as columns and values, every column checked against the table (the names are
/// the catalog's).
struct RowValues {
  std::vector<std::string_view> columns;
  storage::SqlParams values;
  /// Per column of the table, its place in `values`, or -1 when the image lacks it.
  std::vector<int> at;

  const storage::SqlValue* Find(std::size_t ordinal) const {
    return at[ordinal] < 0 ? nullptr : &values[static_cast<std::size_t>(at[ordinal])];
  }
};

RowValues ParseImage(const SyncTable& table, const Change& change) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object image;
  // A change straight from the decoder has room for simdjson's padding after its text, so
  // it is parsed in place; any other string is copied into a padded buffer first.
  if (const auto error = parser.parse(change.image).get(image)) {
    throw Unapplicable(std::string("the row image is not a JSON object: ") +
                       simdjson::error_message(error));
  }
  RowValues row;
  row.columns.reserve(table.columns.size());
  row.values.reserve(table.columns.size() + 1);  // + the id of an UPDATE
  row.at.assign(table.columns.size(), -1);
  std::size_t next = 0;
  for (const auto field : image) {
    const std::size_t ordinal = table.Ordinal(field.key, next);
    if (ordinal == SyncTable::kNoColumn) {
      throw Unapplicable("column " + std::string(field.key) + " is not in table " + table.name +
                         " here");
    }
    if (row.at[ordinal] >= 0) {
      // Checks below read the first, an UPDATE would write the last: one of each only.
      throw Unapplicable("column " + table.columns[ordinal] + " appears twice in the row image");
    }
    row.at[ordinal] = static_cast<int>(row.values.size());
    row.columns.emplace_back(table.columns[ordinal]);
    row.values.push_back(ValueOf(field.value));
    next = ordinal + 1;
  }
  // The envelope and the image must agree, or routing and scope checks would be fooled.
  const auto agrees = [&](std::size_t ordinal, const storage::SqlValue& expected) {
    const storage::SqlValue* found = row.Find(ordinal);
    return found != nullptr && *found == expected;
  };
  const SyncTable::Envelope& envelope = table.envelope;
  if (!agrees(envelope.id, change.row_id) || !agrees(envelope.org_code, change.org_code) ||
      !agrees(envelope.version, change.version) ||
      !agrees(envelope.version_node, change.version_node) ||
      !agrees(envelope.base_version, change.base_version) ||
      !agrees(envelope.deleted, std::int64_t{change.deleted ? 1 : 0})) {
    throw Unapplicable("the row image does not match the change's id, org or version");
  }
  return row;
}

void WriteRow(storage::Session& session, const SyncTable& table, RowValues& row, bool exists,
              const std::string& id) {
  // Identifiers are the catalog's (checked in ParseImage); values are bound. The text is
  // built in one buffer per thread: the statement cache finds it by its text.
  thread_local std::string sql;
  sql.clear();
  if (!exists) {
    sql.append("INSERT INTO ").append(table.name).append(" (");
    for (std::size_t i = 0; i < row.columns.size(); ++i) {
      sql.append(i == 0 ? "" : ", ").append(row.columns[i]);
    }
    sql.append(") VALUES (");
    for (std::size_t i = 0; i < row.columns.size(); ++i) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    session.Execute(sql.append(")"), row.values);
    return;
  }
  sql.append("UPDATE ").append(table.name).append(" SET ");
  for (std::size_t i = 0; i < row.columns.size(); ++i) {
    sql.append(i == 0 ? "" : ", ").append(row.columns[i]).append(" = ?");
  }
  row.values.emplace_back(id);
  session.Execute(sql.append(" WHERE id = ?"), row.values);
}

/// Writes the conflict record (once: its id is the same wherever it is detected) and
/// returns its id.
std::string RecordConflict(storage::Session& session, const Change& change,
                           const VersionStamp& stored, const std::string& stored_image,
                           bool incoming_won, const std::string& now) {
  const VersionStamp incoming{change.version, change.version_node};
  const VersionStamp& winner = incoming_won ? incoming : stored;
  const VersionStamp& loser = incoming_won ? stored : incoming;
  std::string id = ConflictId(change.table, change.row_id, loser, winner);
  std::vector<std::string_view> columns = {"version", "version_node", "base_version"};
  columns.insert(columns.end(), std::begin(kConflictColumns), std::end(kConflictColumns));
  // Stamped with this transaction's version, so capture sends it up like any write.
  session.Execute(
      session.dialect().InsertIgnore(kConflictTable, columns),
      storage::Stamped(
          session, {std::int64_t{0}, id, change.table, change.row_id, winner.version, winner.node,
                    loser.version, loser.node, incoming_won ? change.image : stored_image,
                    incoming_won ? stored_image : change.image, now, session.WriteNode(),
                    change.org_code, session.WriteNode(), now, std::int64_t{0}}));
  return id;
}

}  // namespace

ChangeApplier::ChangeApplier(const SyncCatalog& catalog, ChangeCapture& capture)
    : catalog_(catalog), capture_(capture) {}

void ChangeApplier::ApplyOne(storage::Session& session, const Change& change,
                             const ApplyContext& context, StoredVersions& versions,
                             ApplyCounts* counts, std::vector<Change>* forwarded) {
  const std::string& now = context.now;
  capture_.Observe(change.version);
  const SyncTable* table = catalog_.Find(change.table);
  if (table == nullptr) {
    throw Unapplicable("table " + change.table + " is not a sync table here");
  }
  if (std::string refused = context.filter(change); !refused.empty()) {
    throw Unapplicable(refused);
  }
  RowValues row = ParseImage(*table, change);
  // The stored version alone; the whole row only when a conflict needs its image.
  std::optional<VersionStamp> stored_stamp;
  std::int64_t stored_base = 0;
  if (const StoredVersions::Stored* stored = versions.Find(change.table, change.row_id)) {
    stored_stamp = stored->stamp;
    stored_base = stored->base_version;
  }
  const VersionStamp incoming{change.version, change.version_node};
  ApplyDecision decision = DecideApply(stored_stamp, stored_base, incoming, change.base_version);
  if (change.table == kConflictTable || context.load) {
    // Records of one conflict share an id wherever they were detected: they are one fact,
    // kept once, never a conflict of their own. Load pages are states (ApplyContext).
    decision.conflict = false;
  }
  std::string stored_image;
  if (decision.conflict) {
    stored_image = RowImage(
        session.Query("SELECT * FROM " + table->name + " WHERE id = ?", {change.row_id}), 0);
  }
  const bool write =
      decision.action == ApplyAction::kInsert || decision.action == ApplyAction::kOverwrite;
  if (!decision.conflict) {
    // One statement, which the database applies whole or not at all.
    if (write) {
      WriteRow(session, *table, row, decision.action == ApplyAction::kOverwrite, change.row_id);
    }
  } else {
    // The row and its conflict record: two statements, kept or undone together.
    std::string conflict_id;
    session.ExecuteRaw(kSavepoint);
    try {
      if (write) {
        WriteRow(session, *table, row, decision.action == ApplyAction::kOverwrite, change.row_id);
      }
      conflict_id = RecordConflict(session, change, *stored_stamp, stored_image,
                                   decision.action == ApplyAction::kOverwrite, now);
      session.ExecuteRaw(kRelease);
    } catch (const storage::StorageError& error) {
      if (!RefusesOnlyTheRow(error)) {
        throw;  // the savepoint may be gone with the transaction (a deadlock on MySQL)
      }
      try {
        session.ExecuteRaw(kRollbackTo);
        session.ExecuteRaw(kRelease);
      } catch (const storage::StorageError&) {
        throw error;  // the first error says what went wrong
      }
      throw;
    }
    // The record is stored now; should it come in later in this batch (detected at the
    // sender as well), it must be found, not inserted again.
    versions.Reread(session, kConflictTable, conflict_id);
    ++counts->conflicts;
  }
  if (write) {
    versions.Wrote(change);
    if (context.forward(change)) {
      forwarded->push_back(change);
    }
    ++counts->applied;
  } else {
    ++counts->unchanged;
  }
}

ApplyCounts ChangeApplier::Apply(storage::Session& session, const std::vector<Change>& changes,
                                 const ApplyContext& context) {
  ApplyCounts counts;
  std::vector<Change> forwarded;
  // No savepoint around the batch: a change writes one statement (two, under a savepoint of
  // their own, with a conflict record), and a statement the database refuses leaves nothing
  // behind and the transaction open. SQLite copies every page a savepoint touches to a
  // statement journal, which made a batch's savepoint the largest cost of applying it.
  StoredVersions versions(session, catalog_, changes);
  std::map<std::string, std::vector<std::string>> applied_ids;  // by table
  for (const Change& change : changes) {
    try {
      const int applied_before = counts.applied;
      ApplyOne(session, change, context, versions, &counts, &forwarded);
      if (counts.applied > applied_before) {
        applied_ids[change.table].push_back(change.row_id);
      }
    } catch (const Unapplicable& e) {
      Quarantine(session, change, e.what(), context, &counts);
    } catch (const storage::StorageError& e) {
      if (!RefusesOnlyTheRow(e) || !session.TransactionStillOpen()) {
        throw;  // the transaction itself is in doubt: the caller rolls back and retries
      }
      Quarantine(session, change, e.what(), context, &counts);
    }
  }
  // Data kept from these rows (the search index) follows them in the same transaction, or,
  // for a load's rows, once the load is over.
  for (const auto& [table, ids] : applied_ids) {
    if (context.load) {
      session.RowsLoaded(table, ids, context.peer);
    } else {
      session.RowsWritten(table, ids);
    }
  }
  Outbox::Append(session, forwarded, context.peer, context.now);
  return counts;
}

void ChangeApplier::Quarantine(storage::Session& session, const Change& change,
                               const std::string& reason, const ApplyContext& context,
                               ApplyCounts* counts) {
  session.Execute(kInsertQuarantine, {NewRowId(), context.peer, change.table, change.row_id,
                                      change.org_code, change.version, change.version_node,
                                      change.image, reason.substr(0, 500), context.now});
  ++counts->quarantined;
}

}  // namespace mams::sync
