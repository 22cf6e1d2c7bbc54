#include "tests/support/test_users.h"

#include <map>

#include "modules/identity/credential_store.h"
#include "modules/identity/identity_store.h"
#include "modules/identity/password_hasher.h"
#include "modules/identity/secrets.h"
#include "node/common/clock.h"
#include "node/common/ids.h"

namespace mams::testing {
namespace {

// Hashing at the production work factor takes a noticeable fraction of a second; every
// test user shares one hash of the same password.
const std::string& TestPasswordHash() {
  static const std::string hash =
      identity::HashPassword(kTestPassword, identity::kMinPasswordIterations);
  return hash;
}

}  // namespace

TestUser AddTestUser(storage::Storage& storage, const std::string& username, const std::string& org,
                     const std::vector<std::string>& roles, std::int64_t now_ms) {
  identity::UserRecord user;
  user.id = NewRowId();
  user.username = username;
  user.display_name = "测试 " + username;
  user.org_code = org;
  user.phone = "13812345678";
  user.email = username + "@example.cn";
  user.password_hash = TestPasswordHash();
  user.password_changed_at = FormatIsoUtc(now_ms);
  user.roles = roles;
  identity::TokenRecord token;
  const std::string secret = "mams_test_" + identity::RandomToken(24);
  token.id = NewRowId();
  token.user_id = user.id;
  token.name = "test";
  token.token_hash = identity::HashToken(secret);
  token.created_by = user.id;
  token.created_ms = now_ms;
  token.expires_ms = now_ms + 366LL * 86400000;
  auto session = storage.Open();
  storage::Transaction transaction(*session);
  identity::IdentityStore::InsertUser(*session, user, "test", FormatIsoUtc(now_ms));
  identity::CredentialStore::InsertToken(*session, token);
  transaction.Commit();
  return {user.id, username, org, secret, token.id};
}

std::map<std::string, std::string> BearerHeader(const TestUser& user) {
  return {{"Authorization", "Bearer " + user.token}};
}

}  // namespace mams::testing
