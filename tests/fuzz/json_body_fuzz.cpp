// A JSON body of a write route: http::ParseJsonObject, the typed member readers every handler
// uses, the TMF629 Customer_Create / merge-patch mapping, and the field checks the accounts
// service applies to the strings it receives, and a message's body as the messages module reads
// it (the entity's allow-list and types, then its text checks); every string also goes
// through the calendars module's date and time parsers, which read path and query values.
// Refusals (ApiError) are the expected outcome; anything else escaping is a 500 at best and
// fails the target.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "interfaces/tmf/tmf629/tmf629_mapping.h"
#include "modules/accounts/common/field_rules.h"
#include "modules/calendars/rules/civil_time.h"
#include "modules/messages/inbox/message_entity.h"
#include "modules/messages/inbox/message_service.h"
#include "node/entity/entity_input.h"
#include "node/common/errors.h"
#include "node/common/utf8.h"
#include "node/http/json.h"

namespace {

namespace accounts = mams::accounts;
namespace http = mams::http;

// A customer a merge-patch is applied to, with every optional member set.
accounts::CustomerRecord CurrentCustomer() {
  accounts::CustomerRecord current;
  current.id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  current.customer_no = "GD-440100-000001";
  current.name = "广州市天河区智慧城市科技有限公司";
  current.credit_code = "91440101MA5CXXXX0X";
  current.industry = "I";
  current.level = "local";
  current.org_code = "440100";
  current.state = "active";
  current.relationship_grade = "partner";
  current.parent_id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a50";
  current.address = "广州市天河区珠江新城";
  current.tags = {"5G", "专线"};
  current.managers = {"u-am-01"};
  return current;
}

template <typename Read>
void Refusable(Read read) {
  try {
    read();
  } catch (const mams::ApiError&) {
    // 4xx with the member named: expected for a body that does not fit.
  }
}

void CheckStrings(const std::string& text) {
  accounts::IsValidDate(text);
  accounts::IsValidMonth(text);
  accounts::IsValidPhone(text);
  accounts::IsValidEmail(text);
  accounts::IsValidIdNumber(text);
  mams::Utf8Length(text);
  mams::TruncateUtf8(text, text.size() / 2);
  long long fen = 0;
  accounts::ParseYuanToFen(text, &fen);
  // The calendars module's parsers of dates, times and clock times (path and query values).
  if (const auto day = mams::calendars::ParseDay(text)) {
    if (mams::calendars::DayText(*day) != text) {
      __builtin_trap();  // a date read must print back as it was written
    }
  }
  mams::calendars::ParseIsoTime(text);
  if (const auto minutes = mams::calendars::ParseClock(text)) {
    mams::calendars::ClockText(*minutes);
  }
}

// What a handler does with each member: read it as the type it expects.
void ReadMembers(const Poco::JSON::Object& body) {
  std::vector<std::string> names;
  for (const auto& member : body) {
    const std::string& name = member.first;
    names.push_back(name);
    Refusable([&] { http::RequireString(body, name); });
    Refusable([&] { http::OptionalBool(body, name); });
    Refusable([&] { http::OptionalInt(body, name); });
    Refusable([&] { http::OptionalStringList(body, name); });
    Refusable([&] {
      if (const auto text = http::OptionalString(body, name)) {
        CheckStrings(*text);
      }
    });
  }
  Refusable([&] { http::RequireOnlyFields(body, {"name", "state", "reason"}); });
  http::RequireOnlyFields(body, names);
}

// POST /api/v1/messages up to the service's checks, as MessageService::Send reads it.
void ReadMessage(const Poco::JSON::Object& body) {
  const mams::entity::Patch input =
      mams::entity::ReadPatch(mams::messages::MessageEntity().shape(), body);
  mams::entity::RequireComplete(input);
  mams::messages::MessageRecord message;
  mams::messages::MessageEntity().Apply(input, &message);
  mams::messages::MessageService::CheckTexts(message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const accounts::CustomerRecord current = CurrentCustomer();
  const std::string text(reinterpret_cast<const char*>(data), size);
  Poco::JSON::Object::Ptr body;
  try {
    body = http::ParseJsonObject(text);
  } catch (const mams::ApiError&) {
    return 0;
  }
  ReadMembers(*body);
  Refusable([&] { mams::tmf629::TmfCreateInput(*body); });
  Refusable([&] { mams::tmf629::TmfPatchInput(*body, current); });
  Refusable([&] { ReadMessage(*body); });
  return 0;
}
