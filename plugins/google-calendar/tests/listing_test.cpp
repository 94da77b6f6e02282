// list_calendars and list_events: the pagination loops and the query the plugin builds.
#include "support.hpp"

using namespace google_calendar_tests;

TEST_CASE("list_calendars follows nextPageToken and reads who may edit each calendar") {
  Provider google;
  google.on("GET", "/users/me/calendarList", [](const ProviderRequest& request) {
    if (!request.query_param("pageToken"))
      return ProviderResponse::json(R"({"items": [
        {"id": "ada@example.com", "summary": "ada@example.com", "summaryOverride": "Ada",
         "primary": true, "accessRole": "owner", "timeZone": "Europe/London"}],
        "nextPageToken": "page-2"})");
    return ProviderResponse::json(R"({"items": [
      {"id": "team@group.calendar.google.com", "summary": "Team", "accessRole": "writer"},
      {"id": "holidays@group.v.calendar.google.com", "summary": "Holidays",
       "accessRole": "reader"}]})");
  });

  auto result = plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, google);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->calendars.size() == 3);
  CHECK(result->calendars[0].name == "Ada"); // the user's own name for it wins
  CHECK(result->calendars[0].primary);
  CHECK(result->calendars[0].time_zone == "Europe/London");
  CHECK(result->calendars[1].can_edit);
  CHECK_FALSE(result->calendars[2].can_edit);
  CHECK_FALSE(result->calendars[2].time_zone);
  auto sent = google.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].line() == "GET /users/me/calendarList?maxResults=250");
  CHECK(sent[1].line() == "GET /users/me/calendarList?maxResults=250&pageToken=page-2");
}

TEST_CASE("list_events sends the window and text, and asks each page for only what is missing") {
  Provider google;
  // Calendar ids hold '@' and '#': one path segment, percent-encoded.
  google.on("GET", "/calendars/en.uk%23holiday%40group.v.calendar.google.com/events",
            [](const ProviderRequest& request) {
              if (!request.query_param("pageToken"))
                return ProviderResponse::json(R"({"items": [
          {"id": "e1", "summary": "Bank holiday", "start": {"date": "2026-05-04"},
           "end": {"date": "2026-05-05"}},
          {"id": "e2", "status": "cancelled", "start": {"date": "2026-05-05"},
           "end": {"date": "2026-05-06"}}], "nextPageToken": "t2"})");
              return ProviderResponse::json(R"({"items": [
          {"id": "e3", "summary": "Spring bank holiday", "start": {"date": "2026-05-25"},
           "end": {"date": "2026-05-26"}},
          {"id": "e4", "summary": "Not wanted", "start": {"date": "2026-05-26"},
           "end": {"date": "2026-05-27"}}], "nextPageToken": "t3"})");
            });

  calendar::ListEventsIn in;
  in.calendar_id = "en.uk#holiday@group.v.calendar.google.com";
  in.from = ah::DateTime{"2026-05-01T00:00:00+01:00"};
  in.to = ah::DateTime{"2026-06-01T00:00:00+01:00"};
  in.query = "bank holiday";
  in.limit = 2;
  auto result = plugin().call<calendar::EventList>("list_events", in, google);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->events.size() == 2); // the cancelled one is left out
  CHECK(result->events[0].id == "e1");
  CHECK(result->events[0].all_day);
  CHECK(result->events[0].start.value == "2026-05-04T00:00:00Z");
  CHECK(result->events[1].id == "e3");
  CHECK(result->has_more); // e4 and page t3 were left
  auto sent = google.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].query_param("singleEvents") == "true");
  CHECK(sent[0].query_param("orderBy") == "startTime");
  CHECK(sent[0].query_param("timeMin") == "2026-05-01T00:00:00+01:00");
  CHECK(sent[0].query_param("timeMax") == "2026-06-01T00:00:00+01:00");
  CHECK(sent[0].query_param("q") == "bank holiday");
  CHECK(sent[0].query_param("maxResults") == "2");
  CHECK(sent[1].query_param("pageToken") == "t2");
  CHECK(sent[1].query_param("maxResults") == "1"); // one event still missing
}

TEST_CASE("list_events stops at the last page and then has nothing more") {
  Provider google;
  google.on("GET", "/calendars/primary/events", ProviderResponse::json(R"({"items": [
    {"id": "e1", "summary": "Standup", "location": "Room 1",
     "start": {"dateTime": "2026-03-02T09:00:00Z", "timeZone": "Europe/Paris"},
     "end": {"dateTime": "2026-03-02T09:15:00Z"},
     "attendees": [{"email": "bob@example.com", "displayName": "Bob",
                    "responseStatus": "tentative"}],
     "hangoutLink": "https://meet.google.com/abc-defg-hij",
     "htmlLink": "https://calendar.google.com/event?eid=e1"}]})"));

  auto result = plugin().call<calendar::EventList>("list_events", calendar::ListEventsIn{}, google);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->events.size() == 1);
  const auto& event = result->events[0];
  CHECK(event.calendar_id == "primary");
  CHECK(event.time_zone == "Europe/Paris");
  CHECK(event.location == "Room 1");
  REQUIRE(event.attendees.size() == 1);
  CHECK(event.attendees[0].name == "Bob");
  CHECK(event.attendees[0].response == calendar::Reply::tentative);
  CHECK(event.meeting_url == "https://meet.google.com/abc-defg-hij");
  CHECK_FALSE(result->has_more);
  auto sent = google.requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].query_param("maxResults") == "50"); // the default limit
  CHECK_FALSE(sent[0].query_param("timeMin"));
  CHECK_FALSE(sent[0].query_param("q"));
}

TEST_CASE("list_events refuses a window that ends before it starts, before asking Google") {
  calendar::ListEventsIn in;
  in.from = ah::DateTime{"2026-03-02T10:00:00Z"};
  in.to = ah::DateTime{"2026-03-02T09:00:00Z"};

  auto result = plugin().call<calendar::EventList>("list_events", in);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "`end` must be after `start`"));
}

TEST_CASE("list_events arguments outside the schema are refused before the action runs") {
  Provider google;
  CHECK_THAT(plugin().call_json("list_events", R"({"limit": 0})", google), FailsWith("limit"));
  CHECK_THAT(plugin().call_json("list_events", R"({"calendar_id": ""})", google),
             FailsWith("calendar_id"));
  CHECK_THAT(plugin().call_json("list_events", R"({"from": "yesterday"})", google),
             FailsWith("from"));
  CHECK(google.requests().empty());
}
