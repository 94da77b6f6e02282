// The shared free-slot computation (plugins/shared/calendar/slots.hpp) on its own: what both
// calendar plugins answer for find_free_slots once the provider has named the busy periods.
#include <calendar/slots.hpp>

#include <catch2/catch.hpp>

namespace {

calendar::FindFreeSlotsIn request(const std::string& from, const std::string& to, int minutes) {
  calendar::FindFreeSlotsIn in;
  in.attendees = {{"ada@example.com"}};
  in.from = {from};
  in.to = {to};
  in.duration_minutes = minutes;
  return in;
}

calendar::Interval busy(const std::string& start, const std::string& end) {
  return {calendar::epoch_seconds({start}), calendar::epoch_seconds({end})};
}

std::vector<std::string> texts(const calendar::FreeSlots& slots) {
  std::vector<std::string> out;
  for (const auto& s : slots.slots)
    out.push_back(s.start.value + " " + s.end.value);
  return out;
}

} // namespace

TEST_CASE("calendar slots: without working hours the whole window counts, minus busy time",
          "[providers][calendars][slots]") {
  auto in = request("2026-05-04T08:00:00Z", "2026-05-04T12:00:00Z", 30);
  auto out = calendar::free_slots(in,
                                  {busy("2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z"),
                                   busy("2026-05-04T09:30:00Z", "2026-05-04T10:15:00Z"),
                                   busy("2026-05-04T11:45:00Z", "2026-05-04T13:00:00Z")},
                                  {});
  CHECK(texts(out) == std::vector<std::string>{"2026-05-04T08:00:00Z 2026-05-04T09:00:00Z",
                                               "2026-05-04T10:15:00Z 2026-05-04T11:45:00Z"});
}

TEST_CASE("calendar slots: gaps shorter than the meeting are not slots, and max_slots caps the "
          "answer",
          "[providers][calendars][slots]") {
  auto in = request("2026-05-04T08:00:00Z", "2026-05-04T12:00:00Z", 60);
  std::vector<calendar::Interval> periods{busy("2026-05-04T08:30:00Z", "2026-05-04T09:00:00Z"),
                                          busy("2026-05-04T10:00:00Z", "2026-05-04T10:30:00Z")};
  CHECK(texts(calendar::free_slots(in, periods, {})) ==
        std::vector<std::string>{"2026-05-04T09:00:00Z 2026-05-04T10:00:00Z",
                                 "2026-05-04T10:30:00Z 2026-05-04T12:00:00Z"});
  in.max_slots = 1;
  CHECK(calendar::free_slots(in, periods, {}).slots.size() == 1);
}

TEST_CASE("calendar slots: working hours are read in the offset of `from` and skip days off",
          "[providers][calendars][slots]") {
  // Friday 2026-05-08 to Monday 2026-05-11 in New York (-04:00): Saturday and Sunday are off.
  auto in = request("2026-05-08T00:00:00-04:00", "2026-05-12T00:00:00-04:00", 60);
  in.working_hours =
      calendar::WorkingHours{"09:00", "12:00", {calendar::Weekday::mon, calendar::Weekday::fri}};
  auto out = calendar::free_slots(in, {busy("2026-05-11T13:00:00Z", "2026-05-11T14:30:00Z")}, {});
  CHECK(texts(out) ==
        std::vector<std::string>{"2026-05-08T09:00:00-04:00 2026-05-08T12:00:00-04:00",
                                 "2026-05-11T10:30:00-04:00 2026-05-11T12:00:00-04:00"});
}

TEST_CASE("calendar slots: requests the providers cannot answer are refused with what to change",
          "[providers][calendars][slots]") {
  auto backwards = request("2026-05-04T12:00:00Z", "2026-05-04T08:00:00Z", 30);
  CHECK_THROWS_WITH(calendar::check_request(backwards), "`to` must be after `from`");
  auto long_window = request("2026-01-01T00:00:00Z", "2026-03-15T00:00:00Z", 30);
  CHECK_THROWS_WITH(calendar::check_request(long_window),
                    Catch::Matchers::Contains("at most 62 days"));
  auto hours = request("2026-05-04T00:00:00Z", "2026-05-05T00:00:00Z", 30);
  hours.working_hours = calendar::WorkingHours{"17:00", "09:00", {calendar::Weekday::mon}};
  CHECK_THROWS_WITH(calendar::check_request(hours),
                    "working_hours.end must be after working_hours.start");
}
