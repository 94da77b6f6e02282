// google-calendar through the real host and proxy against the local Google Calendar API v3
// fake: every action succeeds, fails the way a model can act on, and pages where it lists.
#include "calendar_host.hpp"
#include "google_calendar_fake.hpp"

using namespace calendar_tests;
using actionhost::fakes::GoogleCalendarFake;
using Catch::Matchers::Contains;

namespace {

struct Google {
  GoogleCalendarFake fake{kAccessToken, kClientId, kClientSecret, kRefreshToken};
  std::unique_ptr<CalendarHost> host;
  Google() {
    fake.add_calendar("ada@example.com", "Ada", "owner", true);
    fake.add_calendar("team@group.calendar.google.com", "Team", "writer");
    fake.add_calendar("holidays@group.v.calendar.google.com", "Holidays", "reader");
    host = std::make_unique<CalendarHost>("google-calendar", "GOOGLE_CALENDAR",
                                          "https://oauth2.googleapis.com/token", fake.base_url(),
                                          fake.token_url());
  }
  ~Google() {
    auto problems = fake.problems();
    for (const auto& p : problems)
      UNSCOPED_INFO("fake: " + p);
    CHECK(problems.empty());
  }
  // The requests to one API path (decoded), in order.
  std::vector<actionhost::fakes::Request> to(const std::string& path) {
    std::vector<actionhost::fakes::Request> out;
    for (auto& r : fake.api_requests())
      if (r.path == "/calendar/v3" + path)
        out.push_back(r);
    return out;
  }
};

} // namespace

TEST_CASE("google-calendar: tools are the shared calendar actions with honest annotations and "
          "output schemas",
          "[providers][calendars][google]") {
  Google g;
  auto tools = g.host->tools();
  std::map<std::string, Poco::JSON::Object::Ptr> by_name;
  for (size_t i = 0; i < tools->size(); ++i)
    by_name[tools->getObject(i)->getValue<std::string>("name")] = tools->getObject(i);
  REQUIRE(by_name.size() == 6);
  for (const auto& [name, tool] : by_name) {
    INFO(name);
    REQUIRE(tool->getObject("outputSchema"));
    auto hints = tool->getObject("annotations");
    REQUIRE(hints);
    bool read_only = name == "list_calendars" || name == "list_events" || name == "find_free_slots";
    CHECK(hints->getValue<bool>("readOnlyHint") == read_only);
    if (!read_only)
      CHECK(hints->getValue<bool>("destructiveHint") == (name != "create_event"));
    CHECK(hints->getValue<bool>("idempotentHint") == (name != "create_event"));
  }
}

TEST_CASE("google-calendar: list_calendars follows nextPageToken and reports who can edit",
          "[providers][calendars][google]") {
  Google g;
  g.fake.page_size = 2;
  auto result = g.host->call("list_calendars", "{}");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto calendars = result.structured->getArray("calendars");
  REQUIRE(calendars->size() == 3);
  CHECK(calendars->getObject(0)->getValue<std::string>("id") == "ada@example.com");
  CHECK(calendars->getObject(0)->getValue<bool>("primary"));
  CHECK(calendars->getObject(1)->getValue<bool>("can_edit"));
  CHECK_FALSE(calendars->getObject(2)->getValue<bool>("can_edit"));
  auto pages = g.to("/users/me/calendarList");
  REQUIRE(pages.size() == 2);
  CHECK(pages[1].param("pageToken") == "cal-2");
  CHECK(pages[0].header("Authorization") == "Bearer " + kAccessToken);
}

TEST_CASE("google-calendar: a 429 with Retry-After is waited out, and one that lasts becomes a "
          "tool error saying when to try again",
          "[providers][calendars][google]") {
  Google g;
  g.fake.throttle(1, 1);
  auto first = g.host->call("list_calendars", "{}");
  CHECK_FALSE(first.is_error);
  CHECK(g.to("/users/me/calendarList").size() == 2);

  g.fake.throttle(100, 1);
  auto throttled = g.host->call("list_calendars", "{}");
  CHECK(throttled.is_error);
  CHECK_THAT(throttled.text, Contains("rate limiting") && Contains("try again in 1 seconds"));

  // Usage limits come as 403 userRateLimitExceeded: still a rate limit, not a refusal.
  g.fake.throttle(1, 0, 403);
  auto limited = g.host->call("list_calendars", "{}");
  CHECK(limited.is_error);
  CHECK_THAT(limited.text, Contains("rate limiting") && Contains("userRateLimitExceeded"));
}

