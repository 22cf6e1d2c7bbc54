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

}  // namespace mams::identity
