// create_event, update_event and delete_event: the bodies and query the plugin builds from the
// shared input, and the checks it makes before sending anything.
#include "support.hpp"

#include <sstream>

using namespace google_calendar_tests;

namespace {

// Google's answer to an insert or patch: the event, with an id and a Meet link when one was
// asked for.
ProviderResponse event_answer(ah::JsonObject event) { // by value: a const Ptr cannot set()
  event->set("id", "evt-42");
  if (event->has("conferenceData"))
    event->set("conferenceData", ah::json::parse_object(R"({"entryPoints": [
      {"entryPointType": "phone", "uri": "tel:+1-555-0100"},
      {"entryPointType": "video", "uri": "https://meet.google.com/xyz-abcd-efg"}]})"));
  std::ostringstream text;
  event->stringify(text);
  return ProviderResponse::json(text.str());
}

ProviderResponse echo_event(const ProviderRequest& request) {
  return event_answer(body_of(request));
}

} // namespace

TEST_CASE("create_event sends the event in its zone, invites attendees and asks for a Meet") {
  Provider google;
  google.on("POST", "/calendars/primary/events", echo_event);
  calendar::CreateEventIn in;
  in.title = "Design review";
  in.start = ah::DateTime{"2026-03-02T14:00:00+01:00"};
  in.end = ah::DateTime{"2026-03-02T15:00:00+01:00"};
  in.time_zone = "Europe/Paris";
  in.attendees = {ah::Email{"bob@example.com"}, ah::Email{"eve@example.com"}};
  in.details = "Chapter 3";
  in.video_meeting = true;

  auto result = plugin().call<calendar::Event>("create_event", in, google);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->id == "evt-42");
  CHECK(result->meeting_url == "https://meet.google.com/xyz-abcd-efg"); // the video entry point
  CHECK(result->attendees.size() == 2);
  auto sent = google.requests().at(0);
  CHECK(sent.query_param("conferenceDataVersion") == "1");
  CHECK(sent.query_param("sendUpdates") == "all");
  auto body = body_of(sent);
  CHECK(body->getValue<std::string>("summary") == "Design review");
  CHECK(body->getValue<std::string>("description") == "Chapter 3");
  CHECK(body->getObject("start")->getValue<std::string>("dateTime") == "2026-03-02T14:00:00+01:00");
  CHECK(body->getObject("start")->getValue<std::string>("timeZone") == "Europe/Paris");
  CHECK(body->getArray("attendees")->getObject(1)->getValue<std::string>("email") ==
        "eve@example.com");
  auto create = body->getObject("conferenceData")->getObject("createRequest");
  CHECK(create->getObject("conferenceSolutionKey")->getValue<std::string>("type") ==
        "hangoutsMeet");
  CHECK_FALSE(create->getValue<std::string>("requestId").empty());
}

TEST_CASE("create_event without attendees or a meeting sends no one an email and shows it in UTC") {
  Provider google;
  google.on("POST", "/calendars/primary/events", echo_event);
  calendar::CreateEventIn in;
  in.title = "Focus time";
  in.start = ah::DateTime{"2026-03-02T14:00:00Z"};
  in.end = ah::DateTime{"2026-03-02T16:00:00Z"};

  auto result = plugin().call<calendar::Event>("create_event", in, google);

  REQUIRE_THAT(result, Succeeds());
  auto sent = google.requests().at(0);
  CHECK(sent.query.empty());
  auto body = body_of(sent);
  CHECK_FALSE(body->has("attendees"));
  CHECK_FALSE(body->has("conferenceData"));
  CHECK(body->getObject("end")->getValue<std::string>("timeZone") == "UTC");
}

TEST_CASE("create_event refuses an end before the start without calling Google") {
  calendar::CreateEventIn in;
  in.title = "Backwards";
  in.start = ah::DateTime{"2026-03-02T14:00:00Z"};
  in.end = ah::DateTime{"2026-03-02T13:00:00Z"};

  CHECK_THAT(plugin().call<calendar::Event>("create_event", in),
             FailsWith(AH_ERR_TOOL, "`end` must be after `start`"));
}

TEST_CASE("update_event patches only the given fields, with a Meet request tied to the event") {
  Provider google;
  google.on("PATCH", "/calendars/primary/events/evt-42", [](const ProviderRequest& request) {
    auto event = body_of(request);
    event->set("start", ah::json::parse_object(R"({"dateTime": "2026-03-02T14:00:00Z"})"));
    event->set("end", ah::json::parse_object(R"({"dateTime": "2026-03-02T15:00:00Z"})"));
    return event_answer(event); // a patch answers with the whole event
  });
  calendar::UpdateEventIn in;
  in.event_id = "evt-42";
  in.location = "Room 2";
  in.add_video_meeting = true;

  auto result = plugin().call<calendar::Event>("update_event", in, google);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->location == "Room 2");
  auto sent = google.requests().at(0);
  CHECK(sent.query_param("conferenceDataVersion") == "1");
  CHECK_FALSE(sent.query_param("sendUpdates")); // attendees unchanged: no emails
  auto body = body_of(sent);
  CHECK(body->size() == 2);
  CHECK(body->getValue<std::string>("location") == "Room 2");
  // Derived from the event: a retried update asks for the same meeting, not a second one.
  CHECK(body->getObject("conferenceData")
            ->getObject("createRequest")
            ->getValue<std::string>("requestId") == "meet-evt-42");
}

TEST_CASE("update_event says what is missing when there is nothing to change") {
  calendar::UpdateEventIn in;
  in.event_id = "evt-42";
  CHECK_THAT(plugin().call<calendar::Event>("update_event", in),
             FailsWith(AH_ERR_TOOL, "nothing to change"));

  in.time_zone = "Europe/Paris";
  CHECK_THAT(plugin().call<calendar::Event>("update_event", in),
             FailsWith(AH_ERR_TOOL, "time_zone applies to a new start or end"));
}

TEST_CASE("delete_event sends DELETE for the event and reports it deleted") {
  Provider google;
  google.on("DELETE", "/calendars/team%40example.com/events/evt-42",
            ProviderResponse::text("", 204));
  calendar::DeleteEventIn in;
  in.calendar_id = "team@example.com";
  in.event_id = "evt-42";

  auto result = plugin().call<calendar::DeleteEventOut>("delete_event", in, google);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->event_id == "evt-42");
  CHECK(result->deleted);
  CHECK(google.requests().size() == 1);
}
