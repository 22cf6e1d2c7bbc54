#pragma once

// What other modules may do with the notification centre: the messages module's public API.
// An approval waiting for someone, a task assigned, a notice published: the module that knows
// it calls Notify inside its own transaction, so the message exists exactly when the fact does.
#include <string>

namespace mams::storage {
class Session;
}

namespace mams::messages {

/// A message from the system (no sender) to one user.
struct Notification {
  std::string recipient_id;   ///< a user id
  std::string recipient_org;  ///< that user's org: where the message travels (docs/messages.md)
  std::string kind;           ///< the module's: lower-case words joined by '.' or '_', not "person"
  std::string subject;        ///< at most 200 characters
  std::string body;           ///< at most 4000 characters
  std::string link;           ///< a console path ("/approvals/…", never "//host"), or ""
};

/// Offered by the messages module through `context.extensions.services`
/// (`Find<messages::Notifier>()`, `depends_on` "messages").
class Notifier {
 public:
  virtual ~Notifier() = default;
  /// Writes the message in `session`'s transaction and returns its id. Throws ApiError 422
  /// (`recipient_unreachable`) when the recipient's org is neither in this node's subtree
  /// nor above it: sync could not carry the message there; 422 for texts the API refuses;
  /// std::invalid_argument for a kind that is not a module's.
  virtual std::string Notify(storage::Session& session, const Notification& notification) = 0;
};

}  // namespace mams::messages
