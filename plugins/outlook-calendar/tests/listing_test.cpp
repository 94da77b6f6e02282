// list_calendars and list_events: following @odata.nextLink, and the OData query the plugin
// builds (calendarView for a window, $filter otherwise).
#include "support.hpp"

using namespace outlook_calendar_tests;

TEST_CASE("list_calendars follows @odata.nextLink and asks for UTC on every page") {
  Provider graph;
  const std::string next = "https://graph.microsoft.com/v1.0/me/calendars?$skip=1";
  graph.on("GET", "/me/calendars", ProviderResponse::json(R"({"value": [
    {"id": "cal-ada", "name": "Calendar", "isDefaultCalendar": true, "canEdit": true}],
    "@odata.nextLink": ")" + next + R"("})"));
  graph.on("GET", "https://graph.microsoft.com/v1.0/me/calendars", ProviderResponse::json(R"({
    "value": [{"id": "cal-room", "name": "Team room", "canEdit": false}]})"));

  auto result = plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, graph);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->calendars.size() == 2);
  CHECK(result->calendars[0].primary);
  CHECK(result->calendars[0].can_edit);
  CHECK(result->calendars[1].id == "cal-room");
  CHECK_FALSE(result->calendars[1].can_edit);
  auto sent = graph.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[1].line() == "GET " + next); // the link as Graph gave it
  for (const auto& request : sent)
    CHECK(request.header("Prefer") == kPrefer);
}

TEST_CASE("list_events with a window reads calendarView between both ends in UTC") {
  Provider graph;
  graph.on("GET", "/me/calendar/calendarView", ProviderResponse::json(R"({"value": [
    {"id": "e1", "subject": "Standup", "isAllDay": false,
     "start": {"dateTime": "2026-03-02T09:00:00.0000000", "timeZone": "UTC"},
     "end": {"dateTime": "2026-03-02T09:15:00.0000000", "timeZone": "UTC"},
     "body": {"contentType": "text", "content": ""},
     "location": {"displayName": "Room 1"},
     "attendees": [{"emailAddress": {"address": "bob@example.com", "name": "Bob"},
                    "status": {"response": "tentativelyAccepted"}}],
     "onlineMeeting": {"joinUrl": "https://teams.microsoft.com/l/meetup-join/1"}},
    {"id": "e2", "subject": "Cancelled", "isCancelled": true,
     "start": {"dateTime": "2026-03-02T10:00:00", "timeZone": "UTC"},
     "end": {"dateTime": "2026-03-02T11:00:00", "timeZone": "UTC"}}]})"));
  calendar::ListEventsIn in;
  in.from = ah::DateTime{"2026-03-02T08:00:00+01:00"};
  in.to = ah::DateTime{"2026-03-03T08:00:00+01:00"};

  auto result = plugin().call<calendar::EventList>("list_events", in, graph);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->events.size() == 1);
  const auto& event = result->events[0];
  CHECK(event.start.value == "2026-03-02T09:00:00Z");
  CHECK_FALSE(event.details); // an empty body is no description
  CHECK(event.location == "Room 1");
  CHECK(event.attendees.at(0).response == calendar::Reply::tentative);
  CHECK(event.meeting_url == "https://teams.microsoft.com/l/meetup-join/1");
  auto sent = graph.requests().at(0);
  CHECK(sent.query_param("startDateTime") == "2026-03-02T07:00:00Z");
  CHECK(sent.query_param("endDateTime") == "2026-03-03T07:00:00Z");
  CHECK(sent.query_param("$orderby") == "start/dateTime");
  CHECK(sent.query_param("$top") == "50");
  CHECK_FALSE(sent.query_param("$filter"));
}

TEST_CASE("list_events with one end and a text filters events, quoting the text for OData") {
  Provider graph;
  graph.on("GET", "/me/calendars/cal%2Froom/events", ProviderResponse::json(R"({"value": []})"));
  calendar::ListEventsIn in;
  in.calendar_id = "cal/room";
  in.from = ah::DateTime{"2026-03-02T08:00:00+01:00"};
  in.query = "Ada's review";

  auto result = plugin().call<calendar::EventList>("list_events", in, graph);

  REQUIRE_THAT(result, Succeeds());
  CHECK(graph.requests().at(0).query_param("$filter") ==
        "end/dateTime ge '2026-03-02T07:00:00' and contains(subject,'Ada''s review')");
}

TEST_CASE("list_events pages until the limit and says more are left") {
  Provider graph;
  auto event = [](int n) {
    return R"({"id": "e)" + std::to_string(n) + R"(", "subject": "Event",
      "start": {"dateTime": "2026-03-02T09:00:00", "timeZone": "UTC"},
      "end": {"dateTime": "2026-03-02T10:00:00", "timeZone": "UTC"}})";
  };
  graph.on("GET", "/me/calendar/events",
           ProviderResponse::json(R"({"value": [)" + event(1) + "," + event(2) +
                                  R"(], "@odata.nextLink": "https://graph.test/v1.0/p2"})"));
  graph.on("GET", "https://graph.test/v1.0/p2",
           ProviderResponse::json(R"({"value": [)" + event(3) + "," + event(4) +
                                  R"(], "@odata.nextLink": "https://graph.test/v1.0/p3"})"));
  calendar::ListEventsIn in;
  in.limit = 3;

  auto result = plugin().call<calendar::EventList>("list_events", in, graph);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->events.size() == 3);
  CHECK(result->events[2].id == "e3");
  CHECK(result->has_more);
  CHECK(graph.requests().size() == 2); // p3 is never asked for
  CHECK(graph.requests().at(0).query_param("$top") == "3");
}

TEST_CASE("list_events that ends exactly at the last page has nothing more") {
  Provider graph;
  graph.on("GET", "/me/calendar/events", ProviderResponse::json(R"({"value": [
    {"id": "e1", "start": {"dateTime": "2026-03-02T09:00:00", "timeZone": "UTC"},
     "end": {"dateTime": "2026-03-02T10:00:00", "timeZone": "UTC"}}]})"));
  calendar::ListEventsIn in;
  in.limit = 1;

  auto result = plugin().call<calendar::EventList>("list_events", in, graph);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->events.size() == 1);
  CHECK_FALSE(result->has_more);
}

TEST_CASE("list_events refuses times Graph sent in another zone than the UTC asked for") {
  Provider graph;
  graph.on("GET", "/me/calendar/events", ProviderResponse::json(R"({"value": [
    {"id": "e1", "start": {"dateTime": "2026-03-02T09:00:00", "timeZone": "Pacific Standard Time"},
     "end": {"dateTime": "2026-03-02T10:00:00", "timeZone": "UTC"}}]})"));

  CHECK_THAT(plugin().call<calendar::EventList>("list_events", calendar::ListEventsIn{}, graph),
             FailsWith(AH_ERR_UPSTREAM, "in time zone 'Pacific Standard Time', though UTC"));
}
