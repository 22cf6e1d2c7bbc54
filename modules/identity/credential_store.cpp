#include "modules/identity/credential_store.h"

#include "modules/identity/credential_entities.h"
#include "node/entity/entity_query.h"

namespace mams::identity {
namespace {

constexpr char kTouchSession[] = "UPDATE sessions SET last_seen_ms = ? WHERE id_hash = ?";
constexpr char kVerifySession[] = "UPDATE sessions SET mfa_verified = 1 WHERE id_hash = ?";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE id_hash = ?";
constexpr char kDeleteUserSessions[] = "DELETE FROM sessions WHERE user_id = ?";
// What issuing a token writes; it is neither revoked nor used yet (the columns' defaults).
const std::vector<std::string>& IssuedTokenColumns() {
  static const std::vector<std::string> columns = {
      "id", "user_id", "name", "token_hash", "created_by", "created_ms", "expires_ms"};
  return columns;
}
constexpr char kRevokeToken[] =
    "UPDATE api_tokens SET revoked_ms = ? WHERE id = ? AND revoked_ms = 0";
constexpr char kTouchToken[] = "UPDATE api_tokens SET last_used_ms = ? WHERE id = ?";
constexpr char kDeleteCodes[] = "DELETE FROM recovery_codes WHERE user_id = ?";
constexpr char kInsertCode[] =
    "INSERT INTO recovery_codes (user_id, code_hash, used_ms) VALUES (?, ?, 0)";
constexpr char kUseCode[] =
    "UPDATE recovery_codes SET used_ms = ? WHERE user_id = ? AND code_hash = ? AND used_ms = 0";

std::optional<TokenRecord> FindOneToken(storage::Session& session, const std::string& where,
                                        const std::string& value) {
  return entity::ReadFirst(session, TokenEntity(), TokenEntity().SelectSql() + where, {value});
}

}  // namespace

void CredentialStore::InsertSession(storage::Session& session, const SessionRecord& record) {
  const auto& sessions = SessionEntity();
  session.Execute(sessions.shape().InsertSql(sessions.shape().Columns()),
                  sessions.Values(record, sessions.shape().Columns()));
}

std::optional<SessionRecord> CredentialStore::FindSession(storage::Session& session,
                                                          const std::string& id_hash) {
  return entity::ReadFirst(session, SessionEntity(),
                           SessionEntity().SelectSql() + " WHERE id_hash = ?", {id_hash});
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
  session.Execute(TokenEntity().shape().InsertSql(IssuedTokenColumns()),
                  TokenEntity().Values(record, IssuedTokenColumns()));
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
  return entity::ReadAll(session, TokenEntity(),
                         TokenEntity().SelectSql() + " WHERE user_id = ? ORDER BY created_ms",
                         {user_id});
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
