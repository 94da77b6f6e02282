// create_event, update_event and delete_event: Graph event bodies built from the shared input,
// always in UTC, and the checks made before anything is sent.
#include "support.hpp"

#include <sstream>

using namespace outlook_calendar_tests;

namespace {

// Graph's answer to a create or update: the event as sent, with an id and, for an online
// meeting, a Teams join link.
ProviderResponse echo_event(const ProviderRequest& request) {
  auto event = body_of(request);
  event->set("id", "AAMkAGevt1=");
  if (!event->has("start"))
    event->set("start", ah::json::parse_object(R"({"dateTime": "2026-03-02T13:00:00",
                                                   "timeZone": "UTC"})"));
  if (!event->has("end"))
    event->set("end", ah::json::parse_object(R"({"dateTime": "2026-03-02T14:00:00",
                                                 "timeZone": "UTC"})"));
  if (event->optValue<bool>("isOnlineMeeting", false))
    event->set("onlineMeeting",
               ah::json::parse_object(R"({"joinUrl": "https://teams.microsoft.com/l/1"})"));
  std::ostringstream text;
  event->stringify(text);
  return ProviderResponse::json(text.str(), request.method == "POST" ? 201 : 200);
}

} // namespace

TEST_CASE("create_event converts the times to UTC, invites attendees and makes a Teams meeting") {
  Provider graph;
  graph.on("POST", "/me/calendar/events", echo_event);
  calendar::CreateEventIn in;
  in.title = "Design review";
  in.start = ah::DateTime{"2026-03-02T14:00:00+01:00"};
  in.end = ah::DateTime{"2026-03-02T15:00:00+01:00"};
  in.time_zone = "Europe/Paris"; // Outlook events keep UTC
  in.attendees = {ah::Email{"bob@example.com"}};
  in.details = "Chapter 3";
  in.location = "Room 2";
  in.video_meeting = true;

  auto result = plugin().call<calendar::Event>("create_event", in, graph);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->id == "AAMkAGevt1=");
  CHECK(result->start.value == "2026-03-02T13:00:00Z");
  CHECK(result->details == "Chapter 3");
  CHECK(result->location == "Room 2");
  CHECK(result->meeting_url == "https://teams.microsoft.com/l/1");
  auto sent = graph.requests().at(0);
  CHECK(sent.header("Prefer") == kPrefer);
  auto body = body_of(sent);
  CHECK(body->getValue<std::string>("subject") == "Design review");
  CHECK(body->getObject("start")->getValue<std::string>("dateTime") == "2026-03-02T13:00:00");
  CHECK(body->getObject("start")->getValue<std::string>("timeZone") == "UTC");
  CHECK(body->getObject("end")->getValue<std::string>("dateTime") == "2026-03-02T14:00:00");
  auto attendee = body->getArray("attendees")->getObject(0);
  CHECK(attendee->getObject("emailAddress")->getValue<std::string>("address") == "bob@example.com");
  CHECK(attendee->getValue<std::string>("type") == "required");
  CHECK(body->getObject("body")->getValue<std::string>("contentType") == "text");
  CHECK(body->getObject("location")->getValue<std::string>("displayName") == "Room 2");
  CHECK(body->getValue<bool>("isOnlineMeeting"));
  CHECK(body->getValue<std::string>("onlineMeetingProvider") == "teamsForBusiness");
}

TEST_CASE("create_event refuses an end before the start without calling Graph") {
  calendar::CreateEventIn in;
  in.title = "Backwards";
  in.start = ah::DateTime{"2026-03-02T14:00:00Z"};
  in.end = ah::DateTime{"2026-03-02T14:00:00Z"};

  CHECK_THAT(plugin().call<calendar::Event>("create_event", in),
             FailsWith(AH_ERR_TOOL, "`end` must be after `start`"));
}

TEST_CASE("update_event patches only the given fields of the event in its calendar") {
  Provider graph;
  graph.on("PATCH", "/me/calendars/cal-room/events/AAMkAG%2Bevt%3D", echo_event);
  calendar::UpdateEventIn in;
  in.calendar_id = "cal-room";
  in.event_id = "AAMkAG+evt="; // Graph ids hold '+', '/' and '='
  in.title = "Renamed";
  in.attendees = std::vector<ah::Email>{};

  auto result = plugin().call<calendar::Event>("update_event", in, graph);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->title == "Renamed");
  CHECK(result->calendar_id == "cal-room");
  auto body = body_of(graph.requests().at(0));
  CHECK(body->size() == 2);
  CHECK(body->getValue<std::string>("subject") == "Renamed");
  CHECK(body->getArray("attendees")->size() == 0); // an empty list clears the attendees
}

TEST_CASE("update_event says what is missing when there is nothing to change") {
  calendar::UpdateEventIn in;
  in.event_id = "AAMkAGevt1=";
  CHECK_THAT(plugin().call<calendar::Event>("update_event", in),
             FailsWith(AH_ERR_TOOL, "nothing to change"));

  in.time_zone = "Europe/Paris";
  CHECK_THAT(plugin().call<calendar::Event>("update_event", in),
             FailsWith(AH_ERR_TOOL, "time_zone applies to a new start or end"));
}

TEST_CASE("delete_event deletes the event from the default calendar") {
  Provider graph;
  graph.on("DELETE", "/me/calendar/events/AAMkAGevt1%3D", ProviderResponse::text("", 204));
  calendar::DeleteEventIn in;
  in.event_id = "AAMkAGevt1=";

  auto result = plugin().call<calendar::DeleteEventOut>("delete_event", in, graph);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->deleted);
  CHECK(graph.requests().size() == 1);
}
