#include "modules/accounts/customers/customer_json.h"

#include <Poco/JSON/Parser.h>

#include "modules/accounts/customers/customer_entities.h"
#include "node/http/json_writer.h"

namespace mams::accounts {
namespace {

// A customer with an address, tags and remarks is written in 700–900 bytes.
constexpr std::size_t kTypicalCustomerJsonBytes = 1024;

}  // namespace

void WriteCustomer(http::JsonWriter& out, const CustomerRecord& c) {
  out.BeginObject();
  entity::WriterJsonSink sink(out);
  CustomerEntity().WriteJson(sink, c);
  out.EndObject();
}

std::string CustomerJsonText(const CustomerRecord& customer) {
  http::JsonWriter out(kTypicalCustomerJsonBytes);
  WriteCustomer(out, customer);
  return out.Take();
}

Poco::JSON::Object CustomerJson(const CustomerRecord& customer) {
  // One definition of the fields (WriteCustomer); callers that add to the object are not on
  // hot paths, so they pay for parsing it back.
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // keep the field order
  return *parser.parse(CustomerJsonText(customer)).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace mams::accounts
