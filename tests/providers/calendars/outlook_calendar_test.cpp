// outlook-calendar through the real host and proxy against the local Microsoft Graph v1.0 fake:
// every action succeeds, fails the way a model can act on, and pages where it lists.
#include "calendar_host.hpp"
#include "outlook_calendar_fake.hpp"

using namespace calendar_tests;
using actionhost::fakes::OutlookCalendarFake;
using Catch::Matchers::Contains;

namespace {

const std::string kTeam = "AAMkAD-team+cal==";

struct Outlook {
  OutlookCalendarFake fake{kAccessToken, kClientId, kClientSecret, kRefreshToken};
  std::unique_ptr<CalendarHost> host;
  Outlook() {
    fake.add_calendar("AAMkAD-default=", "Calendar", true, true);
    fake.add_calendar(kTeam, "Team", true);
    fake.add_calendar("AAMkAD-holidays=", "United States holidays", false);
    host =
        std::make_unique<CalendarHost>("outlook-calendar", "OUTLOOK_CALENDAR",
                                       "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                                       fake.base_url(), fake.token_url());
  }
  ~Outlook() {
    auto problems = fake.problems();
    for (const auto& p : problems)
      UNSCOPED_INFO("fake: " + p);
    CHECK(problems.empty());
  }
  std::vector<actionhost::fakes::Request> to(const std::string& path) {
    std::vector<actionhost::fakes::Request> out;
    for (auto& r : fake.api_requests())
      if (r.path == "/v1.0" + path)
        out.push_back(r);
    return out;
  }
};

} // namespace

TEST_CASE("outlook-calendar: tools are the shared calendar actions with honest annotations and "
          "output schemas",
          "[providers][calendars][outlook]") {
  Outlook o;
  auto tools = o.host->tools();
  REQUIRE(tools->size() == 6);
  for (size_t i = 0; i < tools->size(); ++i) {
    auto tool = tools->getObject(i);
    std::string name = tool->getValue<std::string>("name");
    INFO(name);
    REQUIRE(tool->getObject("outputSchema"));
    bool read_only = name == "list_calendars" || name == "list_events" || name == "find_free_slots";
    CHECK(tool->getObject("annotations")->getValue<bool>("readOnlyHint") == read_only);
  }
}

TEST_CASE("outlook-calendar: list_calendars follows @odata.nextLink and reports who can edit",
          "[providers][calendars][outlook]") {
  Outlook o;
  o.fake.page_size = 2;
  auto result = o.host->call("list_calendars", "{}");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto calendars = result.structured->getArray("calendars");
  REQUIRE(calendars->size() == 3);
  CHECK(calendars->getObject(0)->getValue<bool>("primary"));
  CHECK(calendars->getObject(1)->getValue<std::string>("id") == kTeam);
  CHECK_FALSE(calendars->getObject(2)->getValue<bool>("can_edit"));
  auto pages = o.to("/me/calendars");
  REQUIRE(pages.size() == 2);
  CHECK(pages[1].param("$skip") == "2");
  CHECK(pages[0].header("Authorization") == "Bearer " + kAccessToken);
  CHECK_THAT(pages[0].header("Prefer"), Contains("outlook.timezone=\"UTC\""));
}

TEST_CASE("outlook-calendar: throttling with Retry-After is waited out, and lasting throttling "
          "becomes a tool error",
          "[providers][calendars][outlook]") {
  Outlook o;
  o.fake.throttle(1, 1);
  CHECK_FALSE(o.host->call("list_calendars", "{}").is_error);
  CHECK(o.to("/me/calendars").size() == 2);
  o.fake.throttle(100, 1);
  auto throttled = o.host->call("list_calendars", "{}");
  CHECK(throttled.is_error);
  CHECK_THAT(throttled.text, Contains("TooManyRequests") && Contains("try again in 1 seconds"));
}

TEST_CASE("outlook-calendar: an expired access token is refreshed once and the call goes "
          "through",
          "[providers][calendars][outlook]") {
  Outlook o;
  o.fake.add_event("primary", "Standup", "2026-05-04T07:00:00Z", "2026-05-04T07:15:00Z");
  o.fake.expire_access_token();
  auto result = o.host->call("list_events", "{}");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured->getArray("events")->size() == 1);
  CHECK(o.fake.tokens.grants() == 1);
}

