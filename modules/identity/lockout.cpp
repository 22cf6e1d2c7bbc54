#include "modules/identity/lockout.h"

namespace mams::identity {
namespace {

constexpr std::int64_t kMsPerMinute = 60000;

constexpr char kFind[] =
    "SELECT failed_attempts, locked_until_ms FROM login_failures WHERE username = ?";
constexpr char kForgetBefore[] =
    "DELETE FROM login_failures WHERE last_failed_ms < ? AND locked_until_ms < ?";

}  // namespace

bool CountFailure(FailureCount& count, std::int64_t now_ms, int attempts, int minutes) {
  count.failed_attempts += 1;
  if (count.failed_attempts < attempts) {
    return false;
  }
  count.failed_attempts = 0;
  count.locked_until_ms = now_ms + std::int64_t{minutes} * kMsPerMinute;
  return true;
}

ApiError LockedError(std::int64_t locked_until_ms, std::int64_t now_ms) {
  const int seconds = static_cast<int>((locked_until_ms - now_ms + 999) / 1000);
  return ApiError(ErrorKind::kTooManyRequests, "account_locked",
                  "too many failed attempts; try again in " + std::to_string((seconds + 59) / 60) +
                      " minutes")
      .With("minutes", std::to_string((seconds + 59) / 60))
      .WithRetryAfter(seconds);
}

FailureCount LoginFailureStore::Find(storage::Session& session, const std::string& username) {
  const auto rows = session.Query(kFind, {username});
  if (rows.empty()) {
    return {};
  }
  return {static_cast<int>(rows[0].Int(0)), rows[0].Int(1)};
}

void LoginFailureStore::Save(storage::Session& session, const std::string& username,
                             const FailureCount& count, std::int64_t now_ms) {
  // An upsert: two first failures of one name at once must not collide on the key.
  session.Execute(session.dialect().Upsert(
                      "login_failures",
                      {"username", "failed_attempts", "locked_until_ms", "last_failed_ms"},
                      {"username"}),
                  {username, std::int64_t{count.failed_attempts}, count.locked_until_ms, now_ms});
}

void LoginFailureStore::ForgetBefore(storage::Session& session, std::int64_t before_ms) {
  session.Execute(kForgetBefore, {before_ms, before_ms});
}

}  // namespace mams::identity
