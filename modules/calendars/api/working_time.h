#pragma once

// Working time of an org (docs/calendars.md): what approval and service time limits count in.
// Offered by the calendars module through `context.extensions.services`
// (`Find<calendars::WorkingTime>()`, `depends_on` "calendars").
#include <cstdint>
#include <string>

namespace mams::calendars {

class WorkingTime {
 public:
  virtual ~WorkingTime() = default;
  /// The instant (Unix ms) `working_ms` of `org`'s working time after `from_ms`: its own
  /// calendar where it has one, else its nearest ancestor's, else Monday to Friday 09:00–12:00
  /// and 13:30–18:00 China Standard Time.
  virtual std::int64_t AddWorkingMs(const std::string& org, std::int64_t from_ms,
                                    std::int64_t working_ms) const = 0;
  /// `org`'s working time between two instants.
  virtual std::int64_t WorkingMsBetween(const std::string& org, std::int64_t from_ms,
                                        std::int64_t to_ms) const = 0;
};

}  // namespace mams::calendars
