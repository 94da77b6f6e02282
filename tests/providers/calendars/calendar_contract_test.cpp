// The cross-provider contract: the same MCP calls against google-calendar and outlook-calendar
// give results of the same shape (the same structuredContent keys with the same JSON types)
// and, from the same busy data, the same free slots.
#include "calendar_host.hpp"
#include "google_calendar_fake.hpp"
#include "outlook_calendar_fake.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>

#include <set>

using namespace calendar_tests;
using actionhost::fakes::GoogleCalendarFake;
using actionhost::fakes::OutlookCalendarFake;

namespace {

// "key:type" for every key, recursively ("attendees[].email:string"), sorted.
void shape_of(const Poco::Dynamic::Var& value, const std::string& at, std::set<std::string>& out) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    out.insert(at + ":object");
    for (const auto& [k, v] : *value.extract<Poco::JSON::Object::Ptr>())
      shape_of(v, at + "." + k, out);
  } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    out.insert(at + ":array");
    auto array = value.extract<Poco::JSON::Array::Ptr>();
    for (size_t i = 0; i < array->size(); ++i)
      shape_of(array->get(i), at + "[]", out);
  } else if (value.isBoolean()) {
    out.insert(at + ":boolean");
  } else if (value.isString()) {
    out.insert(at + ":string");
  } else if (value.isNumeric()) {
    out.insert(at + ":number");
  } else {
    out.insert(at + ":null");
  }
}

Poco::Timestamp instant(const std::string& rfc3339) {
  int tzd = 0;
  auto local = Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FORMAT, rfc3339, tzd);
  local.makeUTC(tzd);
  return local.timestamp();
}

std::set<std::string> shape(const Poco::JSON::Object::Ptr& structured) {
  std::set<std::string> out;
  shape_of(Poco::Dynamic::Var(structured), "", out);
  return out;
}

// The same busy periods, given to each fake in its own API's terms.
const std::vector<std::pair<std::string, std::string>> kAdaBusy{
    {"2026-05-04T07:00:00Z", "2026-05-04T08:30:00Z"},
    {"2026-05-06T09:00:00Z", "2026-05-06T09:40:00Z"}};
const std::vector<std::pair<std::string, std::string>> kBobBusy{
    {"2026-05-04T12:00:00Z", "2026-05-04T13:00:00Z"},
    {"2026-05-05T07:00:00Z", "2026-05-05T15:00:00Z"}};

struct Both {
  GoogleCalendarFake google{kAccessToken, kClientId, kClientSecret, kRefreshToken};
  OutlookCalendarFake outlook{kAccessToken, kClientId, kClientSecret, kRefreshToken};
  std::unique_ptr<CalendarHost> google_host, outlook_host;
  Both() {
    google.add_calendar("ada@example.com", "Ada", "owner", true);
    outlook.add_calendar("AAMkAD-default=", "Calendar", true, true);
    for (auto* busy : {&kAdaBusy, &kBobBusy}) {
      std::string who = busy == &kAdaBusy ? "ada@example.com" : "bob@example.com";
      google.set_busy(who, *busy);
      outlook.set_busy(who, *busy);
    }
    google_host = std::make_unique<CalendarHost>("google-calendar", "GOOGLE_CALENDAR",
                                                 "https://oauth2.googleapis.com/token",
                                                 google.base_url(), google.token_url());
    outlook_host =
        std::make_unique<CalendarHost>("outlook-calendar", "OUTLOOK_CALENDAR",
                                       "https://login.microsoftonline.com/common/oauth2/v2.0/token",
                                       outlook.base_url(), outlook.token_url());
  }
  ~Both() {
    CHECK(google.problems().empty());
    CHECK(outlook.problems().empty());
  }
};

} // namespace

TEST_CASE("calendar contract: both plugins publish the same tools with the same schemas",
          "[providers][calendars][contract]") {
  Both both;
  auto g = both.google_host->tools(), o = both.outlook_host->tools();
  REQUIRE(g->size() == o->size());
  std::map<std::string, std::string> google_schemas;
  for (size_t i = 0; i < g->size(); ++i) {
    auto tool = g->getObject(i);
    google_schemas[tool->getValue<std::string>("name")] = json_text(tool->get("inputSchema")) +
                                                          json_text(tool->get("outputSchema")) +
                                                          json_text(tool->get("annotations"));
  }
  for (size_t i = 0; i < o->size(); ++i) {
    auto tool = o->getObject(i);
    std::string name = tool->getValue<std::string>("name");
    INFO(name);
    REQUIRE(google_schemas.count(name));
    CHECK(google_schemas[name] == json_text(tool->get("inputSchema")) +
                                      json_text(tool->get("outputSchema")) +
                                      json_text(tool->get("annotations")));
  }
}

TEST_CASE("calendar contract: the same create_event call gives results of the same shape",
          "[providers][calendars][contract]") {
  Both both;
  const std::string args = R"({"title":"Design review","start":"2026-05-04T10:00:00+02:00",
      "end":"2026-05-04T11:00:00+02:00","attendees":["bob@example.com"],
      "description":"Agenda","location":"Room 4","video_meeting":true})";
  auto g = both.google_host->call("create_event", args);
  auto o = both.outlook_host->call("create_event", args);
  INFO(g.text);
  INFO(o.text);
  REQUIRE_FALSE(g.is_error);
  REQUIRE_FALSE(o.is_error);
  CHECK(shape(g.structured) == shape(o.structured));
  for (const char* key : {"title", "description", "location", "calendar_id"})
    CHECK(g.structured->getValue<std::string>(key) == o.structured->getValue<std::string>(key));
  // The same instant, whichever offset each provider writes it in.
  CHECK(instant(g.structured->getValue<std::string>("start")) ==
        instant(o.structured->getValue<std::string>("start")));
}

TEST_CASE("calendar contract: the same find_free_slots call gives the same slots from the same "
          "busy data",
          "[providers][calendars][contract]") {
  Both both;
  const std::string args = R"({"attendees":["ada@example.com","bob@example.com"],
      "from":"2026-05-04T08:00:00+02:00","to":"2026-05-07T00:00:00+02:00",
      "duration_minutes":45,"working_hours":{"start":"09:00","end":"18:00"},"max_slots":20})";
  auto g = both.google_host->call("find_free_slots", args);
  auto o = both.outlook_host->call("find_free_slots", args);
  INFO(g.text);
  INFO(o.text);
  REQUIRE_FALSE(g.is_error);
  REQUIRE_FALSE(o.is_error);
  CHECK(shape(g.structured) == shape(o.structured));
  CHECK(json_text(g.structured) == json_text(o.structured));
  // Monday 10:30-14:00 and 15:00-18:00, Tuesday 17:00-18:00, Wednesday 09:00-11:00 and
  // 11:40-18:00 (all +02:00).
  CHECK(g.structured->getArray("slots")->size() == 5);
}