TEST_CASE("google-calendar: an expired access token is refreshed once and the call goes through",
          "[providers][calendars][google]") {
  Google g;
  g.fake.add_event("ada@example.com", "Standup", "2026-05-04T09:00:00+02:00",
                   "2026-05-04T09:15:00+02:00");
  g.fake.expire_access_token();
  auto result = g.host->call("list_events", "{}");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured->getArray("events")->size() == 1);
  CHECK(g.fake.tokens.grants() == 1);
  auto calls = g.to("/calendars/primary/events");
  REQUIRE(calls.size() == 2);
  CHECK(calls[1].header("Authorization") == "Bearer access-1");
}

TEST_CASE("google-calendar: list_events pages up to the caller's limit within a window and query",
          "[providers][calendars][google]") {
  Google g;
  for (int day = 4; day <= 8; ++day)
    g.fake.add_event("ada@example.com", "Review " + std::to_string(day),
                     "2026-05-0" + std::to_string(day) + "T10:00:00Z",
                     "2026-05-0" + std::to_string(day) + "T11:00:00Z", "weekly design review");
  g.fake.add_event("ada@example.com", "Lunch", "2026-05-05T12:00:00Z", "2026-05-05T13:00:00Z");
  g.fake.add_event("ada@example.com", "Review old", "2026-04-01T10:00:00Z", "2026-04-01T11:00:00Z");
  g.fake.page_size = 2;
  auto result = g.host->call("list_events", R"({"from":"2026-05-01T00:00:00Z",
      "to":"2026-06-01T00:00:00Z","query":"review","limit":3})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto events = result.structured->getArray("events");
  REQUIRE(events->size() == 3);
  CHECK(events->getObject(0)->getValue<std::string>("title") == "Review 4");
  CHECK(events->getObject(2)->getValue<std::string>("title") == "Review 6");
  CHECK(events->getObject(0)->getValue<std::string>("start") == "2026-05-04T10:00:00Z");
  CHECK(events->getObject(0)->getValue<std::string>("calendar_id") == "primary");
  CHECK(result.structured->getValue<bool>("has_more"));
  auto pages = g.to("/calendars/primary/events");
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].param("timeMin") == "2026-05-01T00:00:00Z");
  CHECK(pages[0].param("q") == "review");
  CHECK(pages[0].param("maxResults") == "3");
  CHECK(pages[1].param("pageToken") == "evt-2");
  CHECK(pages[1].param("maxResults") == "1");
}

