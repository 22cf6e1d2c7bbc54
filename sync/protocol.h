#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sync/api/sync_status.h"  // kProtocolVersion
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
inline constexpr char kResync[] = "RESYNC";

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

/// Where a load (docs/sync-protocol.md §9) stands at its receiver: the last page committed.
struct LoadPosition {
  std::string load;       ///< the load's id, chosen by its sender
  std::int64_t page = 0;  ///< last page committed; 0: a fresh load is wanted
  std::string table;      ///< that page's table
  std::string after;      ///< that page's last row id
};

struct HelloMessage {
  int protocol = kProtocolVersion;
  std::string node;
  std::string org;
  std::int64_t cursor = 0;  ///< HELLO: the child's down cursor; WELCOME: the parent's up cursor
  /// A load the sender of this HELLO / WELCOME wants from the other side, fresh or resumed.
  std::optional<LoadPosition> load;
};

/// One page of a load (§9): rows of one table in id order, or the end of the load.
struct SnapshotMessage {
  std::string load;
  std::int64_t page = 0;
  std::int64_t cursor = 0;  ///< the sender's outbox position the receiver's cursor moves to
  std::string table;
  std::vector<Change> rows;
  bool last = false;
};
std::string EncodeSnapshot(const SnapshotMessage& page);
SnapshotMessage DecodeSnapshot(const std::string& body);

/// The receiver's answer to a page: where it stands (`gap`: the page did not follow).
struct SnapshotAck {
  LoadPosition at;
  bool done = false;
  bool gap = false;
};
std::string EncodeSnapshotAck(const SnapshotAck& ack);
SnapshotAck DecodeSnapshotAck(const std::string& body);

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

/// A copy of `text` with the spare room simdjson reads past its end (its padding): a body
/// received from a frame, or a row image, is then parsed where it lies, not copied again.
std::string PaddedCopy(std::string_view text);

std::string EncodeBatch(std::int64_t after, std::int64_t upto,
                        const std::vector<const OutboxEntry*>& entries);
std::string EncodeBatch(std::int64_t after, std::int64_t upto,
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
