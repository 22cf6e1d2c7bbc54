#include "modules/identity/api/user_directory.h"

#include "modules/identity/identity_store.h"

namespace mams::identity {

std::optional<DirectoryUser> FindDirectoryUser(storage::Session& session,
                                               const std::string& user_id) {
  const auto user = IdentityStore::FindUser(session, user_id);
  if (!user) {
    return std::nullopt;
  }
  return DirectoryUser{user->id, user->username, user->display_name, user->org_code,
                       user->disabled};
}

std::vector<DirectoryUser> SearchDirectoryUsers(storage::Session& session, const std::string& text,
                                                int limit) {
  UserFilter filter;
  filter.disabled = false;
  filter.display_name = text;
  std::int64_t total = 0;
  std::vector<DirectoryUser> found;
  for (const auto& user :
       IdentityStore::ListUsers(session, "1 = 1", {}, filter, "username", limit, 0, &total)) {
    found.push_back({user.id, user.username, user.display_name, user.org_code, user.disabled});
  }
  return found;
}

}  // namespace mams::identity