TEST_CASE("google-calendar: list_events reads all-day events as days from midnight UTC",
          "[providers][calendars][google]") {
  Google g;
  g.fake.add_event("ada@example.com", "Conference", "2026-05-04", "2026-05-06");
  auto result = g.host->call("list_events", R"({"from":"2026-05-05T12:00:00Z"})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto events = result.structured->getArray("events");
  REQUIRE(events->size() == 1);
  CHECK(events->getObject(0)->getValue<bool>("all_day"));
  CHECK(events->getObject(0)->getValue<std::string>("start") == "2026-05-04T00:00:00Z");
  CHECK(events->getObject(0)->getValue<std::string>("end") == "2026-05-06T00:00:00Z");
}

TEST_CASE("google-calendar: an answer that is not JSON is a clear error, not a crash",
          "[providers][calendars][google]") {
  Google g;
  g.fake.garble(1);
  auto result = g.host->call("list_events", "{}");
  CHECK(result.is_error);
  CHECK_THAT(result.text, Contains("not valid JSON"));
  CHECK_FALSE(g.host->call("list_events", "{}").is_error);
}

TEST_CASE("google-calendar: list_events on an unknown calendar points to list_calendars",
          "[providers][calendars][google]") {
  Google g;
  auto result = g.host->call("list_events", R"({"calendar_id":"nope@example.com"})");
  CHECK(result.is_error);
  CHECK_THAT(result.text, Contains("calendar 'nope@example.com' not found") &&
                              Contains("list_calendars shows the calendars"));
}

TEST_CASE("google-calendar: create_event invites attendees and asks for a Google Meet",
          "[providers][calendars][google]") {
  Google g;
  auto result = g.host->call("create_event", R"({"title":"Design review",
      "start":"2026-05-04T10:00:00+02:00","end":"2026-05-04T11:00:00+02:00",
      "time_zone":"Europe/Paris","attendees":["bob@example.com","cy@example.com"],
      "description":"Agenda: the calendar plugins","location":"Room 4","video_meeting":true})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto& e = result.structured;
  CHECK(e->getValue<std::string>("title") == "Design review");
  CHECK(e->getValue<std::string>("start") == "2026-05-04T10:00:00+02:00");
  CHECK(e->getValue<std::string>("time_zone") == "Europe/Paris");
  CHECK(e->getValue<std::string>("meeting_url") == "https://meet.google.com/abc-defg-hij");
  CHECK(e->getValue<std::string>("location") == "Room 4");
  CHECK(e->getArray("attendees")->size() == 2);
  CHECK(e->getArray("attendees")->getObject(0)->getValue<std::string>("response") ==
        "needs_action");
  auto sent = g.to("/calendars/primary/events");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].param("conferenceDataVersion") == "1");
  CHECK(sent[0].param("sendUpdates") == "all");
  auto stored = g.fake.event("primary", e->getValue<std::string>("id"));
  REQUIRE(stored);
  CHECK(stored->getValue<std::string>("description") == "Agenda: the calendar plugins");
}

TEST_CASE("google-calendar: create_event on a read-only calendar says so, and a backwards time "
          "range never reaches Google",
          "[providers][calendars][google]") {
  Google g;
  auto denied =
      g.host->call("create_event", R"({"calendar_id":"holidays@group.v.calendar.google.com",
      "title":"Party","start":"2026-05-04T10:00:00Z","end":"2026-05-04T11:00:00Z"})");
  CHECK(denied.is_error);
  CHECK_THAT(denied.text, Contains("HTTP 403") && Contains("can_edit"));
  auto backwards = g.host->call("create_event", R"({"title":"Oops",
      "start":"2026-05-04T11:00:00Z","end":"2026-05-04T10:00:00Z"})");
  CHECK(backwards.is_error);
  CHECK_THAT(backwards.text, Contains("`end` must be after `start`"));
  CHECK(g.fake.event_count("holidays@group.v.calendar.google.com") == 0);
  CHECK(g.to("/calendars/primary/events").empty());
}

TEST_CASE("google-calendar: update_event patches only the given fields",
          "[providers][calendars][google]") {
  Google g;
  auto id = g.fake.add_event("team@group.calendar.google.com", "Retro", "2026-05-04T10:00:00Z",
                             "2026-05-04T11:00:00Z", "keep me");
  auto result = g.host->call("update_event", R"({"calendar_id":"team@group.calendar.google.com",
      "event_id":")" + id + R"(","title":"Retro, moved","start":"2026-05-04T14:00:00Z",
      "end":"2026-05-04T15:00:00Z","add_video_meeting":true
})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured->getValue<std::string>("title") == "Retro, moved");
  CHECK(result.structured->getValue<std::string>("description") == "keep me");
  CHECK(result.structured->getValue<std::string>("start") == "2026-05-04T14:00:00Z");
  CHECK(result.structured->has("meeting_url"));
  auto sent = g.to("/calendars/team%40group.calendar.google.com/events/" + id);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].method == "PATCH");
  CHECK(sent[0].body.find("description") == std::string::npos);
}

TEST_CASE("google-calendar: update_event on an unknown event points to list_events",
          "[providers][calendars][google]") {
  Google g;
  auto result = g.host->call("update_event", R"({"event_id":"missing1","title":"x"})");
  CHECK(result.is_error);
  CHECK_THAT(result.text, Contains("event 'missing1' not found in calendar 'primary'") &&
                              Contains("list_events"));
  auto nothing = g.host->call("update_event", R"({"event_id":"missing1"})");
  CHECK(nothing.is_error);
  CHECK_THAT(nothing.text, Contains("nothing to change"));
}

