#pragma once

// The node's shared services and the caller of a request, declared for headers that only
// take them by reference or pointer: their own headers are heavy, and a .cpp includes what
// it uses.
namespace Poco {
class Logger;
}

namespace mams {
class Clock;
class ErrorCatalogue;
}  // namespace mams

namespace mams::audit {
class AuditLog;
struct Actor;
}  // namespace mams::audit
namespace mams::auth {
class AuthenticatorSlot;
class DataScope;
struct Principal;
class RequestGuard;
}  // namespace mams::auth
namespace mams::config {
struct HttpSection;
struct NodeConfig;
}  // namespace mams::config
namespace mams::http {
struct HttpResponse;
class Router;
}  // namespace mams::http
namespace mams::metrics {
class Metrics;
}
namespace mams::module {
struct ModuleContext;
}
namespace mams::scope {
class OrgDirectory;
}
namespace mams::storage {
class Session;
class Storage;
}  // namespace mams::storage
namespace mams::web {
class StaticSite;
}
