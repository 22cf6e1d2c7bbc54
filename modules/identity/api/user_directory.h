#pragma once

// What other modules may know about users: identity's public API. Other modules include
// this header, never identity's store.
#include <optional>
#include <string>
#include <vector>

namespace mams::storage {
class Session;
}

namespace mams::identity {

/// A user as other modules see one: who it is and which org it belongs to.
struct DirectoryUser {
  std::string id;
  std::string username;
  std::string display_name;
  std::string org_code;
  bool disabled = false;
};

/// The user with `user_id`, read in the caller's session (and so inside its transaction);
/// nullopt when there is none. Deleted users do not exist; disabled ones do.
std::optional<DirectoryUser> FindDirectoryUser(storage::Session& session,
                                               const std::string& user_id);

/// Enabled users of this node whose display name contains `text` (literally), by username, at
/// most `limit`: for pickers such as a message's recipient, which show names, not log-ins.
std::vector<DirectoryUser> SearchDirectoryUsers(storage::Session& session, const std::string& text,
                                                int limit);

}  // namespace mams::identity
