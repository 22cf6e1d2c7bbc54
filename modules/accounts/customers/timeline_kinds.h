#pragma once

#include <string>

#include "node/module/extensions.h"

namespace mams::accounts {

/// The kinds of line accounts writes to a customer's timeline (its audit actions on
/// customers, contacts and visits), with their titles in Chinese and English.
void AddTimelineKinds(const std::string& module, module::Registry<module::TimelineEventKind>* kinds);

}  // namespace mams::accounts
