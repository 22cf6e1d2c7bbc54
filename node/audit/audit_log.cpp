#include "node/audit/audit_log.h"

#include <openssl/evp.h>

#include <cstdio>
#include <stdexcept>

#include "node/common/clock.h"
#include "node/storage/statements.h"
#include "node/storage/storage.h"

namespace mams::audit {
namespace {

constexpr char kCreateLog[] =
    "CREATE TABLE IF NOT EXISTS audit_log ("
    " seq BIGINT NOT NULL PRIMARY KEY,"
    " at VARCHAR(32) NOT NULL,"
    " node_id VARCHAR(64) NOT NULL,"
    " user_id VARCHAR(36) NOT NULL,"
    " username VARCHAR(64) NOT NULL,"
    " actor_org VARCHAR(32) NOT NULL,"
    " client_address VARCHAR(64) NOT NULL,"
    " request_id VARCHAR(64) NOT NULL,"
    " action VARCHAR(64) NOT NULL,"
    " entity VARCHAR(32) NOT NULL,"
    " entity_id VARCHAR(64) NOT NULL,"
    " org_code VARCHAR(32) NOT NULL,"
    " outcome VARCHAR(16) NOT NULL,"
    " before_json TEXT NOT NULL,"
    " after_json TEXT NOT NULL,"
    " detail VARCHAR(255) NOT NULL,"
    " prev_hash CHAR(64) NOT NULL,"
    " hash CHAR(64) NOT NULL)";
constexpr char kCreateHead[] =
    "CREATE TABLE IF NOT EXISTS audit_head ("
    " id INTEGER NOT NULL PRIMARY KEY, last_seq BIGINT NOT NULL, last_hash CHAR(64) NOT NULL)";
constexpr char kIndexAt[] = "CREATE INDEX idx_audit_at ON audit_log (at)";
constexpr char kIndexOrg[] = "CREATE INDEX idx_audit_org ON audit_log (org_code, at)";
constexpr char kIndexUser[] = "CREATE INDEX idx_audit_user ON audit_log (username, at)";
constexpr char kSeedHead[] = "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, ?)";
constexpr char kSelectHead[] = "SELECT last_seq, last_hash FROM audit_head WHERE id = 1";
constexpr char kUpdateHead[] = "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1";
const std::string kGenesisHash(64, '0');

// Every column of an entry: the hashed ones, then the chain.
const storage::TableColumns& Entries() {
  static const storage::TableColumns entries("audit_log", [] {
    std::vector<std::string> columns = EntryColumns();
    columns.emplace_back("prev_hash");
    columns.emplace_back("hash");
    return columns;
  }());
  return entries;
}

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

// Length-prefixed fields, so that moving text between fields changes the hash.
std::string ChainHash(const std::vector<std::string>& fields, const std::string& prev_hash) {
  std::string canonical;
  for (const auto& field : fields) {
    canonical += std::to_string(field.size()) + ":" + field + ";";
  }
  return Sha256Hex(canonical + prev_hash);
}

}  // namespace

const std::vector<std::string>& EntryColumns() {
  static const std::vector<std::string> columns = {
      "seq",        "at",     "node_id", "user_id",   "username", "actor_org", "client_address",
      "request_id", "action", "entity",  "entity_id", "org_code", "outcome",   "before_json",
      "after_json", "detail"};
  return columns;
}

AuditLog::AuditLog(const Clock& clock, std::string node_id)
    : clock_(clock), node_id_(std::move(node_id)) {}

std::vector<storage::Migration> AuditLog::Migrations() {
  return {{1, "audit_log and audit_head", [](storage::Session& session) {
             session.ExecuteRaw(std::string(kCreateLog) + session.dialect().TableOptions());
             session.ExecuteRaw(std::string(kCreateHead) + session.dialect().TableOptions());
             session.ExecuteRaw(kIndexAt);
             session.ExecuteRaw(kIndexOrg);
             session.ExecuteRaw(kIndexUser);
             session.Execute(kSeedHead, {kGenesisHash});
           }}};
}

void AuditLog::Append(storage::Session& session, const Actor& actor, const Entry& entry) const {
  if (!session.InTransaction()) {
    throw storage::StorageError(storage::StorageErrorKind::kUsage,
                                "audit entries are appended inside the write's transaction");
  }
  // Locks the head row on MySQL; SQLite already holds the database write lock.
  const std::string select = session.dialect().backend() == storage::Backend::kMysql
                                 ? std::string(kSelectHead) + " FOR UPDATE"
                                 : std::string(kSelectHead);
  const storage::ResultSet head = session.Query(select);
  const std::int64_t seq = head[0].Int(0) + 1;
  const std::string prev_hash = head[0].Text(1);
  const std::vector<std::string> fields = {
      std::to_string(seq), FormatIsoUtc(clock_.NowMs()), node_id_,   actor.user_id,
      actor.username,      actor.org_code,               actor.client_address,
      actor.request_id,    entry.action,                 entry.entity, entry.entity_id,
      entry.org_code,      entry.outcome,                entry.before, entry.after,
      entry.detail.substr(0, 255)};
  const std::string hash = ChainHash(fields, prev_hash);
  storage::SqlParams params = {seq};
  for (std::size_t i = 1; i < fields.size(); ++i) {
    params.emplace_back(fields[i]);
  }
  params.emplace_back(prev_hash);
  params.emplace_back(hash);
  session.Execute(Entries().InsertSql(), params);
  session.Execute(kUpdateHead, {seq, hash});
}

void AuditLog::AppendAlone(storage::Storage& storage, const Actor& actor,
                           const Entry& entry) const {
  auto session = storage.Open();
  storage::Transaction transaction(*session);
  Append(*session, actor, entry);
  transaction.Commit();
}

Verification AuditLog::Verify(storage::Storage& storage) const {
  Verification result;
  auto session = storage.Open();
  std::string prev_hash = kGenesisHash;
  std::int64_t expected_seq = 1;
  for (;;) {
    const storage::ResultSet rows = session->Query(
        Entries().SelectSql() + " WHERE seq > ? ORDER BY seq LIMIT 1000", {expected_seq - 1});
    if (rows.empty()) {
      break;
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const storage::Row row = rows[r];
      const std::int64_t seq = row.Int(0);
      std::vector<std::string> fields;
      for (std::size_t c = 0; c < EntryColumns().size(); ++c) {
        fields.push_back(row.Text(c));
      }
      std::string reason;
      if (seq != expected_seq) {
        reason = "entry " + std::to_string(expected_seq) + " is missing";
      } else if (row.Text("prev_hash") != prev_hash) {
        reason = "entry " + std::to_string(seq) + " does not follow the entry before it";
      } else if (ChainHash(fields, prev_hash) != row.Text("hash")) {
        reason = "entry " + std::to_string(seq) + " was altered after it was written";
      }
      if (!reason.empty()) {
        result.intact = false;
        result.first_broken_seq = expected_seq;
        result.reason = reason;
        return result;
      }
      prev_hash = row.Text("hash");
      ++expected_seq;
      ++result.checked;
    }
  }
  const storage::ResultSet head = session->Query(kSelectHead);
  if (head[0].Int(0) != result.checked || head[0].Text(1) != prev_hash) {
    result.intact = false;
    result.first_broken_seq = result.checked + 1;
    result.reason = "the log ends at entry " + std::to_string(result.checked) + " but " +
                    std::to_string(head[0].Int(0)) + " were written (entries removed at the end)";
  }
  return result;
}

}  // namespace mams::audit
