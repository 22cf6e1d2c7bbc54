#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::storage {
class Storage;
}

namespace mams::messages {

class MessageService;

inline constexpr char kMessagesRead[] = "messages:read";
inline constexpr char kMessagesSend[] = "messages:send";

/// /api/v1/messages: the caller's inbox and sent messages, unread count, read marks, sending.
std::vector<http::Route> MessageRoutes(std::shared_ptr<MessageService> service,
                                       storage::Storage& storage, std::int64_t count_bound);

}  // namespace mams::messages
