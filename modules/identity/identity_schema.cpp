#include "modules/identity/identity_schema.h"

#include "modules/identity/role_catalog.h"
#include "node/common/ids.h"
#include "node/storage/migrations.h"
#include "node/storage/storage.h"

namespace mams::identity {
namespace {

// Users and roles carry the sync columns of the design so a later issue can choose to
// distribute roles downward without a schema change.
constexpr const char* kTables[] = {
    "CREATE TABLE IF NOT EXISTS roles ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, code VARCHAR(64) NOT NULL, name VARCHAR(128) NOT NULL,"
    " name_en VARCHAR(128) NOT NULL, own_customers_only INTEGER NOT NULL DEFAULT 0,"
    " requires_mfa INTEGER NOT NULL DEFAULT 0, builtin INTEGER NOT NULL DEFAULT 0,"
    " org_code VARCHAR(32) NOT NULL, owner_node VARCHAR(64) NOT NULL,"
    " version BIGINT NOT NULL DEFAULT 1, updated_at VARCHAR(32) NOT NULL,"
    " deleted INTEGER NOT NULL DEFAULT 0, CONSTRAINT uq_roles_code UNIQUE (code))",
    "CREATE TABLE IF NOT EXISTS role_permissions ("
    " role_id VARCHAR(36) NOT NULL, permission VARCHAR(64) NOT NULL,"
    " PRIMARY KEY (role_id, permission))",
    // Which declared permissions have had their default grants applied once.
    "CREATE TABLE IF NOT EXISTS permission_defaults_applied ("
    " permission VARCHAR(64) NOT NULL PRIMARY KEY, applied_at VARCHAR(32) NOT NULL)",
    "CREATE TABLE IF NOT EXISTS users ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, username VARCHAR(64) NOT NULL,"
    " display_name VARCHAR(128) NOT NULL, org_code VARCHAR(32) NOT NULL,"
    " phone VARCHAR(32) NOT NULL DEFAULT '', email VARCHAR(128) NOT NULL DEFAULT '',"
    " password_hash VARCHAR(255) NOT NULL, password_changed_at VARCHAR(32) NOT NULL,"
    " failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until_ms BIGINT NOT NULL DEFAULT 0,"
    " disabled INTEGER NOT NULL DEFAULT 0, totp_secret VARCHAR(64) NOT NULL DEFAULT '',"
    " totp_pending_secret VARCHAR(64) NOT NULL DEFAULT '',"
    " totp_last_step BIGINT NOT NULL DEFAULT 0, created_at VARCHAR(32) NOT NULL,"
    " owner_node VARCHAR(64) NOT NULL, version BIGINT NOT NULL DEFAULT 1,"
    " updated_at VARCHAR(32) NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,"
    " CONSTRAINT uq_users_username UNIQUE (username))",
    "CREATE INDEX idx_users_org ON users (org_code)",
    "CREATE TABLE IF NOT EXISTS user_roles ("
    " user_id VARCHAR(36) NOT NULL, role_id VARCHAR(36) NOT NULL, PRIMARY KEY (user_id, role_id))",
    "CREATE TABLE IF NOT EXISTS sessions ("
    " id_hash CHAR(64) NOT NULL PRIMARY KEY, user_id VARCHAR(36) NOT NULL,"
    " csrf_token VARCHAR(64) NOT NULL, created_ms BIGINT NOT NULL, last_seen_ms BIGINT NOT NULL,"
    " mfa_verified INTEGER NOT NULL DEFAULT 0, client_address VARCHAR(64) NOT NULL)",
    "CREATE INDEX idx_sessions_user ON sessions (user_id)",
    "CREATE TABLE IF NOT EXISTS api_tokens ("
    " id VARCHAR(36) NOT NULL PRIMARY KEY, user_id VARCHAR(36) NOT NULL,"
    " name VARCHAR(128) NOT NULL, token_hash CHAR(64) NOT NULL, created_by VARCHAR(36) NOT NULL,"
    " created_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL, revoked_ms BIGINT NOT NULL DEFAULT 0,"
    " last_used_ms BIGINT NOT NULL DEFAULT 0, CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash))",
    "CREATE INDEX idx_api_tokens_user ON api_tokens (user_id)",
    "CREATE TABLE IF NOT EXISTS recovery_codes ("
    " user_id VARCHAR(36) NOT NULL, code_hash CHAR(64) NOT NULL,"
    " used_ms BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (user_id, code_hash))",
};

// Failed log-ins of names without an enabled account (modules/identity/lockout.h).
constexpr const char* kLoginFailures[] = {
    "CREATE TABLE IF NOT EXISTS login_failures ("
    " username VARCHAR(64) NOT NULL PRIMARY KEY, failed_attempts INTEGER NOT NULL,"
    " locked_until_ms BIGINT NOT NULL, last_failed_ms BIGINT NOT NULL)",
    "CREATE INDEX idx_login_failures_last ON login_failures (last_failed_ms)",
};

constexpr char kInsertRole[] =
    "INSERT INTO roles (id, code, name, name_en, own_customers_only, requires_mfa, builtin,"
    " org_code, owner_node, version, updated_at, deleted)"
    " VALUES (?, ?, ?, ?, ?, ?, 1, 'CN', 'seed', 1, '1970-01-01T00:00:00.000Z', 0)";

}  // namespace

std::vector<storage::Migration> IdentityMigrations() {
  return {
      {1, "users, roles, sessions, API tokens, recovery codes",
       [](storage::Session& session) { storage::RunSchema(session, kTables); }},
      {2, "the seven shipped roles",
       [](storage::Session& session) {
         for (const BuiltinRole& role : BuiltinRoles()) {
           session.Execute(kInsertRole,
                           {StableRowId(std::string("role:") + role.code), std::string(role.code),
                            std::string(role.name), std::string(role.name_en),
                            std::int64_t{role.own_customers_only ? 1 : 0},
                            std::int64_t{role.requires_mfa ? 1 : 0}});
         }
       }},
      {3, "failed log-ins of names without an account",
       [](storage::Session& session) { storage::RunSchema(session, kLoginFailures); }},
  };
}

}  // namespace mams::identity
