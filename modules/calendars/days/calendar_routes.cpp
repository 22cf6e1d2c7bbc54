// /api/v1/calendars: thin handlers over CalendarService; every value checked here names itself.
#include "modules/calendars/days/calendar_routes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <limits>

#include "modules/calendars/days/calendar_service.h"
#include "modules/calendars/rules/civil_time.h"
#include "node/auth/data_scope.h"
#include "node/auth/request_guard.h"
#include "node/common/clock.h"
#include "node/common/errors.h"
#include "node/common/free_text.h"
#include "node/common/utf8.h"
#include "node/http/json.h"

namespace mams::calendars {
namespace {

using R = const http::HttpRequest&;
constexpr std::size_t kNameLength = 50;
constexpr double kMaxHours = 10000;

// Outside the caller's scope the org does not exist, whatever else is wrong with the request.
void RequireInScope(R request) {
  if (!request.scope->Allows(request.PathParam("org"))) {
    throw ApiError(ErrorKind::kNotFound, "not_found", "no such org");
  }
}

ApiError BadParameter(const std::string& name, const std::string& message) {
  return ApiError(ErrorKind::kBadRequest, "invalid_parameter", name + ": " + message, name);
}

std::string DayParam(R request) {
  const std::string& day = request.PathParam("date");
  if (!ParseDay(day)) {
    throw ApiError(ErrorKind::kUnprocessable, "invalid_calendar_day",
                   "date: a real date YYYY-MM-DD between 1900 and 2099", "date");
  }
  return day;
}

Poco::JSON::Object HoursJson(const WorkHoursRow& hours) {
  Poco::JSON::Object json(Poco::JSON_PRESERVE_KEY_ORDER);
  json.set("morningStart", hours.morning_start);
  json.set("morningEnd", hours.morning_end);
  json.set("afternoonStart", hours.afternoon_start);
  json.set("afternoonEnd", hours.afternoon_end);
  json.set("from", hours.org_code.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(hours.org_code));
  return json;
}

http::HttpResponse Get(const CalendarService& service, R request) {
  RequireInScope(request);
  int year = 0;
  const std::string text = request.Query("year").value_or("");
  if (text.empty()) {
    year = service.CurrentYear();
  } else if (text.size() != 4 || text.find_first_not_of("0123456789") != std::string::npos ||
             std::stoi(text) < 1900 || std::stoi(text) > 2099) {
    throw BadParameter("year", "a year 1900-2099");
  } else {
    year = std::stoi(text);
  }
  const EffectiveCalendar calendar =
      service.Effective(*request.scope, request.PathParam("org"), year);
  Poco::JSON::Array days;
  for (const auto& day : calendar.days) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("date", day.day);
    item.set("kind", day.kind);
    item.set("name", day.name);
    item.set("from", day.org_code);
    days.add(item);
  }
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("org", calendar.org);
  body.set("year", year);
  body.set("hours", HoursJson(calendar.hours));
  body.set("days", days);
  body.set("workingDays", calendar.working_days);
  return http::HttpResponse::Json(200, http::ToJson(body));
}

http::HttpResponse PutDay(CalendarService& service, R request) {
  RequireInScope(request);
  const auto body = http::ParseJsonObject(request.body);
  http::RequireOnlyFields(*body, {"kind", "name"});
  WorkDayRow row;
  row.org_code = request.PathParam("org");
  row.day = DayParam(request);
  row.kind = http::RequireString(*body, "kind");
  if (row.kind != "holiday" && row.kind != "workday") {
    throw ApiError(ErrorKind::kUnprocessable, "invalid_day_kind", "kind: holiday or workday", "kind");
  }
  const auto name = http::OptionalString(*body, "name");
  RequireNoControlCharacters({{&name, "name", TextLines::kSingle}});
  row.name = name.value_or("");
  if (Utf8Length(row.name) > kNameLength) {
    throw ApiError(ErrorKind::kUnprocessable, "invalid_day_name", "name: at most 50 characters", "name");
  }
  service.SetDay(*request.scope, auth::RequestActor(request), row);
  return Get(service, request);
}

http::HttpResponse RemoveDay(CalendarService& service, R request) {
  RequireInScope(request);
  service.RemoveDay(*request.scope, auth::RequestActor(request), request.PathParam("org"),
                    DayParam(request));
  return http::HttpResponse::Json(200, "{\"deleted\":true}");
}

http::HttpResponse PutHours(CalendarService& service, R request) {
  RequireInScope(request);
  const auto body = http::ParseJsonObject(request.body);
  const std::vector<std::string> names = {"morningStart", "morningEnd", "afternoonStart",
                                          "afternoonEnd"};
  http::RequireOnlyFields(*body, names);
  std::vector<int> minutes;
  for (const auto& name : names) {
    const auto clock = ParseClock(http::RequireString(*body, name));
    if (!clock) {
      throw ApiError(ErrorKind::kUnprocessable, "invalid_work_hours", name + ": HH:MM", name);
    }
    minutes.push_back(*clock);
  }
  const WorkHours hours{minutes[0], minutes[1], minutes[2], minutes[3]};
  if (!hours.Valid()) {
    throw ApiError(ErrorKind::kUnprocessable, "invalid_work_hours",
                   "morningStart < morningEnd <= afternoonStart < afternoonEnd", "afternoonStart");
  }
  service.SetHours(*request.scope, auth::RequestActor(request),
                   {request.PathParam("org"), ClockText(minutes[0]), ClockText(minutes[1]),
                    ClockText(minutes[2]), ClockText(minutes[3])});
  return Get(service, request);
}

http::HttpResponse Due(const CalendarService& service, R request) {
  RequireInScope(request);
  const std::string org = request.PathParam("org");
  const auto from = ParseIsoTime(request.Query("from").value_or(""));
  if (!from) {
    throw BadParameter("from", "an ISO-8601 time with its zone, e.g. 2026-12-07T09:30:00+08:00");
  }
  double hours = -1;
  const std::string text = request.Query("hours").value_or("");
  try {
    std::size_t used = 0;
    hours = std::stod(text, &used);
    if (used != text.size()) {
      hours = -1;
    }
  } catch (const std::exception&) {
    hours = -1;
  }
  if (!(hours >= 0 && hours <= kMaxHours)) {
    throw BadParameter("hours", "working hours, 0-10000");
  }
  const auto working_ms = static_cast<std::int64_t>(hours * 3600 * 1000);
  Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
  body.set("org", org);
  body.set("from", FormatIsoUtc(*from));
  body.set("hours", hours);
  try {
    body.set("due", FormatIsoUtc(service.AddWorkingMs(org, *from, working_ms)));
  } catch (const std::range_error&) {
    throw ApiError(ErrorKind::kUnprocessable, "no_working_days",
                   "the calendar has no working day within ten years", "org");
  }
  return http::HttpResponse::Json(200, http::ToJson(body));
}

}  // namespace

