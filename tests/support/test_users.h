#pragma once

// Users for tests, written straight into a node's database (with the real stores), each
// with an API token so requests need no log-in round trip.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "node/storage/storage.h"

namespace mams::testing {

/// The password every test user gets; passes the policy.
inline constexpr char kTestPassword[] = "Lantern-Orchid-Stream-42";

struct TestUser {
  std::string id;
  std::string username;
  std::string org;
  std::string token;  ///< "Bearer <token>" value without the prefix
  std::string token_id;
};

/// Creates `username` at `org` with `roles` and an API token valid for a year from
/// `now_ms`. The node must have started (migrations applied).
TestUser AddTestUser(storage::Storage& storage, const std::string& username, const std::string& org,
                     const std::vector<std::string>& roles, std::int64_t now_ms);

/// {"Authorization": "Bearer ..."} for HttpCall.
std::map<std::string, std::string> BearerHeader(const TestUser& user);

}  // namespace mams::testing
