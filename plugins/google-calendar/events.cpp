// list_events, create_event, update_event and delete_event on Events (Calendar API v3).
#include "google.hpp"

#include <calendar/checks.hpp>
#include <calendar/time.hpp>

#include <algorithm>

namespace google_calendar {

calendar::EventList list_events(ah::Context& ctx, const calendar::ListEventsIn& in) {
  calendar::check_order(in.from, in.to);
  calendar::EventList out;
  std::string token;
  do {
    ah::Request request;
    request.path = events_path(in.calendar_id);
    // Recurring events expanded into instances, so orderBy=startTime is allowed.
    request.query = {
        {"singleEvents", "true"},
        {"orderBy", "startTime"},
        {"maxResults", std::to_string(std::min<std::int32_t>(
                           250, in.limit - static_cast<std::int32_t>(out.events.size())))}};
    if (in.from)
      request.query.emplace_back("timeMin", in.from->value);
    if (in.to)
      request.query.emplace_back("timeMax", in.to->value);
    if (in.query)
      request.query.emplace_back("q", *in.query);
    if (!token.empty())
      request.query.emplace_back("pageToken", token);
    auto page = object_of(send(ctx, request, {in.calendar_id, {}}));
    auto items = page->getArray("items");
    for (size_t i = 0; items && i < items->size(); ++i) {
      auto item = items->getObject(i);
      if (!item || item->optValue<std::string>("status", "") == "cancelled")
        continue;
      if (static_cast<std::int32_t>(out.events.size()) == in.limit) {
        out.has_more = true;
        break;
      }
      out.events.push_back(to_event(item, in.calendar_id));
    }
    token = page->optValue<std::string>("nextPageToken", "");
    ctx.throw_if_cancelled();
  } while (!token.empty() && static_cast<std::int32_t>(out.events.size()) < in.limit);
  if (!token.empty())
    out.has_more = true;
  return out;
}

calendar::Event create_event(ah::Context& ctx, const calendar::CreateEventIn& in) {
  calendar::check_order(in.start, in.end);
  ah::Request request;
  request.method = "POST";
  request.path = events_path(in.calendar_id);
  request.body = event_body(in);
  if (in.video_meeting)
    request.query.emplace_back("conferenceDataVersion", "1");
  if (!in.attendees.empty())
    request.query.emplace_back("sendUpdates", "all");
  return to_event(object_of(send(ctx, request, {in.calendar_id, {}})), in.calendar_id);
}

calendar::Event update_event(ah::Context& ctx, const calendar::UpdateEventIn& in) {
  calendar::check_update(in);
  ah::Request request;
  request.method = "PATCH";
  request.path = events_path(in.calendar_id, in.event_id);
  request.body = patch_body(in);
  if (in.add_video_meeting)
    request.query.emplace_back("conferenceDataVersion", "1");
  if (in.attendees)
    request.query.emplace_back("sendUpdates", "all");
  return to_event(object_of(send(ctx, request, {in.calendar_id, in.event_id})), in.calendar_id);
}

calendar::DeleteEventOut delete_event(ah::Context& ctx, const calendar::DeleteEventIn& in) {
  ah::Request request;
  request.method = "DELETE";
  request.path = events_path(in.calendar_id, in.event_id);
  send(ctx, request, {in.calendar_id, in.event_id});
  return {in.event_id, true};
}

} // namespace google_calendar
