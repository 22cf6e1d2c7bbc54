#pragma once

#include "node/module/module.h"

namespace mams::calendars {

/// Working calendars (工作日历): each level's working hours, public holidays and make-up
/// working days, published down by sync; the working time other modules count time limits
/// in (api/working_time.h). docs/calendars.md.
module::Module MakeModule();

}  // namespace mams::calendars
