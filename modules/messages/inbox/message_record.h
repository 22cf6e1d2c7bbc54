#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mams::messages {

/// One message (站内信) to one user: from a person or from the system (`kind` other than
/// "person", no sender).
struct MessageRecord {
  std::string id;
  std::string org_code;  ///< where it travels: the recipient's org, or this node's (docs/messages.md)
  std::string kind = "person";
  std::string sender_id;  ///< "" for the system
  std::string sender_name;
  std::string recipient_id;
  std::string recipient_name;
  std::string recipient_org;
  std::string subject;
  std::string body;
  std::string link;
  std::optional<std::string> read_at;
  std::string created_at;
  std::string updated_at;
  std::int64_t version = 0;
};

}  // namespace mams::messages
