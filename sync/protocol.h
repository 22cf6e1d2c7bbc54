#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sync/outbox.h"

namespace mams::sync {

/// Message types of docs/sync-protocol.md §6.
inline constexpr char kHello[] = "HELLO";
inline constexpr char kWelcome[] = "WELCOME";
inline constexpr char kBatch[] = "BATCH";
inline constexpr char kAck[] = "ACK";
inline constexpr char kPing[] = "PING";
inline constexpr char kPong[] = "PONG";
inline constexpr char kError[] = "ERROR";
inline constexpr char kSnapshot[] = "SNAPSHOT";
inline constexpr char kSnapshotAck[] = "SNAPSHOT_ACK";
inline constexpr int kProtocolVersion = 1;

/// A change as it travels: its place in the sender's sequence, and the change.
struct SequencedChange {
  std::int64_t seq = 0;
  Change change;
};

struct BatchMessage {
  std::int64_t after = 0;
  std::int64_t upto = 0;
  std::vector<SequencedChange> changes;
};

struct HelloMessage {
  int protocol = kProtocolVersion;
  std::string node;
  std::string org;
  std::int64_t cursor = 0;  ///< HELLO: the child's down cursor; WELCOME: the parent's up cursor
  bool snapshot = false;    ///< HELLO: the child has nothing from its parent yet (§9)
};

/// One page of an initial load (§9): current rows of one table, or the end of the load with
/// the parent's outbox position the child's down cursor starts from.
struct SnapshotMessage {
  std::string table;
  std::vector<Change> rows;
  bool last = false;
  std::int64_t cursor = 0;  ///< with `last`
};
std::string EncodeSnapshot(const std::string& table, const std::vector<Change>& rows, bool last,
                           std::int64_t cursor);
SnapshotMessage DecodeSnapshot(const std::string& body);

/// Thrown for a message that does not follow the protocol: the peer gets ERROR and the
/// message is dropped.
class ProtocolError : public std::runtime_error {
 public:
  ProtocolError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

std::string EncodeBatch(const std::int64_t after, const std::int64_t upto,
                        const std::vector<OutboxEntry>& entries);
BatchMessage DecodeBatch(const std::string& body);

std::string EncodeHello(const HelloMessage& hello);
/// Refuses (ProtocolError "protocol_version") a protocol this node does not speak.
HelloMessage DecodeHello(const std::string& body);

struct AckMessage {
  std::int64_t cursor = 0;
  bool gap = false;  ///< the batch did not start at the cursor: send again from it
};
std::string EncodeAck(const AckMessage& ack);
AckMessage DecodeAck(const std::string& body);

std::string EncodeError(const std::string& code, const std::string& message);

}  // namespace mams::sync
