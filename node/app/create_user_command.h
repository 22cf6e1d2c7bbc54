#pragma once

#include <string>
#include <vector>

namespace mams::app {

class NodeRuntime;

struct CliUser {
  std::string username;
  std::string display_name;
  std::string org;                 ///< empty: the node's org
  std::vector<std::string> roles;
  std::string password;
};

/// Creates a user from the command line (`mams-node --create-admin`, `--create-user`),
/// through the same checks as the API: password policy, known roles, separation of duties,
/// org inside the node's subtree; audited as done by "mams-node". Throws StartupError with
/// the reason. Returns the new user's id. `runtime` must be prepared.
std::string CreateUserFromCli(NodeRuntime& runtime, const CliUser& user);

}  // namespace mams::app
