// google-calendar internals: requests to Calendar API v3 and the mapping between its resources
// and the shared calendar types.
#pragma once

#include <calendar/errors.hpp>
#include <calendar/types.hpp>

#include <string>

namespace google_calendar {

inline constexpr const char* kProvider = "Google Calendar";

// Percent-encodes one path segment (calendar ids hold '@' and '#').
std::string segment(const std::string& id);
// "/calendars/<id>/events[/<event>]"
std::string events_path(const std::string& calendar_id, const std::string& event_id = {});

// Sends the request; a non-2xx answer becomes the calendar::fail tool error about `about`.
ah::Response send(ah::Context& ctx, const ah::Request& request, const calendar::Subject& about);
// The JSON object of a 2xx answer.
ah::JsonObject object_of(const ah::Response& response);

// An Events resource as the shared Event.
calendar::Event to_event(const ah::JsonObject& item, const std::string& calendar_id);
// The Events resource fields create_event sets.
ah::JsonObject event_body(const calendar::CreateEventIn& in);
// Only the fields update_event changes (PATCH semantics).
ah::JsonObject patch_body(const calendar::UpdateEventIn& in);

calendar::CalendarList list_calendars(ah::Context& ctx, const ah::None& in);
calendar::EventList list_events(ah::Context& ctx, const calendar::ListEventsIn& in);
calendar::Event create_event(ah::Context& ctx, const calendar::CreateEventIn& in);
calendar::Event update_event(ah::Context& ctx, const calendar::UpdateEventIn& in);
calendar::DeleteEventOut delete_event(ah::Context& ctx, const calendar::DeleteEventIn& in);
calendar::FreeSlots find_free_slots(ah::Context& ctx, const calendar::FindFreeSlotsIn& in);

} // namespace google_calendar
