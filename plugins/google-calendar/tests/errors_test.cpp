// Google's error answers become tool errors that say what to do next.
#include "support.hpp"

using namespace google_calendar_tests;

namespace {

calendar::DeleteEventIn event_in_team_calendar() {
  calendar::DeleteEventIn in;
  in.calendar_id = "team@example.com";
  in.event_id = "evt-9";
  return in;
}

} // namespace

TEST_CASE("A 404 about an event names the event and the calendar and points to list_events") {
  Provider google;
  google.on("DELETE", "/calendars/team%40example.com/events/evt-9",
            google_error(404, "notFound", "Not Found"));

  auto result =
      plugin().call<calendar::DeleteEventOut>("delete_event", event_in_team_calendar(), google);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "event 'evt-9' not found in calendar "
                                            "'team@example.com' (HTTP 404: Not Found [notFound])"));
  CHECK_THAT(result, FailsWith("list_events shows the events"));
}

TEST_CASE("A 404 about a calendar points to list_calendars") {
  Provider google;
  google.on("GET", "/calendars/nobody%40example.com/events",
            google_error(404, "notFound", "Not Found"));
  calendar::ListEventsIn in;
  in.calendar_id = "nobody@example.com";

  CHECK_THAT(plugin().call<calendar::EventList>("list_events", in, google),
             FailsWith(AH_ERR_TOOL, "calendar 'nobody@example.com' not found"));
}

TEST_CASE("Google's usage limits (403 userRateLimitExceeded) are a rate limit, not a refusal") {
  Provider google;
  google.on("GET", "/users/me/calendarList",
            google_error(403, "userRateLimitExceeded", "User Rate Limit Exceeded"));

  auto result = plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, google);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "Google Calendar is rate limiting this connection "
                                            "(HTTP 403: User Rate Limit Exceeded"));
  CHECK_THAT(result, FailsWith("try again in a minute"));
}

TEST_CASE("Any other 403 says the calendar may be read-only or a scope may be missing") {
  Provider google;
  google.on("DELETE", "/calendars/team%40example.com/events/evt-9",
            google_error(403, "requiredAccessLevel", "You need to have writer access"));

  CHECK_THAT(
      plugin().call<calendar::DeleteEventOut>("delete_event", event_in_team_calendar(), google),
      FailsWith(AH_ERR_TOOL,
                "Google Calendar denied the request (HTTP 403: You need to have "
                "writer access [requiredAccessLevel]); the calendar may be read-only"));
}

TEST_CASE("A 429 that outlasted the proxy's retries says when to try again") {
  Provider google;
  auto limited = google_error(429, "rateLimitExceeded", "Rate Limit Exceeded");
  limited.headers.emplace_back("Retry-After", "30");
  google.on("GET", "/users/me/calendarList", limited);

  CHECK_THAT(plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, google),
             FailsWith(AH_ERR_TOOL, "try again in 30 seconds"));
}

TEST_CASE("A 401 asks for the account to be reconnected, a 503 to try again later") {
  Provider google;
  google.on("GET", "/users/me/calendarList", google_error(401, "authError", "Invalid Credentials"));
  CHECK_THAT(plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, google),
             FailsWith(AH_ERR_TOOL, "the account must be reconnected"));

  Provider down;
  down.on("GET", "/users/me/calendarList", ProviderResponse::text("<html>Bad gateway</html>", 503));
  CHECK_THAT(plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, down),
             FailsWith(AH_ERR_TOOL, "Google Calendar is unavailable (HTTP 503: <html>Bad gateway"));
}

TEST_CASE("An event without a usable start is the provider's error, not a crash") {
  Provider google;
  google.on("GET", "/calendars/primary/events", ProviderResponse::json(R"({"items": [
    {"id": "e1", "start": {"dateTime": "tomorrow"}, "end": {"dateTime": "2026-03-02T10:00:00Z"}}]})"));

  auto result = plugin().call<calendar::EventList>("list_events", calendar::ListEventsIn{}, google);

  CHECK_THAT(result, FailsWith(AH_ERR_UPSTREAM, "start.dateTime 'tomorrow', not an RFC 3339 time"));
}

TEST_CASE("A request that gets no answer at all fails with the proxy's reason") {
  Provider google;
  google.on("GET", "/users/me/calendarList",
            ProviderResponse::fail(AH_ERR_TIMEOUT, "no answer within 30 s"));

  auto result = plugin().call<calendar::CalendarList>("list_calendars", ah::None{}, google);

  CHECK(result.is_error);
  CHECK(result.status == AH_ERR_TIMEOUT);
  CHECK_THAT(result, FailsWith("no answer within 30 s"));
}
