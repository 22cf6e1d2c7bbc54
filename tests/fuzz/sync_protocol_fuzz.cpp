// The sync protocol decoder (sync/protocol.h) on a message body from a peer. The first byte
// picks the message type; the rest is the body, padded as SyncService receives it or not.
// A batch or HELLO that decodes must come back the same after encoding it again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sync/protocol.h"

namespace {

using mams::sync::ProtocolError;

enum class Message : std::uint8_t { kHello, kBatch, kAck, kSnapshot, kSnapshotAck, kCount };

bool SameChange(const mams::sync::Change& a, const mams::sync::Change& b) {
  return a.table == b.table && a.row_id == b.row_id && a.org_code == b.org_code &&
         a.version == b.version && a.version_node == b.version_node &&
         a.base_version == b.base_version && a.deleted == b.deleted && a.image == b.image;
}

void CheckBatchRoundTrip(const std::string& body) {
  const mams::sync::BatchMessage batch = mams::sync::DecodeBatch(body);
  std::vector<mams::sync::OutboxEntry> entries(batch.changes.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].seq = batch.changes[i].seq;
    entries[i].change = batch.changes[i].change;
  }
  const mams::sync::BatchMessage again =
      mams::sync::DecodeBatch(mams::sync::EncodeBatch(batch.after, batch.upto, entries));
  bool same = again.after == batch.after && again.upto == batch.upto &&
              again.changes.size() == batch.changes.size();
  for (std::size_t i = 0; same && i < again.changes.size(); ++i) {
    same = again.changes[i].seq == batch.changes[i].seq &&
           SameChange(again.changes[i].change, batch.changes[i].change);
  }
  if (!same) {
    __builtin_trap();
  }
}

void CheckHelloRoundTrip(const std::string& body) {
  const mams::sync::HelloMessage hello = mams::sync::DecodeHello(body);
  const mams::sync::HelloMessage again = mams::sync::DecodeHello(mams::sync::EncodeHello(hello));
  const bool same_load =
      again.load.has_value() == hello.load.has_value() &&
      (!hello.load || (again.load->load == hello.load->load &&
                       again.load->page == hello.load->page &&
                       again.load->table == hello.load->table &&
                       again.load->after == hello.load->after));
  if (again.node != hello.node || again.org != hello.org || again.cursor != hello.cursor ||
      !same_load) {
    __builtin_trap();
  }
}

void Decode(Message type, const std::string& body) {
  switch (type) {
    case Message::kHello:
      CheckHelloRoundTrip(body);
      break;
    case Message::kBatch:
      CheckBatchRoundTrip(body);
      break;
    case Message::kAck:
      mams::sync::DecodeAck(body);
      break;
    case Message::kSnapshot:
      mams::sync::DecodeSnapshot(body);
      break;
    case Message::kSnapshotAck:
      mams::sync::DecodeSnapshotAck(body);
      break;
    case Message::kCount:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const auto type = static_cast<Message>((data[0] & 0x7f) % static_cast<std::uint8_t>(Message::kCount));
  const bool padded = (data[0] & 0x80) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    Decode(type, padded ? mams::sync::PaddedCopy(text) : std::string(text));
  } catch (const ProtocolError&) {
    // A malformed body is refused with ERROR: the expected outcome.
  }
  return 0;
}
