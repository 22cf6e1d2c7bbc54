#pragma once

#include <memory>
#include <vector>

#include "node/http/http_types.h"

namespace mams::calendars {

class CalendarService;

inline constexpr char kCalendarsRead[] = "calendars:read";
inline constexpr char kCalendarsAdmin[] = "calendars:admin";

/// /api/v1/calendars/{org}: the effective calendar, its special days and hours, due times.
std::vector<http::Route> CalendarRoutes(std::shared_ptr<CalendarService> service);

}  // namespace mams::calendars
