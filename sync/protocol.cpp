#include "sync/protocol.h"

#include <simdjson.h>

#include "node/http/json_writer.h"

namespace mams::sync {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// One parser per thread, reused: its buffers grow to the largest message and stay. A parsed
// document lives until the next parse on the same thread, so every decoder copies out what
// it keeps before returning.
simdjson::dom::parser& Parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

object ParseObject(const std::string& body) {
  element root;
  if (const auto error = Parser().parse(body).get(root)) {
    throw ProtocolError("bad_body",
                        std::string("message body is not JSON: ") + simdjson::error_message(error));
  }
  object result;
  if (root.get(result) != simdjson::SUCCESS) {
    throw ProtocolError("bad_body", "message body is not a JSON object");
  }
  return result;
}

// ProtocolError when reading member `key` gave `error`: it is missing, of another type, or
// (read on demand) not well-formed.
void Check(simdjson::error_code error, const char* key) {
  if (error == simdjson::NO_SUCH_FIELD) {
    throw ProtocolError("bad_body", std::string("missing ") + key);
  }
  if (error != simdjson::SUCCESS) {
    throw ProtocolError("bad_body", std::string(key) + " has the wrong type or is not JSON");
  }
}

// The member `key` of `object` as T; ProtocolError when it is missing or of another type.
template <typename T>
T Required(const object& from, const char* key) {
  T value{};
  Check(from[key].get(value), key);
  return value;
}

std::string RequiredText(const object& from, const char* key) {
  return std::string(Required<std::string_view>(from, key));
}

bool Has(const object& from, const char* key) {
  return from[key].error() != simdjson::NO_SUCH_FIELD;
}

// Messages that carry rows (BATCH, SNAPSHOT) are read on demand: a row's image is taken as
// the text it came in, not rebuilt from a parsed tree (that rebuilding, simdjson::minify,
// was the largest cost of decoding a page). The receiver parses each image when it applies
// it, and refuses a malformed one there (quarantine, docs/sync-protocol.md §5).
namespace od = simdjson::ondemand;

// The parser's view of `body`, with the padding simdjson reads past the end: copied into
// `copy` only when the string has no spare capacity for it.
simdjson::padded_string_view Padded(const std::string& body, simdjson::padded_string* copy) {
  if (body.capacity() >= body.size() + simdjson::SIMDJSON_PADDING) {
    return simdjson::padded_string_view(body.data(), body.size(), body.capacity());
  }
  *copy = simdjson::padded_string(body);
  return *copy;
}

template <typename T>
T Field(od::object& from, const char* key) {
  T value{};
  Check(from[key].get(value), key);
  return value;
}

std::string FieldText(od::object& from, const char* key) {
  return std::string(Field<std::string_view>(from, key));
}

// A row-carrying message iterated on demand. Holds what the iteration reads from (the
// padded copy, when one was needed) and its state; one parser per thread, reused.
class OnDemandBody {
 public:
  explicit OnDemandBody(const std::string& body) {
    thread_local od::parser parser;
    if (const auto error = parser.iterate(Padded(body, &copy_)).get(document_)) {
      throw ProtocolError(
          "bad_body", std::string("message body is not JSON: ") + simdjson::error_message(error));
    }
  }
  OnDemandBody(const OnDemandBody&) = delete;
  OnDemandBody& operator=(const OnDemandBody&) = delete;

  od::object Root() {
    od::object root;
    if (document_.get_object().get(root) != simdjson::SUCCESS) {
      throw ProtocolError("bad_body", "message body is not a JSON object");
    }
    return root;
  }

