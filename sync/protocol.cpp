#include "sync/protocol.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "node/http/json.h"
#include "node/http/json_writer.h"

namespace mams::sync {
namespace {

Poco::JSON::Object::Ptr ParseObject(const std::string& body) {
  try {
    auto parsed = Poco::JSON::Parser().parse(body);
    if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) {
      return parsed.extract<Poco::JSON::Object::Ptr>();
    }
  } catch (const Poco::Exception& e) {
    throw ProtocolError("bad_body", "message body is not JSON: " + e.displayText());
  }
  throw ProtocolError("bad_body", "message body is not a JSON object");
}

template <typename T>
T Required(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) {
    throw ProtocolError("bad_body", "missing " + key);
  }
  try {
    return object.getValue<T>(key);
  } catch (const Poco::Exception&) {
    throw ProtocolError("bad_body", key + " has the wrong type");
  }
}


// {"seq":..,"table":..,...,"row":{...}} of one change; seq 0 is left out.
void AppendChange(std::string* body, std::int64_t seq, const Change& c) {
  *body += seq > 0 ? "{\"seq\":" + std::to_string(seq) + ",\"table\":" : std::string("{\"table\":");
  http::AppendJsonString(body, c.table);
  *body += ",\"id\":";
  http::AppendJsonString(body, c.row_id);
  *body += ",\"org\":";
  http::AppendJsonString(body, c.org_code);
  *body += ",\"version\":" + std::to_string(c.version) + ",\"versionNode\":";
  http::AppendJsonString(body, c.version_node);
  *body += ",\"baseVersion\":" + std::to_string(c.base_version) +
           ",\"deleted\":" + (c.deleted ? "true" : "false") + ",\"row\":" + c.image + "}";
}

Change ReadChange(const Poco::JSON::Object& item) {
  Change c;
  c.table = Required<std::string>(item, "table");
  c.row_id = Required<std::string>(item, "id");
  c.org_code = Required<std::string>(item, "org");
  c.version = Required<std::int64_t>(item, "version");
  c.version_node = Required<std::string>(item, "versionNode");
  c.base_version = Required<std::int64_t>(item, "baseVersion");
  c.deleted = Required<bool>(item, "deleted");
  const auto row = item.getObject("row");
  if (row.isNull()) {
    throw ProtocolError("bad_body", "a change has no row object");
  }
  c.image = http::ToJson(*row);
  // The parsed object stays alive as long as the change holds it (the deleter keeps POCO's
  // reference), so the applier need not parse the text again.
  c.parsed_image = std::shared_ptr<const Poco::JSON::Object>(
      row.get(), [keep = row](const Poco::JSON::Object*) mutable { keep = nullptr; });
  return c;
}

}  // namespace

std::string EncodeBatch(std::int64_t after, std::int64_t upto,
                        const std::vector<OutboxEntry>& entries) {
  std::string body = "{\"after\":" + std::to_string(after) + ",\"upto\":" + std::to_string(upto) +
                     ",\"changes\":[";
  bool first = true;
  for (const auto& entry : entries) {
    if (!first) {
      body += ',';
    }
    first = false;
    AppendChange(&body, entry.seq, entry.change);
  }
  return body + "]}";
}

std::string EncodeSnapshot(const std::string& table, const std::vector<Change>& rows, bool last,
                           std::int64_t cursor) {
  std::string body = "{\"table\":";
  http::AppendJsonString(&body, table);
  body += ",\"last\":" + std::string(last ? "true" : "false") +
          ",\"cursor\":" + std::to_string(cursor) + ",\"rows\":[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) {
      body += ',';
    }
    AppendChange(&body, 0, rows[i]);
  }
  return body + "]}";
}

SnapshotMessage DecodeSnapshot(const std::string& body) {
  const auto object = ParseObject(body);
  SnapshotMessage snapshot;
  snapshot.table = Required<std::string>(*object, "table");
  snapshot.last = Required<bool>(*object, "last");
  snapshot.cursor = Required<std::int64_t>(*object, "cursor");
  const auto rows = object->getArray("rows");
  if (rows.isNull()) {
    throw ProtocolError("bad_body", "missing rows");
  }
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const auto item = rows->getObject(static_cast<unsigned int>(i));
    if (item.isNull()) {
      throw ProtocolError("bad_body", "a row is not an object");
    }
    snapshot.rows.push_back(ReadChange(*item));
  }
  return snapshot;
}

BatchMessage DecodeBatch(const std::string& body) {
  const auto object = ParseObject(body);
  BatchMessage batch;
  batch.after = Required<std::int64_t>(*object, "after");
  batch.upto = Required<std::int64_t>(*object, "upto");
  if (batch.after < 0 || batch.upto < batch.after) {
    throw ProtocolError("bad_body", "after and upto out of order");
  }
  const auto changes = object->getArray("changes");
  if (changes.isNull()) {
    throw ProtocolError("bad_body", "missing changes");
  }
  std::int64_t previous = batch.after;
  for (std::size_t i = 0; i < changes->size(); ++i) {
    const auto item = changes->getObject(static_cast<unsigned int>(i));
    if (item.isNull()) {
      throw ProtocolError("bad_body", "a change is not an object");
    }
    SequencedChange sequenced;
    sequenced.seq = Required<std::int64_t>(*item, "seq");
    if (sequenced.seq <= previous || sequenced.seq > batch.upto) {
      throw ProtocolError("bad_body", "change sequence numbers must rise within (after, upto]");
    }
    previous = sequenced.seq;
    sequenced.change = ReadChange(*item);
    batch.changes.push_back(std::move(sequenced));
  }
  return batch;
}

std::string EncodeHello(const HelloMessage& hello) {
  std::string body = "{\"protocol\":" + std::to_string(hello.protocol) + ",\"node\":";
  http::AppendJsonString(&body, hello.node);
  body += ",\"org\":";
  http::AppendJsonString(&body, hello.org);
  return body + ",\"cursor\":" + std::to_string(hello.cursor) +
         (hello.snapshot ? ",\"snapshot\":{}" : "") + "}";
}

HelloMessage DecodeHello(const std::string& body) {
  const auto object = ParseObject(body);
  HelloMessage hello;
  hello.protocol = Required<int>(*object, "protocol");
  if (hello.protocol != kProtocolVersion) {
    throw ProtocolError("protocol_version", "protocol " + std::to_string(hello.protocol) +
                                                " is not spoken here (this node speaks " +
                                                std::to_string(kProtocolVersion) + ")");
  }
  hello.node = Required<std::string>(*object, "node");
  hello.org = Required<std::string>(*object, "org");
  hello.cursor = Required<std::int64_t>(*object, "cursor");
  hello.snapshot = object->has("snapshot");
  return hello;
}

std::string EncodeAck(const AckMessage& ack) {
  return "{\"cursor\":" + std::to_string(ack.cursor) + ",\"gap\":" + (ack.gap ? "true" : "false") +
         "}";
}

AckMessage DecodeAck(const std::string& body) {
  const auto object = ParseObject(body);
  AckMessage ack;
  ack.cursor = Required<std::int64_t>(*object, "cursor");
  ack.gap = object->has("gap") && Required<bool>(*object, "gap");
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
