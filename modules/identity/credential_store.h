#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "node/storage/storage.h"

namespace mams::identity {

struct SessionRecord {
  std::string id_hash;       ///< SHA-256 of the cookie value; the value itself is never stored
  std::string user_id;
  std::string csrf_token;
  std::int64_t created_ms = 0;
  std::int64_t last_seen_ms = 0;
  bool mfa_verified = false;
  std::string client_address;
};

struct TokenRecord {
  std::string id;
  std::string user_id;
  std::string name;
  std::string token_hash;
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
  std::int64_t revoked_ms = 0;   ///< 0 while valid
  std::int64_t last_used_ms = 0;
};

/// All SQL of sessions, API tokens and recovery codes. Callers own the transaction.
class CredentialStore {
 public:
  static void InsertSession(storage::Session& session, const SessionRecord& record);
  static std::optional<SessionRecord> FindSession(storage::Session& session,
                                                  const std::string& id_hash);
  static void TouchSession(storage::Session& session, const std::string& id_hash,
                           std::int64_t last_seen_ms);
  static void MarkSessionVerified(storage::Session& session, const std::string& id_hash);
  static void DeleteSession(storage::Session& session, const std::string& id_hash);
  /// Ends every session of a user (password reset, disabling, role change).
  static void DeleteUserSessions(storage::Session& session, const std::string& user_id);

  static void InsertToken(storage::Session& session, const TokenRecord& record);
  static std::optional<TokenRecord> FindTokenByHash(storage::Session& session,
                                                    const std::string& token_hash);
  static std::optional<TokenRecord> FindToken(storage::Session& session, const std::string& id);
  static std::vector<TokenRecord> UserTokens(storage::Session& session,
                                             const std::string& user_id);
  static void RevokeToken(storage::Session& session, const std::string& id, std::int64_t now_ms);
  static void TouchToken(storage::Session& session, const std::string& id, std::int64_t now_ms);

  static void ReplaceRecoveryCodes(storage::Session& session, const std::string& user_id,
                                   const std::vector<std::string>& code_hashes);
  /// Marks an unused code as used; false when there is no such unused code.
  static bool UseRecoveryCode(storage::Session& session, const std::string& user_id,
                              const std::string& code_hash, std::int64_t now_ms);
};

}  // namespace mams::identity