std::vector<http::Route> CalendarRoutes(std::shared_ptr<CalendarService> service) {
  return {
      {"GET", "/api/v1/calendars/{org}", kCalendarsRead, [service](R r) { return Get(*service, r); },
       "The org's working calendar of a year (year, default this one): its hours and the days "
       "that differ from the week (holidays, make-up working days), each with the org it comes "
       "from"},
      {"PUT", "/api/v1/calendars/{org}/days/{date}", kCalendarsAdmin,
       [service](R r) { return PutDay(*service, r); },
       "Sets a day of this node's own org: {kind: holiday|workday, name}"},
      {"DELETE", "/api/v1/calendars/{org}/days/{date}", kCalendarsAdmin,
       [service](R r) { return RemoveDay(*service, r); }, "Removes a day set for this node's org"},
      {"PUT", "/api/v1/calendars/{org}/hours", kCalendarsAdmin,
       [service](R r) { return PutHours(*service, r); },
       "Sets this node's org's working hours (morningStart, morningEnd, afternoonStart, "
       "afternoonEnd as HH:MM, China Standard Time)"},
      {"GET", "/api/v1/calendars/{org}/due", kCalendarsRead, [service](R r) { return Due(*service, r); },
       "When `hours` working hours after `from` end at the org (from: ISO-8601 with zone)"},
  };
}

}  // namespace mams::calendars