 private:
  simdjson::padded_string copy_;
  od::document document_;
};

// Each object of array `key` of `from`, passed to `take`.
template <typename Take>
void ForEachItem(od::object& from, const char* key, const char* what, Take take) {
  od::array items;
  Check(from[key].get_array().get(items), key);
  for (auto item : items) {
    od::object item_object;
    if (item.get_object().get(item_object) != simdjson::SUCCESS) {
      throw ProtocolError("bad_body", std::string("a ") + what + " is not an object");
    }
    take(item_object);
  }
}

// {"seq":..,"table":..,...,"row":{...}} of one change; seq 0 is left out. Appended piece by
// piece: a page is megabytes, and temporaries copied each image once more.
void AppendChange(std::string* body, std::int64_t seq, const Change& c) {
  if (seq > 0) {
    body->append("{\"seq\":").append(std::to_string(seq)).append(",\"table\":");
  } else {
    body->append("{\"table\":");
  }
  http::AppendJsonString(body, c.table);
  body->append(",\"id\":");
  http::AppendJsonString(body, c.row_id);
  body->append(",\"org\":");
  http::AppendJsonString(body, c.org_code);
  body->append(",\"version\":").append(std::to_string(c.version)).append(",\"versionNode\":");
  http::AppendJsonString(body, c.version_node);
  body->append(",\"baseVersion\":").append(std::to_string(c.base_version));
  body->append(c.deleted ? ",\"deleted\":true" : ",\"deleted\":false");
  body->append(",\"row\":").append(c.image).append("}");
}

// Bytes a message's changes take, give or take: the body is reserved once.
std::size_t ChangesSize(std::size_t count, std::size_t image_bytes) {
  constexpr std::size_t kEnvelopeBytes = 200;  // seq, table, id, org, versions, flags
  return image_bytes + count * kEnvelopeBytes + 256;
}

Change ReadChange(od::object& item) {
  Change c;
  c.table = FieldText(item, "table");
  c.row_id = FieldText(item, "id");
  c.org_code = FieldText(item, "org");
  c.version = Field<std::int64_t>(item, "version");
  c.version_node = FieldText(item, "versionNode");
  c.base_version = Field<std::int64_t>(item, "baseVersion");
  c.deleted = Field<bool>(item, "deleted");
  od::object row;
  std::string_view text;
  if (item["row"].get_object().get(row) != simdjson::SUCCESS ||
      row.raw_json().get(text) != simdjson::SUCCESS) {
    throw ProtocolError("bad_body", "a change has no row object");
  }
  c.image = PaddedCopy(text);  // the applier parses it in place (ChangeApplier)
  return c;
}

// "load":..,"page":..,"table":..,"after":.. of a position (no braces).
std::string PositionFields(const LoadPosition& at) {
  std::string fields = "\"load\":";
  http::AppendJsonString(&fields, at.load);
  fields += ",\"page\":" + std::to_string(at.page) + ",\"table\":";
  http::AppendJsonString(&fields, at.table);
  fields += ",\"after\":";
  http::AppendJsonString(&fields, at.after);
  return fields;
}

LoadPosition ReadPosition(const object& from) {
  LoadPosition at;
  at.load = RequiredText(from, "load");
  at.page = Required<std::int64_t>(from, "page");
  if (at.page < 0) {
    throw ProtocolError("bad_body", "a load position has a negative page");
  }
  at.table = RequiredText(from, "table");
  at.after = RequiredText(from, "after");
  return at;
}

}  // namespace

std::string PaddedCopy(std::string_view text) {
  std::string copy;
  copy.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  copy.assign(text);
  return copy;
}

std::string EncodeBatch(std::int64_t after, std::int64_t upto,
                        const std::vector<const OutboxEntry*>& entries) {
  std::size_t image_bytes = 0;
  for (const OutboxEntry* entry : entries) {
    image_bytes += entry->change.image.size();
  }
  std::string body;
  body.reserve(ChangesSize(entries.size(), image_bytes));
  body.append("{\"after\":").append(std::to_string(after));
  body.append(",\"upto\":").append(std::to_string(upto)).append(",\"changes\":[");
  bool first = true;
  for (const OutboxEntry* entry : entries) {
    if (!first) {
      body += ',';
    }
    first = false;
    AppendChange(&body, entry->seq, entry->change);
  }
  body.append("]}");
  return body;
}

std::string EncodeBatch(std::int64_t after, std::int64_t upto,
                        const std::vector<OutboxEntry>& entries) {
  std::vector<const OutboxEntry*> pointers;
  pointers.reserve(entries.size());
  for (const auto& entry : entries) {
    pointers.push_back(&entry);
  }
  return EncodeBatch(after, upto, pointers);
}

std::string EncodeSnapshot(const SnapshotMessage& page) {
  std::size_t image_bytes = 0;
  for (const Change& change : page.rows) {
    image_bytes += change.image.size();
  }
  std::string body;
  body.reserve(ChangesSize(page.rows.size(), image_bytes));
  body.append("{\"load\":");
  http::AppendJsonString(&body, page.load);
  body += ",\"page\":" + std::to_string(page.page) + ",\"cursor\":" + std::to_string(page.cursor) +
          ",\"table\":";
  http::AppendJsonString(&body, page.table);
  body += ",\"last\":" + std::string(page.last ? "true" : "false") + ",\"rows\":[";
  for (std::size_t i = 0; i < page.rows.size(); ++i) {
    if (i > 0) {
      body += ',';
    }
    AppendChange(&body, 0, page.rows[i]);
  }
  body.append("]}");
  return body;
}

