// Identity end to end on both backends, with a clock the test moves: log-in, CSRF, lockout,
// idle and absolute timeouts, API token revocation, masking, TOTP, separation of duties,
// data scope, and the audit chain's verification after tampering in the database.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <sstream>

#include "modules/identity/password_hasher.h"
#include "modules/identity/totp.h"
#include "node/app/module_list.h"
#include "node/app/node_runtime.h"
#include "node/common/clock.h"
#include "tests/support/group_node_fixture.h"
#include "tests/support/http_client.h"
#include "tests/support/test_users.h"

namespace mams {
namespace {

using testing::HttpCall;
using testing::HttpResult;
using Headers = std::map<std::string, std::string>;

constexpr std::int64_t kMinute = 60000;

Poco::JSON::Object::Ptr Json(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

std::string ErrorCode(const HttpResult& result) {
  return Json(result.body)->getObject("error")->getValue<std::string>("code");
}

struct Login {
  int status = 0;
  std::string cookie;  ///< "mams_session=..."
  std::string csrf;
  bool mfa_required = false;
  std::string set_cookie;
  std::string body;
};

class IdentityTest : public testing::GroupNodeTest {
 protected:
  void SetUpBackend() override {
    clock_ = std::make_shared<ManualClock>(SystemClock().NowMs());
    StartNode(NodeConfig(), app::AllModules(), clock_);
    port_ = runtime_->http_port();
    manager_ = AddUser("gz-manager", "440100", {"account_manager"});
    sysadmin_ = AddUser("sysadmin", "CN", {"system_admin"});
    auditor_ = AddUser("auditor", "CN", {"security_auditor"});
    hq_admin_ = AddUser("hq-admin", "CN", {"group_admin"});
  }

  Login LogIn(const std::string& username, const std::string& password = testing::kTestPassword) {
    const HttpResult result =
        HttpCall(port_, "POST", "/api/v1/auth/login",
                 "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    Login login;
    login.status = result.status;
    login.body = result.body;
    if (result.status == 200) {
      login.set_cookie = result.Header("Set-Cookie");
      login.cookie = login.set_cookie.substr(0, login.set_cookie.find(';'));
      login.csrf = Json(result.body)->getValue<std::string>("csrfToken");
      login.mfa_required = Json(result.body)->getValue<bool>("mfaRequired");
    }
    return login;
  }

  HttpResult AsSession(const Login& login, const std::string& method, const std::string& target,
                       const std::string& body = "", bool with_csrf = true) {
    Headers headers{{"Cookie", login.cookie}};
    if (with_csrf) {
      headers["X-CSRF-Token"] = login.csrf;
    }
    return HttpCall(port_, method, target, body, headers);
  }

  HttpResult AsToken(const testing::TestUser& user, const std::string& method,
                     const std::string& target, const std::string& body = "") {
    return HttpCall(port_, method, target, body, testing::BearerHeader(user));
  }

  std::int64_t AuditCount(const std::string& action) {
    return runtime_->storage().Open()->Query("SELECT COUNT(*) FROM audit_log WHERE action = ?",
                                             {action}).ScalarInt();
  }

  std::shared_ptr<ManualClock> clock_;
  std::uint16_t port_ = 0;
  testing::TestUser manager_, sysadmin_, auditor_, hq_admin_;
};

TEST_P(IdentityTest, LoginSetsAHardenedCookieAndCsrfGuardsWrites) {
  const Login login = LogIn("gz-manager");
  ASSERT_EQ(200, login.status) << login.body;
  EXPECT_NE(std::string::npos, login.set_cookie.find("HttpOnly"));
  EXPECT_NE(std::string::npos, login.set_cookie.find("SameSite=Strict"));
  EXPECT_EQ(std::string::npos, login.set_cookie.find("Secure"));  // plain HTTP in this test
  const auto me = AsSession(login, "GET", "/api/v1/auth/me", "", false);
  ASSERT_EQ(200, me.status);
  EXPECT_EQ("440100", Json(me.body)->getValue<std::string>("org"));

  const auto no_csrf = AsSession(login, "POST", "/api/v1/auth/logout", "", false);
  EXPECT_EQ(403, no_csrf.status);
  EXPECT_EQ("csrf_failed", ErrorCode(no_csrf));
  Login forged = login;
  forged.csrf = "forged";
  EXPECT_EQ(403, AsSession(forged, "POST", "/api/v1/auth/logout").status);
  EXPECT_EQ(200, AsSession(login, "POST", "/api/v1/auth/logout").status);
  const auto after = AsSession(login, "GET", "/api/v1/auth/me");
  EXPECT_EQ(401, after.status);
  EXPECT_GE(AuditCount("auth.login"), 1);
  EXPECT_EQ(1, AuditCount("auth.logout"));
  EXPECT_GE(AuditCount("request.denied"), 2);  // the two CSRF refusals
}

TEST_P(IdentityTest, WrongPasswordsLockTheAccountForFifteenMinutes) {
  for (int attempt = 1; attempt <= 4; ++attempt) {
    const Login login = LogIn("gz-manager", "Wrong-Password-" + std::to_string(attempt));
    EXPECT_EQ(401, login.status);
    EXPECT_EQ("invalid_credentials", Json(login.body)->getObject("error")->getValue<std::string>("code"));
  }
  const Login fifth = LogIn("gz-manager", "Wrong-Password-5");
  EXPECT_EQ(429, fifth.status) << fifth.body;
  const Login correct_but_locked = LogIn("gz-manager");
  EXPECT_EQ(429, correct_but_locked.status);
  EXPECT_EQ(1, AuditCount("auth.lockout"));
  clock_->Advance(14 * kMinute);
  EXPECT_EQ(429, LogIn("gz-manager").status);
  clock_->Advance(2 * kMinute);
  EXPECT_EQ(200, LogIn("gz-manager").status);
  // Unknown users get the same answer as wrong passwords, and are audited.
  const Login unknown = LogIn("nobody-here");
  EXPECT_EQ(401, unknown.status);
  EXPECT_EQ(std::string::npos, unknown.body.find("nobody"));
}

// What a log-in answer shows a caller, without what differs on every request (the request id
// is a counter, so the length of the body that carries it varies too).
std::string Observable(const HttpResult& result) {
  auto body = Json(result.body);
  body->getObject("error")->remove("requestId");
  std::ostringstream out;
  out << result.status << ' ';
  body->stringify(out);
  for (const auto& [name, value] : result.headers) {
    if (name != "Date" && name != "X-Request-Id" && name != "Content-Length") {
      out << '\n' << name << ": " << value;
    }
  }
  return out.str();
}

TEST_P(IdentityTest, UnknownNamesLockExactlyLikeKnownOnes) {
  AddUser("gone-user", "440100", {"account_manager"});
  runtime_->storage().Open()->Execute("UPDATE users SET disabled = 1 WHERE username = ?",
                                      {std::string("gone-user")});
  std::vector<std::string> known, unknown, disabled;
  for (int attempt = 1; attempt <= 7; ++attempt) {
    const std::string password = "Wrong-Password-" + std::to_string(attempt);
    known.push_back(Observable(HttpCall(port_, "POST", "/api/v1/auth/login",
        "{\"username\":\"gz-manager\",\"password\":\"" + password + "\"}")));
    unknown.push_back(Observable(HttpCall(port_, "POST", "/api/v1/auth/login",
        "{\"username\":\"nobody-here\",\"password\":\"" + password + "\"}")));
    disabled.push_back(Observable(HttpCall(port_, "POST", "/api/v1/auth/login",
        "{\"username\":\"gone-user\",\"password\":\"" + password + "\"}")));
  }
  EXPECT_EQ(known, unknown);
  EXPECT_EQ(known, disabled);
  EXPECT_EQ(0u, known[3].rfind("401 ", 0)) << known[3];
  EXPECT_EQ(0u, known[4].rfind("429 ", 0)) << known[4];
  EXPECT_EQ(0u, known[6].rfind("429 ", 0)) << known[6];
  EXPECT_EQ(3, AuditCount("auth.lockout"));  // every name's lock is audited
  // The locks end alike too.
  clock_->Advance(16 * kMinute);
  EXPECT_EQ(401, LogIn("nobody-here").status);
  EXPECT_EQ(200, LogIn("gz-manager").status);
}

TEST_P(IdentityTest, ALockKeepsTheSessionsTheUserAlreadyHas) {
  const Login login = LogIn("gz-manager");
  ASSERT_EQ(200, login.status) << login.body;
  for (int attempt = 1; attempt <= 5; ++attempt) {
    LogIn("gz-manager", "Wrong-Password-" + std::to_string(attempt));
  }
  ASSERT_EQ(429, LogIn("gz-manager").status);
  EXPECT_EQ(1, AuditCount("auth.lockout"));
  const auto me = AsSession(login, "GET", "/api/v1/auth/me");
  EXPECT_EQ(200, me.status) << me.body;
  EXPECT_EQ(200, AsSession(login, "GET", "/api/v1/customers").status);
  // Guessing the password through the session is refused while locked.
  const auto change = AsSession(login, "POST", "/api/v1/auth/password",
                                "{\"currentPassword\":\"Wrong-Password-6\","
                                "\"newPassword\":\"Another-Long-Passphrase-42\"}");
  EXPECT_EQ(429, change.status) << change.body;
}

TEST_P(IdentityTest, ALockedAnswerTakesAsLongAsAWrongPassword) {
  constexpr int kSamples = 5;
  const auto time_log_in = [&](const std::string& username, int expected_status) {
    const auto start = std::chrono::steady_clock::now();
    const Login login = LogIn(username, "Wrong-Password-x");
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(expected_status, login.status) << login.body;
    return std::chrono::duration<double, std::milli>(elapsed).count();
  };
  const auto median = [](std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
  };
  std::vector<double> failed, locked, unknown_locked;
  for (int i = 0; i < kSamples; ++i) {
    failed.push_back(time_log_in("gz-manager", i + 1 < kSamples ? 401 : 429));
    time_log_in("nobody-here", i + 1 < kSamples ? 401 : 429);
  }
  for (int i = 0; i < kSamples; ++i) {
    locked.push_back(time_log_in("gz-manager", 429));
    unknown_locked.push_back(time_log_in("nobody-here", 429));
  }
  // Generous bounds: a skipped hash is ~50 times faster; load on the machine is not.
  constexpr double kFactor = 4;
  RecordProperty("wrong_password_median_ms", std::to_string(median(failed)));
  RecordProperty("locked_median_ms", std::to_string(median(locked)));
  RecordProperty("unknown_locked_median_ms", std::to_string(median(unknown_locked)));
  for (const auto& [name, sample] :
       {std::pair{"locked", locked}, std::pair{"unknown locked", unknown_locked}}) {
    EXPECT_GT(median(sample) * kFactor, median(failed))
        << name << " " << median(sample) << " ms, a wrong password " << median(failed) << " ms";
    EXPECT_LT(median(sample), median(failed) * kFactor)
        << name << " " << median(sample) << " ms, a wrong password " << median(failed) << " ms";
  }
}

TEST_P(IdentityTest, SessionsExpireWhenIdleAndAfterTwelveHours) {
  const Login login = LogIn("gz-manager");
  clock_->Advance(29 * kMinute);
  EXPECT_EQ(200, AsSession(login, "GET", "/api/v1/auth/me").status);
  clock_->Advance(31 * kMinute);
  const auto idle = AsSession(login, "GET", "/api/v1/auth/me");
  EXPECT_EQ(401, idle.status);
  EXPECT_EQ("session_expired", ErrorCode(idle));

  const Login busy = LogIn("gz-manager");
  for (int i = 0; i < 36; ++i) {  // active every 20 minutes for 12 hours
    clock_->Advance(20 * kMinute);
    ASSERT_EQ(200, AsSession(busy, "GET", "/api/v1/auth/me").status) << "after " << (i + 1) * 20 << " min";
  }
  clock_->Advance(20 * kMinute);
  EXPECT_EQ(401, AsSession(busy, "GET", "/api/v1/auth/me").status);
}

TEST_P(IdentityTest, RequestsTheConsoleMakesByItselfDoNotKeepASessionAlive) {
  const Login login = LogIn("gz-manager");
  const Headers background{{"Cookie", login.cookie}, {"X-MAMS-Background", "1"}};
  for (int i = 0; i < 3; ++i) {  // the bell's poll, every 10 minutes: answered, not activity
    clock_->Advance(10 * kMinute);
    ASSERT_EQ(200, HttpCall(port_, "GET", "/api/v1/messages/unread-count", "", background).status);
  }
  clock_->Advance(1 * kMinute);
  EXPECT_EQ(401, HttpCall(port_, "GET", "/api/v1/messages/unread-count", "", background).status);
  EXPECT_EQ(401, AsSession(login, "GET", "/api/v1/auth/me").status);
}

TEST_P(IdentityTest, ApiTokensWorkUntilRevokedOrExpired) {
  const auto issued = AsToken(sysadmin_, "POST", "/api/v1/users/" + manager_.id + "/tokens",
                              "{\"name\":\"crm-export\",\"expiresInDays\":30}");
  ASSERT_EQ(201, issued.status) << issued.body;
  const std::string secret = Json(issued.body)->getValue<std::string>("token");
  const std::string id = Json(issued.body)->getValue<std::string>("id");
  const Headers bearer{{"Authorization", "Bearer " + secret}};
  EXPECT_EQ(200, HttpCall(port_, "GET", "/api/v1/orgs/440100", "", bearer).status);
  // Listing never shows the secret.
  const auto listed = AsToken(sysadmin_, "GET", "/api/v1/users/" + manager_.id + "/tokens");
  EXPECT_EQ(std::string::npos, listed.body.find(secret));
  EXPECT_EQ(200, AsToken(sysadmin_, "DELETE", "/api/v1/tokens/" + id).status);
  const auto revoked = HttpCall(port_, "GET", "/api/v1/orgs/440100", "", bearer);
  EXPECT_EQ(401, revoked.status);
  EXPECT_EQ("token_revoked", ErrorCode(revoked));

  const auto short_lived = AsToken(sysadmin_, "POST", "/api/v1/users/" + manager_.id + "/tokens",
                                   "{\"name\":\"one-day\",\"expiresInDays\":1}");
  const Headers day{{"Authorization", "Bearer " + Json(short_lived.body)->getValue<std::string>("token")}};
  EXPECT_EQ(200, HttpCall(port_, "GET", "/api/v1/auth/me", "", day).status);
  clock_->Advance(24 * 60 * kMinute + 1);
  EXPECT_EQ("token_expired", ErrorCode(HttpCall(port_, "GET", "/api/v1/auth/me", "", day)));
  EXPECT_EQ(401, HttpCall(port_, "GET", "/api/v1/auth/me", "", {{"Authorization", "Bearer forged"}}).status);
}

TEST_P(IdentityTest, PersonalDataIsMaskedWithoutPiiViewAndUnmaskedReadsAreAudited) {
  const auto masked = AsToken(sysadmin_, "GET", "/api/v1/users/" + manager_.id);
  ASSERT_EQ(200, masked.status);
  EXPECT_EQ("138****5678", Json(masked.body)->getValue<std::string>("phone"));
  EXPECT_EQ("g*********@example.cn", Json(masked.body)->getValue<std::string>("email"));
  EXPECT_EQ(0, AuditCount("pii.read"));
  const auto clear = AsToken(hq_admin_, "GET", "/api/v1/users/" + manager_.id);
  ASSERT_EQ(200, clear.status);
  EXPECT_EQ("13812345678", Json(clear.body)->getValue<std::string>("phone"));
  EXPECT_EQ(1, AuditCount("pii.read"));
  AsToken(hq_admin_, "GET", "/api/v1/users");
  EXPECT_EQ(2, AuditCount("pii.read"));
}

TEST_P(IdentityTest, AdministratorsNeedASecondFactor) {
  const Login login = LogIn("sysadmin");
  ASSERT_EQ(200, login.status);
  EXPECT_TRUE(login.mfa_required);
  const auto blocked = AsSession(login, "GET", "/api/v1/users");
  EXPECT_EQ(403, blocked.status);
  EXPECT_EQ("mfa_required", ErrorCode(blocked));

  const auto enrol = AsSession(login, "POST", "/api/v1/auth/totp/enroll");
  ASSERT_EQ(200, enrol.status) << enrol.body;
  const std::string secret = Json(enrol.body)->getValue<std::string>("secret");
  EXPECT_EQ(0u, Json(enrol.body)->getValue<std::string>("otpauthUri").find("otpauth://totp/"));
  EXPECT_EQ(422, AsSession(login, "POST", "/api/v1/auth/totp/activate", "{\"code\":\"000000\"}").status);
  const std::string code = identity::TotpCode(secret, clock_->NowSeconds());
  const auto activated =
      AsSession(login, "POST", "/api/v1/auth/totp/activate", "{\"code\":\"" + code + "\"}");
  ASSERT_EQ(200, activated.status) << activated.body;
  const auto recovery = Json(activated.body)->getArray("recoveryCodes");
  ASSERT_EQ(10u, recovery->size());
  EXPECT_EQ(200, AsSession(login, "GET", "/api/v1/users").status);

  // Next log-in: the same code cannot be replayed; a fresh one or a recovery code works once.
  const Login again = LogIn("sysadmin");
  EXPECT_EQ(403, AsSession(again, "GET", "/api/v1/users").status);
  EXPECT_EQ(401, AsSession(again, "POST", "/api/v1/auth/totp/verify", "{\"code\":\"" + code + "\"}").status);
  clock_->Advance(30000);
  const std::string next = identity::TotpCode(secret, clock_->NowSeconds());
  EXPECT_EQ(200, AsSession(again, "POST", "/api/v1/auth/totp/verify", "{\"code\":\"" + next + "\"}").status);
  EXPECT_EQ(200, AsSession(again, "GET", "/api/v1/users").status);

  const std::string rescue = recovery->getElement<std::string>(0);
  const Login third = LogIn("sysadmin");
  EXPECT_EQ(200, AsSession(third, "POST", "/api/v1/auth/totp/verify",
                           "{\"recoveryCode\":\"" + rescue + "\"}").status);
  const Login fourth = LogIn("sysadmin");
  EXPECT_EQ(401, AsSession(fourth, "POST", "/api/v1/auth/totp/verify",
                           "{\"recoveryCode\":\"" + rescue + "\"}").status);
}

TEST_P(IdentityTest, SeparationOfDutiesBetweenAdministratorAndAuditor) {
  EXPECT_EQ(403, AsToken(sysadmin_, "GET", "/api/v1/audit").status);
  const auto trail = AsToken(auditor_, "GET", "/api/v1/audit");
  EXPECT_EQ(200, trail.status);
  // The refusal is in the trail with the caller's address as the request handler wrote it.
  EXPECT_NE(std::string::npos, trail.body.find("\"clientAddress\":\"127.0.0.1\""))
      << trail.body.substr(0, 400);
  EXPECT_EQ(403, AsToken(auditor_, "POST", "/api/v1/users", "{}").status);
  EXPECT_EQ(403, AsToken(auditor_, "PATCH", "/api/v1/users/" + manager_.id, "{\"disabled\":true}").status);
  const auto both = AsToken(sysadmin_, "PATCH", "/api/v1/users/" + manager_.id,
                            "{\"roles\":[\"system_admin\",\"security_auditor\"]}");
  EXPECT_EQ(422, both.status);
  EXPECT_EQ("separation_of_duties", ErrorCode(both));
  const auto role = AsToken(sysadmin_, "PATCH", "/api/v1/roles/system_admin",
                            "{\"permissions\":[\"users:admin\",\"audit:read\"]}");
  EXPECT_EQ(422, role.status);
  const auto self = AsToken(sysadmin_, "PATCH", "/api/v1/users/" + sysadmin_.id,
                            "{\"roles\":[\"group_admin\"]}");
  EXPECT_EQ(403, self.status);
}

TEST_P(IdentityTest, AdministratorsManageUsersOnlyInsideTheirScope) {
  const auto gd_admin = AddUser("gd-sysadmin", "440000", {"system_admin"});
  const auto beijing = AddUser("bj-manager", "110000", {"account_manager"});
  EXPECT_EQ(404, AsToken(gd_admin, "GET", "/api/v1/users/" + beijing.id).status);
  EXPECT_EQ(404, AsToken(gd_admin, "PATCH", "/api/v1/users/" + beijing.id, "{\"disabled\":true}").status);
  EXPECT_EQ(200, AsToken(gd_admin, "GET", "/api/v1/users/" + manager_.id).status);
  const auto listed = Json(AsToken(gd_admin, "GET", "/api/v1/users?limit=100").body);
  for (std::size_t i = 0; i < listed->getArray("items")->size(); ++i) {
    const std::string org = listed->getArray("items")->getObject(static_cast<unsigned>(i))->getValue<std::string>("org");
    EXPECT_EQ("44", org.substr(0, 2)) << org;
  }
  const std::string create =
      "{\"username\":\"new-bj\",\"displayName\":\"北京新人\",\"org\":\"110000\",\"password\":\"" +
      std::string(testing::kTestPassword) + "\",\"roles\":[\"account_manager\"]}";
  const auto outside = AsToken(gd_admin, "POST", "/api/v1/users", create);
  EXPECT_EQ(422, outside.status);
  EXPECT_EQ("org", Json(outside.body)->getObject("error")->getValue<std::string>("field"));
  // A local network's staff cannot see another local network's org.
  EXPECT_EQ(404, AsToken(manager_, "GET", "/api/v1/orgs/440300").status);
  EXPECT_EQ(200, AsToken(manager_, "GET", "/api/v1/orgs/440100").status);
  EXPECT_GE(AuditCount("request.not_found"), 3);
}

TEST_P(IdentityTest, CreatedUsersFollowThePasswordPolicyAndCanLogIn) {
  auto body = [](const std::string& password) {
    return "{\"username\":\"li.na\",\"displayName\":\"李娜\",\"org\":\"440100\",\"password\":\"" +
           password + "\",\"roles\":[\"local_staff\"],\"phone\":\"13900001111\"}";
  };
  for (const std::string weak : {"short", "li.na-password-1", "ChinaTelecom2024!", "123456789012"}) {
    const auto refused = AsToken(sysadmin_, "POST", "/api/v1/users", body(weak));
    EXPECT_EQ(422, refused.status) << weak;
    EXPECT_EQ("password", Json(refused.body)->getObject("error")->getValue<std::string>("field"));
  }
  const auto created = AsToken(sysadmin_, "POST", "/api/v1/users", body("Teal-Harbour-Lantern-9"));
  ASSERT_EQ(201, created.status) << created.body;
  EXPECT_EQ(409, AsToken(sysadmin_, "POST", "/api/v1/users", body("Teal-Harbour-Lantern-9")).status);
  EXPECT_EQ(200, LogIn("li.na", "Teal-Harbour-Lantern-9").status);
  const auto stale = HttpCall(port_, "PATCH", "/api/v1/users/" + Json(created.body)->getValue<std::string>("id"),
                              "{\"displayName\":\"李娜娜\"}",
                              {{"Authorization", "Bearer " + sysadmin_.token}, {"If-Match", "\"999\""}});
  EXPECT_EQ(409, stale.status);
  EXPECT_EQ(1, AuditCount("user.create"));
}

TEST_P(IdentityTest, OlderPasswordHashesAreUpgradedAtLogin) {
  runtime_->storage().Open()->Execute("UPDATE users SET password_hash = ? WHERE id = ?",
                                      {identity::HashPassword(testing::kTestPassword, 1000), manager_.id});
  ASSERT_EQ(200, LogIn("gz-manager").status);
  const std::string stored = runtime_->storage().Open()->Query(
      "SELECT password_hash FROM users WHERE id = ?", {manager_.id})[0].Text(0);
  EXPECT_EQ(0u, stored.find("pbkdf2-sha256$600000$"));
}

TEST_P(IdentityTest, AuditChainNamesTheFirstTamperedEntry) {
  LogIn("gz-manager");
  LogIn("gz-manager", "Not-The-Password-1");
  AsToken(sysadmin_, "PATCH", "/api/v1/users/" + manager_.id, "{\"displayName\":\"王经理\"}");
  auto verify = [this] { return Json(AsToken(auditor_, "GET", "/api/v1/audit/verify").body); };
  const auto intact = verify();
  EXPECT_TRUE(intact->getValue<bool>("intact"));
  const int checked = intact->getValue<int>("checked");
  EXPECT_GE(checked, 3);

  auto session = runtime_->storage().Open();
  session->Execute("UPDATE audit_log SET detail = ? WHERE seq = ?", {std::string("edited"), std::int64_t{2}});
  const auto altered = verify();
  EXPECT_FALSE(altered->getValue<bool>("intact"));
  EXPECT_EQ(2, altered->getValue<int>("firstBrokenSeq"));
  EXPECT_NE(std::string::npos, altered->getValue<std::string>("reason").find("altered"));

  session->Execute("DELETE FROM audit_log WHERE seq = ?", {std::int64_t{2}});
  const auto removed = verify();
  EXPECT_EQ(2, removed->getValue<int>("firstBrokenSeq"));
  EXPECT_NE(std::string::npos, removed->getValue<std::string>("reason").find("missing"));

  // The API offers no way to change or remove entries, and trying is itself audited.
  for (const std::string method : {"PUT", "PATCH", "DELETE"}) {
    EXPECT_EQ(405, AsToken(auditor_, method, "/api/v1/audit").status) << method;
  }
  EXPECT_EQ(404, AsToken(auditor_, "DELETE", "/api/v1/audit/1").status);
  EXPECT_EQ(3, AuditCount("request.method_not_allowed"));
}

TEST_P(IdentityTest, AuditorsQueryTheLogWithFilters) {
  LogIn("gz-manager", "Not-The-Password-1");
  const auto page = AsToken(auditor_, "GET", "/api/v1/audit?action=auth.login&outcome=failure&limit=5");
  ASSERT_EQ(200, page.status) << page.body;
  const auto body = Json(page.body);
  ASSERT_EQ(1, body->getValue<int>("total"));
  const auto entry = body->getArray("items")->getObject(0);
  EXPECT_EQ("gz-manager", entry->getValue<std::string>("username"));
  EXPECT_EQ("wrong password", entry->getValue<std::string>("detail"));
  EXPECT_EQ(400, AsToken(auditor_, "GET", "/api/v1/audit?sort=username").status);
}

TEST_P(IdentityTest, UserSearchTakesPercentAndUnderscoreLiterally) {
  const auto underscore = AddUser("gz_search", "440100", {"account_manager"});
  AddUser("gzxsearch", "440100", {"account_manager"});
  const auto found = Json(AsToken(sysadmin_, "GET", "/api/v1/users?q=gz_sea").body);
  ASSERT_EQ(1, found->getValue<int>("total"));
  EXPECT_EQ(underscore.id, found->getArray("items")->getObject(0)->getValue<std::string>("id"));
  EXPECT_EQ(
      0,
      Json(AsToken(sysadmin_, "GET", "/api/v1/users?q=gz%25search").body)->getValue<int>("total"));
}

MAMS_TEST_ON_BOTH_BACKENDS(IdentityTest);

}  // namespace
}  // namespace mams
