// Events resources (Calendar API v3) to and from the shared calendar types.
#include "google.hpp"

#include <calendar/time.hpp>

#include <Poco/UUIDGenerator.h>

namespace google_calendar {

namespace {

calendar::Reply reply_of(const std::string& status) {
  if (status == "accepted")
    return calendar::Reply::accepted;
  if (status == "tentative")
    return calendar::Reply::tentative;
  if (status == "declined")
    return calendar::Reply::declined;
  return calendar::Reply::needs_action; // "needsAction" and anything newer
}

// start/end: {"dateTime": RFC 3339, "timeZone"} or, for all-day events, {"date": "YYYY-MM-DD"}.
ah::DateTime time_of(const ah::JsonObject& item, const std::string& key, bool& all_day) {
  auto when = item->getObject(key);
  if (!when)
    throw ah::HttpError(AH_ERR_UPSTREAM, "the provider sent an event without " + key);
  if (when->has("date")) {
    all_day = true;
    return calendar::from_date(when->getValue<std::string>("date"), key + ".date");
  }
  return calendar::provider_time(when->optValue<std::string>("dateTime", ""), key + ".dateTime");
}

std::optional<std::string> text(const ah::JsonObject& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key))
    return std::nullopt;
  return o->getValue<std::string>(key);
}

std::optional<std::string> video_link(const ah::JsonObject& item) {
  if (auto link = text(item, "hangoutLink"))
    return link;
  auto conference = item->getObject("conferenceData");
  auto points = conference ? conference->getArray("entryPoints") : nullptr;
  for (size_t i = 0; points && i < points->size(); ++i) {
    auto point = points->getObject(i);
    if (point && point->optValue<std::string>("entryPointType", "") == "video")
      return text(point, "uri");
  }
  return std::nullopt;
}

ah::JsonObject when(const ah::DateTime& t, const std::optional<std::string>& zone) {
  auto o = ah::json::object();
  o->set("dateTime", t.value);
  // The offset in dateTime fixes the instant; the zone name is how Google shows it.
  if (zone)
    o->set("timeZone", *zone);
  return o;
}

ah::JsonArray attendee_list(const std::vector<ah::Email>& emails) {
  auto list = ah::json::array();
  for (const auto& email : emails) {
    auto a = ah::json::object();
    a->set("email", email.value);
    list->add(a);
  }
  return list;
}

ah::JsonObject meet_request(const std::string& request_id) {
  auto key = ah::json::object();
  key->set("type", "hangoutsMeet");
  auto create = ah::json::object();
  create->set("requestId", request_id);
  create->set("conferenceSolutionKey", key);
  auto data = ah::json::object();
  data->set("createRequest", create);
  return data;
}

} // namespace

calendar::Event to_event(const ah::JsonObject& item, const std::string& calendar_id) {
  calendar::Event e;
  e.id = item->optValue<std::string>("id", "");
  e.calendar_id = calendar_id;
  e.title = item->optValue<std::string>("summary", "");
  e.start = time_of(item, "start", e.all_day);
  e.end = time_of(item, "end", e.all_day);
  if (auto start = item->getObject("start"))
    e.time_zone = text(start, "timeZone");
  e.details = text(item, "description");
  e.location = text(item, "location");
  if (auto attendees = item->getArray("attendees"))
    for (size_t i = 0; i < attendees->size(); ++i) {
      auto a = attendees->getObject(i);
      if (!a)
        continue;
      calendar::Attendee attendee;
      attendee.email = a->optValue<std::string>("email", "");
      attendee.name = text(a, "displayName");
      attendee.response = reply_of(a->optValue<std::string>("responseStatus", ""));
      e.attendees.push_back(std::move(attendee));
    }
  e.meeting_url = video_link(item);
  e.web_link = text(item, "htmlLink");
  return e;
}

ah::JsonObject event_body(const calendar::CreateEventIn& in) {
  auto body = ah::json::object();
  body->set("summary", in.title);
  std::optional<std::string> zone = in.time_zone.value_or("UTC");
  body->set("start", when(in.start, zone));
  body->set("end", when(in.end, zone));
  if (!in.attendees.empty())
    body->set("attendees", attendee_list(in.attendees));
  if (in.details)
    body->set("description", *in.details);
  if (in.location)
    body->set("location", *in.location);
  // A fresh requestId per event: Google creates one conference per id.
  if (in.video_meeting)
    body->set("conferenceData",
              meet_request(Poco::UUIDGenerator::defaultGenerator().createRandom().toString()));
  return body;
}

ah::JsonObject patch_body(const calendar::UpdateEventIn& in) {
  auto body = ah::json::object();
  if (in.title)
    body->set("summary", *in.title);
  if (in.start)
    body->set("start", when(*in.start, in.time_zone));
  if (in.end)
    body->set("end", when(*in.end, in.time_zone));
  if (in.attendees)
    body->set("attendees", attendee_list(*in.attendees));
  if (in.details)
    body->set("description", *in.details);
  if (in.location)
    body->set("location", *in.location);
  // The requestId is derived from the event, so a repeated update asks for the same meeting.
  if (in.add_video_meeting)
    body->set("conferenceData", meet_request("meet-" + in.event_id));
  return body;
}

} // namespace google_calendar
