// Graph's error answers ({"error": {"code", "message"}}) become tool errors that say what to do.
#include "support.hpp"

using namespace outlook_calendar_tests;

TEST_CASE("A 404 about an event quotes Graph's code and points to list_events") {
  Provider graph;
  graph.on("DELETE", "/me/calendar/events/gone",
           graph_error(404, "ErrorItemNotFound", "The specified object was not found"));
  calendar::DeleteEventIn in;
  in.event_id = "gone";

  auto result = plugin().call<calendar::DeleteEventOut>("delete_event", in, graph);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "event 'gone' not found in calendar 'primary' "
                                            "(HTTP 404: ErrorItemNotFound: The specified object "
                                            "was not found); list_events shows"));
}

TEST_CASE("A 404 about a calendar points to list_calendars") {
  Provider graph;
  graph.on("POST", "/me/calendars/cal-x/events",
           graph_error(404, "ErrorItemNotFound", "The specified object was not found"));
  calendar::CreateEventIn in;
  in.calendar_id = "cal-x";
  in.title = "Lunch";
  in.start = ah::DateTime{"2026-03-02T12:00:00Z"};
  in.end = ah::DateTime{"2026-03-02T13:00:00Z"};

  CHECK_THAT(plugin().call<calendar::Event>("create_event", in, graph),
             FailsWith(AH_ERR_TOOL, "calendar 'cal-x' not found (HTTP 404: ErrorItemNotFound"));
}

TEST_CASE("A 403 on a read-only calendar says the calendar may be read-only") {
  Provider graph;
  graph.on("POST", "/me/calendars/cal-room/events",
           graph_error(403, "ErrorAccessDenied", "Access is denied"));
  calendar::CreateEventIn in;
  in.calendar_id = "cal-room";
  in.title = "Lunch";
  in.start = ah::DateTime{"2026-03-02T12:00:00Z"};
  in.end = ah::DateTime{"2026-03-02T13:00:00Z"};

  CHECK_THAT(plugin().call<calendar::Event>("create_event", in, graph),
             FailsWith(AH_ERR_TOOL, "Microsoft Outlook denied the request (HTTP 403: "
                                    "ErrorAccessDenied: Access is denied); the calendar may be "
                                    "read-only"));
}

TEST_CASE("Throttling that outlasted the proxy's retries says when to try again") {
  Provider graph;
  auto throttled = graph_error(429, "ApplicationThrottled", "Too many requests");
  throttled.headers.emplace_back("Retry-After", "12");
  graph.on("GET", "/me/calendars", throttled);

  CHECK_THAT(plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, graph),
             FailsWith(AH_ERR_TOOL, "Microsoft Outlook is rate limiting this connection (HTTP "
                                    "429: ApplicationThrottled: Too many requests); try again in "
                                    "12 seconds"));
}

TEST_CASE("An error page that is not Graph's JSON is quoted, cut short") {
  Provider graph;
  graph.on("GET", "/me/calendars",
           ProviderResponse::text("<html>" + std::string(400, 'x') + "</html>", 502));

  auto result = plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, graph);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "Microsoft Outlook is unavailable (HTTP 502: <html>x"));
  CHECK(result.error().find("</html>") == std::string::npos); // the first 300 bytes only
}