TEST_CASE("outlook-calendar: list_events uses calendarView for a window and pages to the limit",
          "[providers][calendars][outlook]") {
  Outlook o;
  for (int day = 4; day <= 8; ++day)
    o.fake.add_event("primary", "Review " + std::to_string(day),
                     "2026-05-0" + std::to_string(day) + "T10:00:00Z",
                     "2026-05-0" + std::to_string(day) + "T11:00:00Z", "weekly design review");
  o.fake.add_event("primary", "Lunch", "2026-05-05T12:00:00Z", "2026-05-05T13:00:00Z");
  o.fake.add_event("primary", "Review old", "2026-04-01T10:00:00Z", "2026-04-01T11:00:00Z");
  o.fake.page_size = 2;
  auto result = o.host->call("list_events", R"({"from":"2026-05-01T00:00:00Z",
      "to":"2026-06-01T00:00:00Z","query":"review","limit":3})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto events = result.structured->getArray("events");
  REQUIRE(events->size() == 3);
  CHECK(events->getObject(0)->getValue<std::string>("title") == "Review 4");
  CHECK(events->getObject(0)->getValue<std::string>("start") == "2026-05-04T10:00:00Z");
  CHECK(events->getObject(0)->getValue<std::string>("description") == "weekly design review");
  CHECK(events->getObject(2)->getValue<std::string>("title") == "Review 6");
  CHECK(result.structured->getValue<bool>("has_more"));
  auto pages = o.to("/me/calendar/calendarView");
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].param("startDateTime") == "2026-05-01T00:00:00Z");
  CHECK(pages[0].param("$filter") == "contains(subject,'review')");
  CHECK(pages[1].param("$skip") == "2");

  auto open_ended = o.host->call("list_events", R"({"from":"2026-05-07T00:00:00Z"})");
  INFO(open_ended.text);
  REQUIRE_FALSE(open_ended.is_error);
  CHECK(open_ended.structured->getArray("events")->size() == 2);
  CHECK_FALSE(open_ended.structured->getValue<bool>("has_more"));
}

TEST_CASE("outlook-calendar: list_events on an unknown calendar points to list_calendars",
          "[providers][calendars][outlook]") {
  Outlook o;
  auto result = o.host->call("list_events", R"({"calendar_id":"AAMkAD-nope="})");
  CHECK(result.is_error);
  CHECK_THAT(result.text, Contains("calendar 'AAMkAD-nope=' not found") &&
                              Contains("ErrorItemNotFound") &&
                              Contains("list_calendars shows the calendars"));
}

TEST_CASE("outlook-calendar: create_event invites attendees and makes a Teams meeting",
          "[providers][calendars][outlook]") {
  Outlook o;
  auto result = o.host->call("create_event", R"({"calendar_id":")" + kTeam + R"(",
      "title":"Design review","start":"2026-05-04T10:00:00+02:00","end":"2026-05-04T11:00:00+02:00",
      "time_zone":"Europe/Paris","attendees":["bob@example.com","cy@example.com"],
      "description":"Agenda: the calendar plugins","location":"Room 4","video_meeting":true})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto& e = result.structured;
  CHECK(e->getValue<std::string>("title") == "Design review");
  CHECK(e->getValue<std::string>("start") == "2026-05-04T08:00:00Z");
  CHECK(e->getValue<std::string>("calendar_id") == kTeam);
  CHECK_THAT(e->getValue<std::string>("meeting_url"), Contains("teams.microsoft.com"));
  CHECK(e->getValue<std::string>("location") == "Room 4");
  CHECK(e->getArray("attendees")->size() == 2);
  auto sent = o.to("/me/calendars/AAMkAD-team%2Bcal%3D%3D/events");
  REQUIRE(sent.size() == 1);
  CHECK_THAT(sent[0].body, Contains(R"("onlineMeetingProvider":"teamsForBusiness")") &&
                               Contains(R"("dateTime":"2026-05-04T08:00:00","timeZone":"UTC")"));
  CHECK(o.fake.event_count(kTeam) == 1);
}

TEST_CASE("outlook-calendar: create_event on a read-only calendar says so",
          "[providers][calendars][outlook]") {
  Outlook o;
  auto denied = o.host->call("create_event", R"({"calendar_id":"AAMkAD-holidays=",
      "title":"Party","start":"2026-05-04T10:00:00Z","end":"2026-05-04T11:00:00Z"})");
  CHECK(denied.is_error);
  CHECK_THAT(denied.text, Contains("ErrorAccessDenied") && Contains("can_edit"));
  CHECK(o.fake.event_count("AAMkAD-holidays=") == 0);
}

