#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::identity {

class LoginService;
class UserAdminService;
struct IdentityContext;

std::vector<http::Route> AuthRoutes(std::shared_ptr<LoginService> service);
std::vector<http::Route> AdminRoutes(std::shared_ptr<UserAdminService> service,
                                     IdentityContext& context);

}  // namespace mams::identity