TEST_CASE("google-calendar: delete_event deletes once, and a second delete says it is gone",
          "[providers][calendars][google]") {
  Google g;
  auto id = g.fake.add_event("ada@example.com", "Dentist", "2026-05-04T10:00:00Z",
                             "2026-05-04T11:00:00Z");
  auto result = g.host->call("delete_event", R"({"event_id":")" + id + R"("})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured->getValue<bool>("deleted"));
  CHECK(g.fake.event("primary", id)->getValue<std::string>("status") == "cancelled");
  auto again = g.host->call("delete_event", R"({"event_id":")" + id + R"("})");
  CHECK(again.is_error);
  CHECK_THAT(again.text, Contains("HTTP 410") && Contains("not found"));
}

TEST_CASE("google-calendar: find_free_slots makes one freeBusy call and keeps to working hours",
          "[providers][calendars][google]") {
  Google g;
  g.fake.set_busy("ada@example.com", {{"2026-05-04T07:00:00Z", "2026-05-04T08:30:00Z"}});
  g.fake.set_busy("bob@example.com", {{"2026-05-04T12:00:00Z", "2026-05-04T13:00:00Z"},
                                      {"2026-05-05T07:00:00Z", "2026-05-05T15:00:00Z"}});
  auto result = g.host->call("find_free_slots", R"({"attendees":["ada@example.com",
      "bob@example.com","ghost@example.com"],"from":"2026-05-04T00:00:00+02:00",
      "to":"2026-05-06T00:00:00+02:00","duration_minutes":60,"working_hours":{}})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto slots = result.structured->getArray("slots");
  REQUIRE(slots->size() == 2);
  CHECK(slots->getObject(0)->getValue<std::string>("start") == "2026-05-04T10:30:00+02:00");
  CHECK(slots->getObject(0)->getValue<std::string>("end") == "2026-05-04T14:00:00+02:00");
  CHECK(slots->getObject(1)->getValue<std::string>("start") == "2026-05-04T15:00:00+02:00");
  CHECK(slots->getObject(1)->getValue<std::string>("end") == "2026-05-04T17:00:00+02:00");
  auto unchecked = result.structured->getArray("unchecked");
  REQUIRE(unchecked->size() == 1);
  CHECK(unchecked->getObject(0)->getValue<std::string>("reason") == "notFound");
  auto sent = g.to("/freeBusy");
  REQUIRE(sent.size() == 1);
  CHECK_THAT(sent[0].body, Contains(R"("timeMin":"2026-05-03T22:00:00Z")"));
}

TEST_CASE("google-calendar: find_free_slots refuses a backwards window and reports provider "
          "failures as tool errors",
          "[providers][calendars][google]") {
  Google g;
  auto backwards = g.host->call("find_free_slots", R"({"attendees":["ada@example.com"],
      "from":"2026-05-06T00:00:00Z","to":"2026-05-04T00:00:00Z"})");
  CHECK(backwards.is_error);
  CHECK_THAT(backwards.text, Contains("`to` must be after `from`"));
  CHECK(g.to("/freeBusy").empty());
  g.fake.throttle(100, 1);
  auto throttled = g.host->call("find_free_slots", R"({"attendees":["ada@example.com"],
      "from":"2026-05-04T00:00:00Z","to":"2026-05-06T00:00:00Z"})");
  CHECK(throttled.is_error);
  CHECK_THAT(throttled.text, Contains("rateLimitExceeded") && Contains("try again"));
  g.fake.throttle(0, 1);
  g.fake.expire_access_token();
  g.fake.tokens.refuse = true;
  auto refused = g.host->call("find_free_slots", R"({"attendees":["ada@example.com"],
      "from":"2026-05-04T00:00:00Z","to":"2026-05-06T00:00:00Z"})");
  CHECK(refused.is_error);
  CHECK_THAT(refused.text, Contains("reconnect"));
}
