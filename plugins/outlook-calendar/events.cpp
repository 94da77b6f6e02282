// list_events, create_event, update_event and delete_event on Graph events.
#include "outlook.hpp"

#include <calendar/checks.hpp>
#include <calendar/time.hpp>

#include <algorithm>

namespace outlook_calendar {

namespace {

// An OData string literal: quotes doubled.
std::string literal(const std::string& text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string utc_text(const ah::DateTime& t) {
  return calendar::utc(calendar::epoch_seconds(t)).value;
}

} // namespace

calendar::EventList list_events(ah::Context& ctx, const calendar::ListEventsIn& in) {
  calendar::check_order(in.from, in.to);
  ah::Request first;
  std::vector<std::string> filters;
  if (in.from && in.to) {
    // calendarView: the instances of recurring events too, bounded by both ends.
    first.path = calendar_path(in.calendar_id) + "/calendarView";
    first.query = {{"startDateTime", utc_text(*in.from)}, {"endDateTime", utc_text(*in.to)}};
  } else {
    first.path = events_path(in.calendar_id);
    if (in.from)
      filters.push_back("end/dateTime ge " + literal(calendar::graph_utc(*in.from)));
    if (in.to)
      filters.push_back("start/dateTime lt " + literal(calendar::graph_utc(*in.to)));
  }
  if (in.query)
    filters.push_back("contains(subject," + literal(*in.query) + ")");
  if (!filters.empty()) {
    std::string filter;
    for (const auto& f : filters)
      filter += (filter.empty() ? "" : " and ") + f;
    first.query.emplace_back("$filter", filter);
  }
  first.query.emplace_back("$orderby", "start/dateTime");
  first.query.emplace_back("$top", std::to_string(std::min<std::int32_t>(in.limit, 1000)));

  calendar::EventList out;
  walk(ctx, first, {in.calendar_id, {}}, [&](const ah::JsonObject& page) {
    auto items = page->getArray("value");
    for (size_t i = 0; items && i < items->size(); ++i) {
      auto item = items->getObject(i);
      if (!item || item->optValue<bool>("isCancelled", false))
        continue;
      if (static_cast<std::int32_t>(out.events.size()) == in.limit) {
        out.has_more = true;
        return false;
      }
      out.events.push_back(to_event(item, in.calendar_id));
    }
    if (static_cast<std::int32_t>(out.events.size()) == in.limit) {
      out.has_more = page->has("@odata.nextLink");
      return false;
    }
    return true;
  });
  return out;
}

calendar::Event create_event(ah::Context& ctx, const calendar::CreateEventIn& in) {
  calendar::check_order(in.start, in.end);
  ah::Request request;
  request.method = "POST";
  request.path = events_path(in.calendar_id);
  request.body = event_body(in);
  return to_event(send(ctx, request, {in.calendar_id, {}}).json_object(), in.calendar_id);
}

calendar::Event update_event(ah::Context& ctx, const calendar::UpdateEventIn& in) {
  calendar::check_update(in);
  ah::Request request;
  request.method = "PATCH";
  request.path = events_path(in.calendar_id, in.event_id);
  request.body = patch_body(in);
  return to_event(send(ctx, request, {in.calendar_id, in.event_id}).json_object(), in.calendar_id);
}

calendar::DeleteEventOut delete_event(ah::Context& ctx, const calendar::DeleteEventIn& in) {
  ah::Request request;
  request.method = "DELETE";
  request.path = events_path(in.calendar_id, in.event_id);
  send(ctx, request, {in.calendar_id, in.event_id});
  return {in.event_id, true};
}

} // namespace outlook_calendar