SnapshotMessage DecodeSnapshot(const std::string& body) {
  OnDemandBody parsed(body);
  od::object message = parsed.Root();
  SnapshotMessage page;
  page.load = FieldText(message, "load");
  page.page = Field<std::int64_t>(message, "page");
  if (page.page < 1) {
    throw ProtocolError("bad_body", "pages are numbered from 1");
  }
  page.cursor = Field<std::int64_t>(message, "cursor");
  page.table = FieldText(message, "table");
  page.last = Field<bool>(message, "last");
  ForEachItem(message, "rows", "row",
              [&](od::object& item) { page.rows.push_back(ReadChange(item)); });
  return page;
}

std::string EncodeSnapshotAck(const SnapshotAck& ack) {
  return "{" + PositionFields(ack.at) + ",\"done\":" + (ack.done ? "true" : "false") +
         ",\"gap\":" + (ack.gap ? "true" : "false") + "}";
}

SnapshotAck DecodeSnapshotAck(const std::string& body) {
  const object message = ParseObject(body);
  SnapshotAck ack;
  ack.at = ReadPosition(message);
  ack.done = Required<bool>(message, "done");
  ack.gap = Has(message, "gap") && Required<bool>(message, "gap");
  return ack;
}

BatchMessage DecodeBatch(const std::string& body) {
  OnDemandBody parsed(body);
  od::object message = parsed.Root();
  BatchMessage batch;
  batch.after = Field<std::int64_t>(message, "after");
  batch.upto = Field<std::int64_t>(message, "upto");
  if (batch.after < 0 || batch.upto < batch.after) {
    throw ProtocolError("bad_body", "after and upto out of order");
  }
  std::int64_t previous = batch.after;
  ForEachItem(message, "changes", "change", [&](od::object& item) {
    SequencedChange sequenced;
    sequenced.seq = Field<std::int64_t>(item, "seq");
    if (sequenced.seq <= previous || sequenced.seq > batch.upto) {
      throw ProtocolError("bad_body", "change sequence numbers must rise within (after, upto]");
    }
    previous = sequenced.seq;
    sequenced.change = ReadChange(item);
    batch.changes.push_back(std::move(sequenced));
  });
  return batch;
}

std::string EncodeHello(const HelloMessage& hello) {
  std::string body = "{\"protocol\":" + std::to_string(hello.protocol) + ",\"node\":";
  http::AppendJsonString(&body, hello.node);
  body += ",\"org\":";
  http::AppendJsonString(&body, hello.org);
  body += ",\"cursor\":" + std::to_string(hello.cursor);
  if (hello.load) {
    body += ",\"load\":{" + PositionFields(*hello.load) + "}";
  }
  return body + "}";
}

HelloMessage DecodeHello(const std::string& body) {
  const object message = ParseObject(body);
  HelloMessage hello;
  const std::int64_t protocol = Required<std::int64_t>(message, "protocol");
  hello.protocol = protocol == kProtocolVersion ? kProtocolVersion : -1;
  if (hello.protocol != kProtocolVersion) {
    throw ProtocolError("protocol_version", "protocol " + std::to_string(protocol) +
                                                " is not spoken here (this node speaks " +
                                                std::to_string(kProtocolVersion) + ")");
  }
  hello.node = RequiredText(message, "node");
  hello.org = RequiredText(message, "org");
  hello.cursor = Required<std::int64_t>(message, "cursor");
  if (Has(message, "load")) {
    object load;
    if (message["load"].get(load) != simdjson::SUCCESS) {
      throw ProtocolError("bad_body", "load is not an object");
    }
    hello.load = ReadPosition(load);
  }
  return hello;
}

std::string EncodeAck(const AckMessage& ack) {
  return "{\"cursor\":" + std::to_string(ack.cursor) + ",\"gap\":" + (ack.gap ? "true" : "false") +
         "}";
}

AckMessage DecodeAck(const std::string& body) {
  const object message = ParseObject(body);
  AckMessage ack;
  ack.cursor = Required<std::int64_t>(message, "cursor");
  ack.gap = Has(message, "gap") && Required<bool>(message, "gap");
  return ack;
}

std::string EncodeError(const std::string& code, const std::string& message) {
  std::string body = "{\"code\":";
  http::AppendJsonString(&body, code);
  body += ",\"message\":";
  http::AppendJsonString(&body, message);
  return body + "}";
}

}  // namespace mams::sync
