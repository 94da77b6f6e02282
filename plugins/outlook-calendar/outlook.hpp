// outlook-calendar internals: requests to Microsoft Graph v1.0 and the mapping between its
// calendar resources and the shared calendar types.
#pragma once

#include <calendar/errors.hpp>
#include <calendar/types.hpp>

#include <string>

namespace outlook_calendar {

inline constexpr const char* kProvider = "Microsoft Outlook";

// Every request asks for UTC times and plain-text bodies (RFC 7240 preferences, one header).
inline constexpr const char* kPrefer =
    "outlook.timezone=\"UTC\", outlook.body-content-type=\"text\"";

// "/me/calendar" for "primary", else "/me/calendars/<id>" (the id percent-encoded).
std::string calendar_path(const std::string& calendar_id);
// "<calendar>/events[/<event>]"
std::string events_path(const std::string& calendar_id, const std::string& event_id = {});

// Sends the request with the Prefer header; a non-2xx answer becomes the calendar::fail tool
// error about `about`.
ah::Response send(ah::Context& ctx, ah::Request request, const calendar::Subject& about);

// Walks a collection: `first`, then every @odata.nextLink, until `take` returns false.
template <class Take>
void walk(ah::Context& ctx, ah::Request first, const calendar::Subject& about, Take take) {
  ah::Request request = std::move(first);
  for (;;) {
    auto page = send(ctx, request, about).json_object();
    if (!take(page))
      return;
    std::string next = page->optValue<std::string>("@odata.nextLink", "");
    if (next.empty())
      return;
    ctx.throw_if_cancelled();
    request = ah::Request{};
    request.path = next; // absolute, on the base URL's host: the proxy allows it
  }
}

calendar::Event to_event(const ah::JsonObject& item, const std::string& calendar_id);
ah::JsonObject event_body(const calendar::CreateEventIn& in);
ah::JsonObject patch_body(const calendar::UpdateEventIn& in);

calendar::CalendarList list_calendars(ah::Context& ctx, const ah::None& in);
calendar::EventList list_events(ah::Context& ctx, const calendar::ListEventsIn& in);
calendar::Event create_event(ah::Context& ctx, const calendar::CreateEventIn& in);
calendar::Event update_event(ah::Context& ctx, const calendar::UpdateEventIn& in);
calendar::DeleteEventOut delete_event(ah::Context& ctx, const calendar::DeleteEventIn& in);
calendar::FreeSlots find_free_slots(ah::Context& ctx, const calendar::FindFreeSlotsIn& in);

} // namespace outlook_calendar
