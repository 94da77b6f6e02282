// find_free_slots: one getSchedule call for every attendee; which schedule items block a meeting,
// and the slots computed from them.
#include "support.hpp"

using namespace outlook_calendar_tests;

namespace {

calendar::FindFreeSlotsIn morning_in_paris() {
  calendar::FindFreeSlotsIn in;
  in.attendees = {ah::Email{"ada@example.com"}, ah::Email{"bob@example.com"}};
  in.from = ah::DateTime{"2026-03-02T09:00:00+01:00"}; // a Monday
  in.to = ah::DateTime{"2026-03-02T13:00:00+01:00"};
  return in;
}

std::string item(const std::string& status, const std::string& start, const std::string& end) {
  return R"({"status": ")" + status + R"(", "start": {"dateTime": ")" + start +
         R"(.0000000", "timeZone": "UTC"}, "end": {"dateTime": ")" + end +
         R"(.0000000", "timeZone": "UTC"}})";
}

} // namespace

TEST_CASE("find_free_slots asks getSchedule once in UTC and only busy, away and tentative block") {
  Provider graph;
  graph.on("POST", "/me/calendar/getSchedule",
           ProviderResponse::json(
               R"({"value": [
    {"scheduleId": "ADA@example.com", "scheduleItems": [)" +
               item("busy", "2026-03-02T08:00:00", "2026-03-02T08:45:00") + "," +
               item("free", "2026-03-02T09:00:00", "2026-03-02T10:00:00") + R"(]},
    {"scheduleId": "bob@example.com", "scheduleItems": [)" +
               item("tentative", "2026-03-02T09:00:00", "2026-03-02T09:20:00") + "," +
               item("workingElsewhere", "2026-03-02T09:30:00", "2026-03-02T10:00:00") + "," +
               item("oof", "2026-03-02T10:30:00", "2026-03-02T11:00:00") + "]}]}"));

  auto result = plugin().call<calendar::FreeSlots>("find_free_slots", morning_in_paris(), graph);

  REQUIRE_THAT(result, Succeeds());
  // Blocked 09:00-09:45, 10:00-10:20 and 11:30-12:00 (Paris); 09:45-10:00 is too short.
  REQUIRE(result->slots.size() == 2);
  CHECK(result->slots[0].start.value == "2026-03-02T10:20:00+01:00");
  CHECK(result->slots[0].end.value == "2026-03-02T11:30:00+01:00");
  CHECK(result->slots[1].start.value == "2026-03-02T12:00:00+01:00");
  CHECK(result->slots[1].end.value == "2026-03-02T13:00:00+01:00");
  CHECK(result->unchecked.empty()); // "ADA@..." is Ada: Exchange may change the case
  auto sent = graph.requests();
  REQUIRE(sent.size() == 1);
  auto body = body_of(sent[0]);
  CHECK(body->getArray("schedules")->getElement<std::string>(1) == "bob@example.com");
  CHECK(body->getObject("startTime")->getValue<std::string>("dateTime") == "2026-03-02T08:00:00");
  CHECK(body->getObject("startTime")->getValue<std::string>("timeZone") == "UTC");
  CHECK(body->getObject("endTime")->getValue<std::string>("dateTime") == "2026-03-02T12:00:00");
  CHECK(body->getValue<int>("availabilityViewInterval") == 15);
}

TEST_CASE("find_free_slots reports schedules Graph could not read and leaves them out") {
  Provider graph;
  graph.on("POST", "/me/calendar/getSchedule", ProviderResponse::json(R"({"value": [
    {"scheduleId": "ada@example.com", "scheduleItems": []},
    {"scheduleId": "bob@example.com",
     "error": {"message": "Not found", "responseCode": "ErrorMailRecipientNotFound"}}]})"));
  auto in = morning_in_paris();
  in.attendees.push_back(ah::Email{"eve@example.com"});

  auto result = plugin().call<calendar::FreeSlots>("find_free_slots", in, graph);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->slots.size() == 1);
  REQUIRE(result->unchecked.size() == 2);
  CHECK(result->unchecked[0].reason == "ErrorMailRecipientNotFound");
  CHECK(result->unchecked[1].email == "eve@example.com");
  CHECK(result->unchecked[1].reason == "not in the provider's answer");
}

TEST_CASE("find_free_slots refuses a window over 62 days before calling Graph") {
  auto in = morning_in_paris();
  in.to = ah::DateTime{"2026-05-04T09:00:00+01:00"};

  CHECK_THAT(plugin().call<calendar::FreeSlots>("find_free_slots", in),
             FailsWith(AH_ERR_TOOL, "at most 62 days"));
}

TEST_CASE("find_free_slots says what is wrong with a getSchedule answer it cannot read") {
  Provider graph;
  graph.on("POST", "/me/calendar/getSchedule", ProviderResponse::json(R"({"schedules": []})"));
  CHECK_THAT(plugin().call<calendar::FreeSlots>("find_free_slots", morning_in_paris(), graph),
             FailsWith(AH_ERR_UPSTREAM, "getSchedule answer has no value"));

  Provider broken;
  broken.on("POST", "/me/calendar/getSchedule", ProviderResponse::json(R"({"value": [
    {"scheduleId": "ada@example.com", "scheduleItems": [{"status": "busy"}]}]})"));
  CHECK_THAT(plugin().call<calendar::FreeSlots>("find_free_slots", morning_in_paris(), broken),
             FailsWith(AH_ERR_UPSTREAM, "scheduleItem without start/end"));
}
