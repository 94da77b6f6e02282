// find_free_slots: one freeBusy query for every attendee, and the slots computed from its answer.
#include "support.hpp"

using namespace google_calendar_tests;

namespace {

calendar::FindFreeSlotsIn morning_in_paris() {
  calendar::FindFreeSlotsIn in;
  in.attendees = {ah::Email{"ada@example.com"}, ah::Email{"bob@example.com"}};
  in.from = ah::DateTime{"2026-03-02T09:00:00+01:00"}; // a Monday
  in.to = ah::DateTime{"2026-03-02T13:00:00+01:00"};
  in.duration_minutes = 30;
  return in;
}

} // namespace

TEST_CASE("find_free_slots asks freeBusy once in UTC and returns the gaps in the caller's offset") {
  Provider google;
  google.on("POST", "/freeBusy", ProviderResponse::json(R"({"calendars": {
    "ada@example.com": {"busy": [{"start": "2026-03-02T08:00:00Z", "end": "2026-03-02T08:45:00Z"}]},
    "bob@example.com": {"busy": [{"start": "2026-03-02T09:00:00Z", "end": "2026-03-02T09:20:00Z"},
                                 {"start": "2026-03-02T10:30:00Z", "end": "2026-03-02T11:00:00Z"}]}
  }})"));

  auto result = plugin().call<calendar::FreeSlots>("find_free_slots", morning_in_paris(), google);

  REQUIRE_THAT(result, Succeeds());
  // Busy 09:00-09:45, 10:00-10:20 and 11:30-12:00 (Paris): 09:45-10:00 is too short.
  REQUIRE(result->slots.size() == 2);
  CHECK(result->slots[0].start.value == "2026-03-02T10:20:00+01:00");
  CHECK(result->slots[0].end.value == "2026-03-02T11:30:00+01:00");
  CHECK(result->slots[1].start.value == "2026-03-02T12:00:00+01:00");
  CHECK(result->slots[1].end.value == "2026-03-02T13:00:00+01:00");
  CHECK(result->unchecked.empty());
  auto sent = google.requests();
  REQUIRE(sent.size() == 1);
  auto body = body_of(sent[0]);
  CHECK(body->getValue<std::string>("timeMin") == "2026-03-02T08:00:00Z");
  CHECK(body->getValue<std::string>("timeMax") == "2026-03-02T12:00:00Z");
  CHECK(body->getValue<std::string>("timeZone") == "UTC");
  auto items = body->getArray("items");
  REQUIRE(items->size() == 2);
  CHECK(items->getObject(1)->getValue<std::string>("id") == "bob@example.com");
}

TEST_CASE("find_free_slots reports calendars Google could not read and leaves them out") {
  Provider google;
  google.on("POST", "/freeBusy", ProviderResponse::json(R"({"calendars": {
    "ada@example.com": {"busy": []},
    "bob@example.com": {"errors": [{"domain": "global", "reason": "notFound"}], "busy": []}
  }})"));
  auto in = morning_in_paris();
  in.attendees.push_back(ah::Email{"eve@example.com"}); // missing from the answer
  in.max_slots = 1;

  auto result = plugin().call<calendar::FreeSlots>("find_free_slots", in, google);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->slots.size() == 1);
  CHECK(result->slots[0].start.value == "2026-03-02T09:00:00+01:00");
  CHECK(result->slots[0].end.value == "2026-03-02T13:00:00+01:00");
  REQUIRE(result->unchecked.size() == 2);
  CHECK(result->unchecked[0].email == "bob@example.com");
  CHECK(result->unchecked[0].reason == "notFound");
  CHECK(result->unchecked[1].email == "eve@example.com");
  CHECK(result->unchecked[1].reason == "not in the provider's answer");
}

TEST_CASE("find_free_slots keeps to working hours read in the offset of `from`") {
  Provider google;
  google.on("POST", "/freeBusy", ProviderResponse::json(R"({"calendars": {
    "ada@example.com": {"busy": []}, "bob@example.com": {"busy": []}}})"));
  calendar::FindFreeSlotsIn in = morning_in_paris();
  in.from = ah::DateTime{"2026-03-06T00:00:00+01:00"}; // Friday
  in.to = ah::DateTime{"2026-03-10T00:00:00+01:00"};   // Tuesday
  in.working_hours =
      calendar::WorkingHours{"09:00", "12:00", {calendar::Weekday::fri, calendar::Weekday::mon}};

  auto result = plugin().call<calendar::FreeSlots>("find_free_slots", in, google);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->slots.size() == 2); // Friday and Monday mornings, not the weekend
  CHECK(result->slots[0].start.value == "2026-03-06T09:00:00+01:00");
  CHECK(result->slots[0].end.value == "2026-03-06T12:00:00+01:00");
  CHECK(result->slots[1].start.value == "2026-03-09T09:00:00+01:00");
}

TEST_CASE("find_free_slots refuses what Google cannot answer before calling it") {
  auto in = morning_in_paris();
  in.to = in.from;
  CHECK_THAT(plugin().call<calendar::FreeSlots>("find_free_slots", in),
             FailsWith(AH_ERR_TOOL, "`to` must be after `from`"));

  in.to = ah::DateTime{"2026-05-30T09:00:00+01:00"};
  CHECK_THAT(plugin().call<calendar::FreeSlots>("find_free_slots", in),
             FailsWith(AH_ERR_TOOL, "at most 62 days"));

  in = morning_in_paris();
  in.working_hours = calendar::WorkingHours{"17:00", "09:00", {calendar::Weekday::mon}};
  CHECK_THAT(plugin().call<calendar::FreeSlots>("find_free_slots", in),
             FailsWith(AH_ERR_TOOL, "working_hours.end must be after working_hours.start"));
}

TEST_CASE("find_free_slots says so when the freeBusy answer has no calendars") {
  Provider google;
  google.on("POST", "/freeBusy", ProviderResponse::json(R"({"kind": "calendar#freeBusy"})"));

  CHECK_THAT(plugin().call<calendar::FreeSlots>("find_free_slots", morning_in_paris(), google),
             FailsWith(AH_ERR_UPSTREAM, "freeBusy answer has no calendars"));
}
