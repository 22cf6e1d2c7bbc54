#pragma once

#include <cstdint>
#include <string>

#include "node/common/errors.h"
#include "node/storage/storage.h"

namespace mams::identity {

/// Failed attempts and the lock they lead to, for an account or for a name without one.
/// The same rule and the same answer for both, so that a lock says nothing about whether a
/// user name exists.
struct FailureCount {
  int failed_attempts = 0;
  std::int64_t locked_until_ms = 0;
};

/// Counts one failure at `now_ms`; the one that reaches `attempts` locks for `minutes` and
/// starts the count again. Returns true when this failure locked.
bool CountFailure(FailureCount& count, std::int64_t now_ms, int attempts, int minutes);

/// 429 `account_locked` with Retry-After: the seconds until `locked_until_ms`.
ApiError LockedError(std::int64_t locked_until_ms, std::int64_t now_ms);

/// Failed log-ins of names with no enabled account (unknown or disabled), in table
/// `login_failures`, one row per name. Callers own the transaction.
class LoginFailureStore {
 public:
  /// The name's count; zero when it has none.
  static FailureCount Find(storage::Session& session, const std::string& username);
  static void Save(storage::Session& session, const std::string& username,
                   const FailureCount& count, std::int64_t now_ms);
  /// Drops the names whose last failure is before `before_ms` and that are not locked.
  static void ForgetBefore(storage::Session& session, std::int64_t before_ms);
};

}  // namespace mams::identity
