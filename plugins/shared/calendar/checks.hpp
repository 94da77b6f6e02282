// Input checks a JSON schema cannot express, the same for every calendar provider, so both
// plugins refuse the same inputs with the same words.
#pragma once

#include "time.hpp"
#include "types.hpp"

#include <optional>

namespace calendar {

inline void check_order(const std::optional<ah::DateTime>& start,
                        const std::optional<ah::DateTime>& end) {
  if (start && end && epoch_seconds(*end) <= epoch_seconds(*start))
    throw ah::ToolError("`end` must be after `start`");
}

inline void check_update(const UpdateEventIn& in) {
  check_order(in.start, in.end);
  if (in.time_zone && !in.start && !in.end)
    throw ah::ToolError("time_zone applies to a new start or end: give them with it");
  if (!in.title && !in.start && !in.end && !in.attendees && !in.details && !in.location &&
      !in.add_video_meeting)
    throw ah::ToolError("nothing to change: give at least one of title, start, end, attendees, "
                        "description, location or add_video_meeting");
}

} // namespace calendar
