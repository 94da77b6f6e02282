// Graph event resources to and from the shared calendar types.
#include "outlook.hpp"

#include <calendar/time.hpp>

namespace outlook_calendar {

namespace {

calendar::Reply reply_of(const std::string& response) {
  if (response == "accepted" || response == "organizer")
    return calendar::Reply::accepted;
  if (response == "tentativelyAccepted")
    return calendar::Reply::tentative;
  if (response == "declined")
    return calendar::Reply::declined;
  return calendar::Reply::needs_action; // "none", "notResponded"
}

std::optional<std::string> text(const ah::JsonObject& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key))
    return std::nullopt;
  return o->getValue<std::string>(key);
}

ah::DateTime time_of(const ah::JsonObject& item, const std::string& key) {
  auto when = item->getObject(key);
  if (!when)
    throw ah::HttpError(AH_ERR_UPSTREAM, "the provider sent an event without " + key);
  return calendar::from_graph(when->optValue<std::string>("dateTime", ""),
                              when->optValue<std::string>("timeZone", ""), key);
}

// dateTimeTimeZone in UTC: the instant is exact whatever zone the caller's offset stood for.
ah::JsonObject when(const ah::DateTime& t) {
  auto o = ah::json::object();
  o->set("dateTime", calendar::graph_utc(t));
  o->set("timeZone", "UTC");
  return o;
}

ah::JsonArray attendee_list(const std::vector<ah::Email>& emails) {
  auto list = ah::json::array();
  for (const auto& email : emails) {
    auto address = ah::json::object();
    address->set("address", email.value);
    auto a = ah::json::object();
    a->set("emailAddress", address);
    a->set("type", "required");
    list->add(a);
  }
  return list;
}

ah::JsonObject text_body(const std::string& content) {
  auto body = ah::json::object();
  body->set("contentType", "text");
  body->set("content", content);
  return body;
}

ah::JsonObject place(const std::string& name) {
  auto location = ah::json::object();
  location->set("displayName", name);
  return location;
}

} // namespace

calendar::Event to_event(const ah::JsonObject& item, const std::string& calendar_id) {
  calendar::Event e;
  e.id = item->optValue<std::string>("id", "");
  e.calendar_id = calendar_id;
  e.title = item->optValue<std::string>("subject", "");
  e.start = time_of(item, "start");
  e.end = time_of(item, "end");
  e.all_day = item->optValue<bool>("isAllDay", false);
  e.time_zone = text(item, "originalStartTimeZone");
  auto body = item->getObject("body");
  if (auto content = text(body, "content"); content && !content->empty())
    e.details = content;
  if (auto location = text(item->getObject("location"), "displayName");
      location && !location->empty())
    e.location = location;
  if (auto attendees = item->getArray("attendees"))
    for (size_t i = 0; i < attendees->size(); ++i) {
      auto a = attendees->getObject(i);
      if (!a)
        continue;
      auto address = a->getObject("emailAddress");
      calendar::Attendee attendee;
      attendee.email = address ? address->optValue<std::string>("address", "") : "";
      attendee.name = text(address, "name");
      auto status = a->getObject("status");
      attendee.response = reply_of(status ? status->optValue<std::string>("response", "") : "");
      e.attendees.push_back(std::move(attendee));
    }
  e.meeting_url = text(item->getObject("onlineMeeting"), "joinUrl");
  e.web_link = text(item, "webLink");
  return e;
}

ah::JsonObject event_body(const calendar::CreateEventIn& in) {
  auto body = ah::json::object();
  body->set("subject", in.title);
  body->set("start", when(in.start));
  body->set("end", when(in.end));
  if (!in.attendees.empty())
    body->set("attendees", attendee_list(in.attendees));
  if (in.details)
    body->set("body", text_body(*in.details));
  if (in.location)
    body->set("location", place(*in.location));
  if (in.video_meeting) {
    body->set("isOnlineMeeting", true);
    body->set("onlineMeetingProvider", "teamsForBusiness");
  }
  return body;
}

ah::JsonObject patch_body(const calendar::UpdateEventIn& in) {
  auto body = ah::json::object();
  if (in.title)
    body->set("subject", *in.title);
  if (in.start)
    body->set("start", when(*in.start));
  if (in.end)
    body->set("end", when(*in.end));
  if (in.attendees)
    body->set("attendees", attendee_list(*in.attendees));
  if (in.details)
    body->set("body", text_body(*in.details));
  if (in.location)
    body->set("location", place(*in.location));
  if (in.add_video_meeting) {
    body->set("isOnlineMeeting", true);
    body->set("onlineMeetingProvider", "teamsForBusiness");
  }
  return body;
}

} // namespace outlook_calendar
