#include "sync/outbox.h"

#include <Poco/Dynamic/Var.h>

#include "node/http/json_writer.h"
#include "node/storage/storage.h"

namespace mams::sync {
namespace {

constexpr char kBumpSeq[] = "UPDATE sync_counters SET value = value + ? WHERE name = 'outbox_seq'";
constexpr char kSelectSeq[] = "SELECT value FROM sync_counters WHERE name = 'outbox_seq'";
constexpr char kInsert[] =
    "INSERT INTO sync_outbox (seq, table_name, row_id, org_code, version, version_node,"
    " base_version, deleted, source, image, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr char kReadAfter[] =
    "SELECT seq, table_name, row_id, org_code, version, version_node, base_version, deleted,"
    " source, image, created_at FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?";
constexpr char kOldestSeq[] = "SELECT MIN(seq) FROM sync_outbox";
constexpr char kDeleteUpTo[] = "DELETE FROM sync_outbox WHERE seq <= ?";
constexpr char kGroupsAfter[] =
    "SELECT table_name, org_code, source, COUNT(*), MIN(created_at) FROM sync_outbox"
    " WHERE seq > ? GROUP BY table_name, org_code, source";

void AppendValue(std::string* out, const storage::SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) {
    *out += "null";
  } else if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    *out += std::to_string(*integer);
  } else if (const auto* real = std::get_if<double>(&value)) {
    http::AppendJson(out, Poco::Dynamic::Var(*real));
  } else {
    http::AppendJsonString(out, std::get<std::string>(value));
  }
}

}  // namespace

std::string RowImage(const storage::ResultSet& rows, std::size_t index) {
  // Sized once, from the last image this thread built: loads build hundreds of thousands.
  thread_local std::size_t last_size = 256;
  std::string image;
  image.reserve(last_size + last_size / 4);
  image += '{';
  const auto& columns = rows.columns();
  const auto& values = rows.values(index);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) {
      image += ',';
    }
    http::AppendJsonString(&image, columns[c]);
    image += ':';
    AppendValue(&image, values[c]);
  }
  image += '}';
  last_size = image.size();
  return image;
}

std::vector<Change> ChangesOf(const std::string& table, const storage::ResultSet& rows) {
  std::vector<Change> changes;
  changes.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const storage::Row row = rows[i];
    Change change;
    change.table = table;
    change.row_id = row.Text("id");
    change.org_code = row.Text("org_code");
    change.version = row.Int("version");
    change.version_node = row.Text("version_node");
    change.base_version = row.Int("base_version");
    change.deleted = row.Int("deleted") != 0;
    change.image = RowImage(rows, i);
    changes.push_back(std::move(change));
  }
  return changes;
}

std::int64_t Outbox::Append(storage::Session& session, const std::vector<Change>& changes,
                            const std::string& source, const std::string& created_at) {
  if (changes.empty()) {
    return 0;
  }
  const auto count = static_cast<std::int64_t>(changes.size());
  // The UPDATE locks the sequence row until commit (MySQL) or runs under SQLite's single
  // write lock: numbers are handed out in commit order, without gaps.
  session.Execute(kBumpSeq, {count});
  const std::int64_t last = session.Query(kSelectSeq).ScalarInt();
  std::int64_t seq = last - count;
  for (const auto& change : changes) {
    session.Execute(kInsert,
                    {++seq, change.table, change.row_id, change.org_code, change.version,
                     change.version_node, change.base_version, std::int64_t{change.deleted ? 1 : 0},
                     source, change.image, created_at});
  }
  return last;
}

std::vector<OutboxEntry> Outbox::ReadAfter(storage::Session& session, std::int64_t after,
                                           int limit) {
  const auto rows = session.Query(kReadAfter, {after, std::int64_t{limit}});
  std::vector<OutboxEntry> entries;
  entries.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const storage::Row row = rows[i];
    OutboxEntry entry;
    entry.seq = row.Int(0);
    entry.change.table = row.Text(1);
    entry.change.row_id = row.Text(2);
    entry.change.org_code = row.Text(3);
    entry.change.version = row.Int(4);
    entry.change.version_node = row.Text(5);
    entry.change.base_version = row.Int(6);
    entry.change.deleted = row.Int(7) != 0;
    entry.source = row.Text(8);
    entry.change.image = row.Text(9);
    entry.created_at = row.Text(10);
    entries.push_back(std::move(entry));
  }
  return entries;
}

std::vector<OutboxGroup> Outbox::GroupsAfter(storage::Session& session, std::int64_t after) {
  const auto rows = session.Query(kGroupsAfter, {after});
  std::vector<OutboxGroup> groups;
  groups.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const storage::Row row = rows[i];
    groups.push_back({row.Text(0), row.Text(1), row.Text(2), row.Int(3), row.Text(4)});
  }
  return groups;
}

std::int64_t Outbox::LastSeq(storage::Session& session) {
  return session.Query(kSelectSeq).ScalarInt();
}

std::optional<std::int64_t> Outbox::OldestSeq(storage::Session& session) {
  const auto rows = session.Query(kOldestSeq);
  if (rows.empty() || rows[0].IsNull(0)) {
    return std::nullopt;
  }
  return rows[0].Int(0);
}

void Outbox::DeleteUpTo(storage::Session& session, std::int64_t upto) {
  session.Execute(kDeleteUpTo, {upto});
}

}  // namespace mams::sync
