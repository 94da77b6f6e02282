// Free-slot computation for find_free_slots: the provider's free/busy answer is reduced to busy
// intervals, and the slots are derived here, identically for every provider.
#pragma once

#include "time.hpp"
#include "types.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace calendar {

struct Interval {
  std::int64_t start = 0; // epoch seconds
  std::int64_t end = 0;
};

inline constexpr std::int64_t kDay = 86400;
inline constexpr std::int64_t kMaxWindow = 62 * kDay; // Graph's getSchedule limit; used for both

inline int minutes_of(const std::string& hh_mm) {
  return std::stoi(hh_mm.substr(0, 2)) * 60 + std::stoi(hh_mm.substr(3, 2));
}

// Checks what the schema cannot express; ah::ToolError says what to change.
inline void check_request(const FindFreeSlotsIn& in) {
  std::int64_t from = epoch_seconds(in.from), to = epoch_seconds(in.to);
  if (to <= from)
    throw ah::ToolError("`to` must be after `from`");
  if (to - from > kMaxWindow)
    throw ah::ToolError("the window from `from` to `to` may span at most 62 days");
  if (in.working_hours && minutes_of(in.working_hours->end) <= minutes_of(in.working_hours->start))
    throw ah::ToolError("working_hours.end must be after working_hours.start");
}

// The periods where the window, the working hours and nobody's busy time overlap, each at least
// the meeting's length, earliest first. Working hours are read in the UTC offset of `from`.
inline FreeSlots free_slots(const FindFreeSlotsIn& in, std::vector<Interval> busy,
                            std::vector<Unchecked> unchecked) {
  const std::int64_t from = epoch_seconds(in.from), to = epoch_seconds(in.to);
  const int offset = in.from.tz_offset();
  const std::int64_t duration = std::int64_t{in.duration_minutes} * 60;

  std::vector<Interval> open;
  if (!in.working_hours) {
    open.push_back({from, to});
  } else {
    const auto& hours = *in.working_hours;
    // Local days, counted from the epoch; 1970-01-01 was a Thursday.
    auto local_day = [&](std::int64_t t) {
      std::int64_t local = t + offset;
      return local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
    };
    for (std::int64_t day = local_day(from); day <= local_day(to); ++day) {
      auto weekday = static_cast<Weekday>(((day + 3) % 7 + 7) % 7); // 0 = mon
      if (std::find(hours.days.begin(), hours.days.end(), weekday) == hours.days.end())
        continue;
      std::int64_t midnight = day * kDay - offset;
      Interval work{std::max(from, midnight + minutes_of(hours.start) * 60),
                    std::min(to, midnight + minutes_of(hours.end) * 60)};
      if (work.end > work.start)
        open.push_back(work);
    }
  }

  std::sort(busy.begin(), busy.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  FreeSlots out;
  out.unchecked = std::move(unchecked);
  auto emit = [&](std::int64_t start, std::int64_t end) {
    if (end - start >= duration && out.slots.size() < static_cast<size_t>(in.max_slots))
      out.slots.push_back({at_offset(start, offset), at_offset(end, offset)});
  };
  for (const auto& period : open) {
    std::int64_t cursor = period.start;
    for (const auto& b : busy) {
      if (b.end <= cursor || b.start >= period.end)
        continue;
      emit(cursor, std::min(b.start, period.end));
      cursor = std::max(cursor, b.end);
      if (cursor >= period.end)
        break;
    }
    if (cursor < period.end)
      emit(cursor, period.end);
  }
  return out;
}

} // namespace calendar
