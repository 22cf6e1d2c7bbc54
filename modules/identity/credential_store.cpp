#include "modules/identity/credential_store.h"

namespace mams::identity {
namespace {

constexpr char kInsertSession[] =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_ms, last_seen_ms, mfa_verified,"
    " client_address) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr char kSelectSession[] =
    "SELECT id_hash, user_id, csrf_token, created_ms, last_seen_ms, mfa_verified, client_address"
    " FROM sessions WHERE id_hash = ?";
constexpr char kTouchSession[] = "UPDATE sessions SET last_seen_ms = ? WHERE id_hash = ?";
constexpr char kVerifySession[] = "UPDATE sessions SET mfa_verified = 1 WHERE id_hash = ?";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE id_hash = ?";
constexpr char kDeleteUserSessions[] = "DELETE FROM sessions WHERE user_id = ?";
constexpr char kInsertToken[] =
    "INSERT INTO api_tokens (id, user_id, name, token_hash, created_by, created_ms, expires_ms,"
    " revoked_ms, last_used_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)";
constexpr char kTokenColumns[] =
    "SELECT id, user_id, name, token_hash, created_by, created_ms, expires_ms, revoked_ms,"
    " last_used_ms FROM api_tokens";
constexpr char kRevokeToken[] =
    "UPDATE api_tokens SET revoked_ms = ? WHERE id = ? AND revoked_ms = 0";
constexpr char kTouchToken[] = "UPDATE api_tokens SET last_used_ms = ? WHERE id = ?";
constexpr char kDeleteCodes[] = "DELETE FROM recovery_codes WHERE user_id = ?";
constexpr char kInsertCode[] =
    "INSERT INTO recovery_codes (user_id, code_hash, used_ms) VALUES (?, ?, 0)";
constexpr char kUseCode[] =
    "UPDATE recovery_codes SET used_ms = ? WHERE user_id = ? AND code_hash = ? AND used_ms = 0";

TokenRecord ReadToken(const storage::Row& row) {
  TokenRecord token;
  token.id = row.Text(0);
  token.user_id = row.Text(1);
  token.name = row.Text(2);
  token.token_hash = row.Text(3);
  token.created_by = row.Text(4);
  token.created_ms = row.Int(5);
  token.expires_ms = row.Int(6);
  token.revoked_ms = row.Int(7);
  token.last_used_ms = row.Int(8);
  return token;
}

std::optional<TokenRecord> FindOneToken(storage::Session& session, const std::string& where,
                                        const std::string& value) {
  const auto rows = session.Query(std::string(kTokenColumns) + where, {value});
  if (rows.empty()) {
    return std::nullopt;
  }
  return ReadToken(rows[0]);
}

}  // namespace

void CredentialStore::InsertSession(storage::Session& session, const SessionRecord& record) {
  session.Execute(kInsertSession,
                  {record.id_hash, record.user_id, record.csrf_token, record.created_ms,
                   record.last_seen_ms, std::int64_t{record.mfa_verified ? 1 : 0},
                   record.client_address});
}

std::optional<SessionRecord> CredentialStore::FindSession(storage::Session& session,
                                                          const std::string& id_hash) {
  const auto rows = session.Query(kSelectSession, {id_hash});
  if (rows.empty()) {
    return std::nullopt;
  }
  SessionRecord record;
  record.id_hash = rows[0].Text(0);
  record.user_id = rows[0].Text(1);
  record.csrf_token = rows[0].Text(2);
  record.created_ms = rows[0].Int(3);
  record.last_seen_ms = rows[0].Int(4);
  record.mfa_verified = rows[0].Int(5) != 0;
  record.client_address = rows[0].Text(6);
  return record;
}

void CredentialStore::TouchSession(storage::Session& session, const std::string& id_hash,
                                   std::int64_t last_seen_ms) {
  session.Execute(kTouchSession, {last_seen_ms, id_hash});
}

void CredentialStore::MarkSessionVerified(storage::Session& session, const std::string& id_hash) {
  session.Execute(kVerifySession, {id_hash});
}

void CredentialStore::DeleteSession(storage::Session& session, const std::string& id_hash) {
  session.Execute(kDeleteSession, {id_hash});
}

void CredentialStore::DeleteUserSessions(storage::Session& session, const std::string& user_id) {
  session.Execute(kDeleteUserSessions, {user_id});
}

void CredentialStore::InsertToken(storage::Session& session, const TokenRecord& record) {
  session.Execute(kInsertToken, {record.id, record.user_id, record.name, record.token_hash,
                                 record.created_by, record.created_ms, record.expires_ms});
}

std::optional<TokenRecord> CredentialStore::FindTokenByHash(storage::Session& session,
                                                            const std::string& token_hash) {
  return FindOneToken(session, " WHERE token_hash = ?", token_hash);
}

std::optional<TokenRecord> CredentialStore::FindToken(storage::Session& session,
                                                      const std::string& id) {
  return FindOneToken(session, " WHERE id = ?", id);
}

std::vector<TokenRecord> CredentialStore::UserTokens(storage::Session& session,
                                                     const std::string& user_id) {
  const auto rows =
      session.Query(std::string(kTokenColumns) + " WHERE user_id = ? ORDER BY created_ms", {user_id});
  std::vector<TokenRecord> tokens;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    tokens.push_back(ReadToken(rows[i]));
  }
  return tokens;
}

void CredentialStore::RevokeToken(storage::Session& session, const std::string& id,
                                  std::int64_t now_ms) {
  session.Execute(kRevokeToken, {now_ms, id});
}

void CredentialStore::TouchToken(storage::Session& session, const std::string& id,
                                 std::int64_t now_ms) {
  session.Execute(kTouchToken, {now_ms, id});
}

void CredentialStore::ReplaceRecoveryCodes(storage::Session& session, const std::string& user_id,
                                           const std::vector<std::string>& code_hashes) {
  session.Execute(kDeleteCodes, {user_id});
  for (const auto& hash : code_hashes) {
    session.Execute(kInsertCode, {user_id, hash});
  }
}

bool CredentialStore::UseRecoveryCode(storage::Session& session, const std::string& user_id,
                                      const std::string& code_hash, std::int64_t now_ms) {
  return session.Execute(kUseCode, {now_ms, user_id, code_hash}) == 1;
}

}  // namespace mams::identity