TEST_CASE("outlook-calendar: update_event patches only the given fields",
          "[providers][calendars][outlook]") {
  Outlook o;
  auto id = o.fake.add_event("primary", "Retro", "2026-05-04T10:00:00Z", "2026-05-04T11:00:00Z",
                             "keep me");
  auto result = o.host->call("update_event", R"({"event_id":")" + id + R"(",
      "title":"Retro, moved","start":"2026-05-04T14:00:00Z","end":"2026-05-04T15:00:00Z",
      "add_video_meeting":true})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured->getValue<std::string>("title") == "Retro, moved");
  CHECK(result.structured->getValue<std::string>("description") == "keep me");
  CHECK(result.structured->getValue<std::string>("start") == "2026-05-04T14:00:00Z");
  CHECK(result.structured->has("meeting_url"));
  auto sent = o.to("/me/calendar/events/AAMkAGseed1%3D");
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].method == "PATCH");
  CHECK(sent[0].body.find("body") == std::string::npos);
}

TEST_CASE("outlook-calendar: update_event on an unknown event points to list_events",
          "[providers][calendars][outlook]") {
  Outlook o;
  auto result = o.host->call("update_event", R"({"event_id":"AAMkAG-missing=","title":"x"})");
  CHECK(result.is_error);
  CHECK_THAT(result.text, Contains("event 'AAMkAG-missing=' not found in calendar 'primary'") &&
                              Contains("list_events"));
}

TEST_CASE("outlook-calendar: delete_event deletes once, and a second delete says it is gone",
          "[providers][calendars][outlook]") {
  Outlook o;
  auto id = o.fake.add_event("primary", "Dentist", "2026-05-04T10:00:00Z", "2026-05-04T11:00:00Z");
  auto result = o.host->call("delete_event", R"({"event_id":")" + id + R"("})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  CHECK(result.structured->getValue<bool>("deleted"));
  CHECK_FALSE(o.fake.event("primary", id));
  auto again = o.host->call("delete_event", R"({"event_id":")" + id + R"("})");
  CHECK(again.is_error);
  CHECK_THAT(again.text, Contains("HTTP 404") && Contains("not found"));
}

TEST_CASE("outlook-calendar: find_free_slots makes one getSchedule call and keeps to working "
          "hours",
          "[providers][calendars][outlook]") {
  Outlook o;
  o.fake.set_busy("ada@example.com", {{"2026-05-04T07:00:00Z", "2026-05-04T08:30:00Z"}});
  o.fake.set_busy("bob@example.com", {{"2026-05-04T12:00:00Z", "2026-05-04T13:00:00Z"},
                                      {"2026-05-05T07:00:00Z", "2026-05-05T15:00:00Z"}});
  auto result = o.host->call("find_free_slots", R"({"attendees":["ada@example.com",
      "bob@example.com","ghost@example.com"],"from":"2026-05-04T00:00:00+02:00",
      "to":"2026-05-06T00:00:00+02:00","duration_minutes":150,"working_hours":{}})");
  INFO(result.text);
  REQUIRE_FALSE(result.is_error);
  auto slots = result.structured->getArray("slots");
  REQUIRE(slots->size() == 1);
  CHECK(slots->getObject(0)->getValue<std::string>("start") == "2026-05-04T10:30:00+02:00");
  CHECK(slots->getObject(0)->getValue<std::string>("end") == "2026-05-04T14:00:00+02:00");
  auto unchecked = result.structured->getArray("unchecked");
  REQUIRE(unchecked->size() == 1);
  CHECK(unchecked->getObject(0)->getValue<std::string>("email") == "ghost@example.com");
  auto sent = o.to("/me/calendar/getSchedule");
  REQUIRE(sent.size() == 1);
  CHECK_THAT(sent[0].body, Contains(R"("startTime":{"dateTime":"2026-05-03T22:00:00")"));
}

TEST_CASE("outlook-calendar: find_free_slots refuses a window over 62 days before calling Graph",
          "[providers][calendars][outlook]") {
  Outlook o;
  auto result = o.host->call("find_free_slots", R"({"attendees":["ada@example.com"],
      "from":"2026-05-01T00:00:00Z","to":"2026-08-01T00:00:00Z"})");
  CHECK(result.is_error);
  CHECK_THAT(result.text, Contains("at most 62 days"));
  CHECK(o.to("/me/calendar/getSchedule").empty());
  o.fake.throttle(100, 1);
  auto throttled = o.host->call("find_free_slots", R"({"attendees":["ada@example.com"],
      "from":"2026-05-01T00:00:00Z","to":"2026-05-02T00:00:00Z"})");
  CHECK(throttled.is_error);
  CHECK_THAT(throttled.text, Contains("rate limiting"));
}
