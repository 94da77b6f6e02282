// The one set of calendar actions both calendar plugins (google-calendar, outlook-calendar)
// publish: their input and output structs live here, so the two plugins' schemas are literally
// the same and an agent can use either provider without change.
#pragma once

#include <actionhost/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace calendar {

struct Calendar {
  std::string id;
  std::string name;
  bool primary = false;
  bool can_edit = false;
  std::optional<std::string> time_zone;
  static auto fields() {
    return std::tuple{
        ah::field("id", &Calendar::id, "Calendar id, for calendar_id in the other actions"),
        ah::field("name", &Calendar::name, "Display name"),
        ah::field("primary", &Calendar::primary, "The account's main calendar"),
        ah::field("can_edit", &Calendar::can_edit, "Events can be created in it"),
        ah::field("time_zone", &Calendar::time_zone, "IANA time zone, when the provider says")};
  }
};

struct CalendarList {
  std::vector<Calendar> calendars;
  static auto fields() {
    return std::tuple{
        ah::field("calendars", &CalendarList::calendars, "Every calendar this connection can see")};
  }
};

enum class Reply { needs_action, accepted, tentative, declined };
} // namespace calendar

template <> struct ah::enum_names<calendar::Reply> {
  static constexpr ah::enumerator<calendar::Reply> values[] = {
      {calendar::Reply::needs_action, "needs_action"},
      {calendar::Reply::accepted, "accepted"},
      {calendar::Reply::tentative, "tentative"},
      {calendar::Reply::declined, "declined"}};
};

namespace calendar {

struct Attendee {
  std::string email;
  std::optional<std::string> name;
  Reply response = Reply::needs_action;
  static auto fields() {
    return std::tuple{ah::field("email", &Attendee::email, "Email address"),
                      ah::field("name", &Attendee::name, "Display name"),
                      ah::field("response", &Attendee::response, "Their answer to the invitation")};
  }
};

struct Event {
  std::string id;
  std::string calendar_id;
  std::string title;
  ah::DateTime start;
  ah::DateTime end;
  bool all_day = false;
  std::optional<std::string> time_zone;
  std::optional<std::string> details; // JSON "description"; the SDK reserves T::description
  std::optional<std::string> location;
  std::vector<Attendee> attendees;
  std::optional<std::string> meeting_url;
  std::optional<std::string> web_link;
  static auto fields() {
    return std::tuple{
        ah::field("id", &Event::id, "Event id, for event_id in update_event and delete_event"),
        ah::field("calendar_id", &Event::calendar_id, "Calendar holding the event"),
        ah::field("title", &Event::title, "Title (may be empty)"),
        ah::field("start", &Event::start, "Start, RFC 3339 (all-day events: midnight UTC)"),
        ah::field("end", &Event::end, "End (exclusive), RFC 3339"),
        ah::field("all_day", &Event::all_day, "An all-day event: start and end are dates"),
        ah::field("time_zone", &Event::time_zone, "Time zone the event was created in"),
        ah::field("description", &Event::details, "Description or body text"),
        ah::field("location", &Event::location, "Location"),
        ah::field("attendees", &Event::attendees, "Invited people"),
        ah::field("meeting_url", &Event::meeting_url, "Video meeting join link, when it has one"),
        ah::field("web_link", &Event::web_link, "The event in the provider's web app")};
  }
};

struct EventList {
  std::vector<Event> events;
  bool has_more = false;
  static auto fields() {
    return std::tuple{ah::field("events", &EventList::events, "Events, in start order"),
                      ah::field("has_more", &EventList::has_more,
                                "More events match than `limit` allowed: narrow the window or "
                                "raise the limit")};
  }
};

inline constexpr const char* kCalendarIdHelp =
    "Calendar id from list_calendars; \"primary\" is the account's main calendar";

struct ListEventsIn {
  std::string calendar_id = "primary";
  std::optional<ah::DateTime> from;
  std::optional<ah::DateTime> to;
  std::optional<std::string> query;
  std::int32_t limit = 50;
  static auto fields() {
    return std::tuple{
        ah::field("calendar_id", &ListEventsIn::calendar_id, kCalendarIdHelp)
            .min_length(1)
            .default_value("primary"),
        ah::field("from", &ListEventsIn::from, "Only events ending after this time"),
        ah::field("to", &ListEventsIn::to, "Only events starting before this time"),
        ah::field("query", &ListEventsIn::query,
                  "Text to look for (Google: any field; Outlook: the title)")
            .min_length(1)
            .max_length(200),
        ah::field("limit", &ListEventsIn::limit, "At most this many events, over several pages")
            .minimum(1)
            .maximum(2500)
            .default_value(50)};
  }
};

struct CreateEventIn {
  std::string calendar_id = "primary";
  std::string title;
  ah::DateTime start;
  ah::DateTime end;
  std::optional<std::string> time_zone;
  std::vector<ah::Email> attendees;
  std::optional<std::string> details; // JSON "description"; the SDK reserves T::description
  std::optional<std::string> location;
  bool video_meeting = false;
  static auto fields() {
    return std::tuple{
        ah::field("calendar_id", &CreateEventIn::calendar_id, kCalendarIdHelp)
            .min_length(1)
            .default_value("primary"),
        ah::field("title", &CreateEventIn::title, "Title").min_length(1).max_length(1024),
        ah::field("start", &CreateEventIn::start, "Start, RFC 3339 with an offset"),
        ah::field("end", &CreateEventIn::end, "End, RFC 3339, after start"),
        ah::field("time_zone", &CreateEventIn::time_zone,
                  "IANA time zone the event is shown in (\"Europe/Paris\"), default UTC; "
                  "Outlook events keep start and end in UTC")
            .pattern("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"),
        ah::field("attendees", &CreateEventIn::attendees, "Email addresses to invite")
            .max_items(100)
            .default_value({}),
        ah::field("description", &CreateEventIn::details, "Description, plain text")
            .max_length(8000),
        ah::field("location", &CreateEventIn::location, "Location").max_length(1024),
        ah::field("video_meeting", &CreateEventIn::video_meeting,
                  "Attach a video meeting (Google Meet / Microsoft Teams)")
            .default_value(false)};
  }
};

struct UpdateEventIn {
  std::string calendar_id = "primary";
  std::string event_id;
  std::optional<std::string> title;
  std::optional<ah::DateTime> start;
  std::optional<ah::DateTime> end;
  std::optional<std::string> time_zone;
  std::optional<std::vector<ah::Email>> attendees;
  std::optional<std::string> details; // JSON "description"; the SDK reserves T::description
  std::optional<std::string> location;
  bool add_video_meeting = false;
  static auto fields() {
    return std::tuple{
        ah::field("calendar_id", &UpdateEventIn::calendar_id, kCalendarIdHelp)
            .min_length(1)
            .default_value("primary"),
        ah::field("event_id", &UpdateEventIn::event_id, "Event id from list_events").min_length(1),
        ah::field("title", &UpdateEventIn::title, "New title").min_length(1).max_length(1024),
        ah::field("start", &UpdateEventIn::start, "New start, RFC 3339 (give end too)"),
        ah::field("end", &UpdateEventIn::end, "New end, RFC 3339 (give start too)"),
        ah::field("time_zone", &UpdateEventIn::time_zone,
                  "IANA time zone for the new start and end")
            .pattern("^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"),
        ah::field("attendees", &UpdateEventIn::attendees,
                  "The complete new list of attendees (replaces the old one)")
            .max_items(100),
        ah::field("description", &UpdateEventIn::details, "New description").max_length(8000),
        ah::field("location", &UpdateEventIn::location, "New location").max_length(1024),
        ah::field("add_video_meeting", &UpdateEventIn::add_video_meeting,
                  "Attach a video meeting if the event has none")
            .default_value(false)};
  }
};

struct DeleteEventIn {
  std::string calendar_id = "primary";
  std::string event_id;
  static auto fields() {
    return std::tuple{
        ah::field("calendar_id", &DeleteEventIn::calendar_id, kCalendarIdHelp)
            .min_length(1)
            .default_value("primary"),
        ah::field("event_id", &DeleteEventIn::event_id, "Event id from list_events").min_length(1)};
  }
};

struct DeleteEventOut {
  std::string event_id;
  bool deleted = false;
  static auto fields() {
    return std::tuple{ah::field("event_id", &DeleteEventOut::event_id, "The event deleted"),
                      ah::field("deleted", &DeleteEventOut::deleted, "Always true on success")};
  }
};

enum class Weekday { mon, tue, wed, thu, fri, sat, sun };
} // namespace calendar

template <> struct ah::enum_names<calendar::Weekday> {
  static constexpr ah::enumerator<calendar::Weekday> values[] = {
      {calendar::Weekday::mon, "mon"}, {calendar::Weekday::tue, "tue"},
      {calendar::Weekday::wed, "wed"}, {calendar::Weekday::thu, "thu"},
      {calendar::Weekday::fri, "fri"}, {calendar::Weekday::sat, "sat"},
      {calendar::Weekday::sun, "sun"}};
};

namespace calendar {

struct WorkingHours {
  std::string start = "09:00";
  std::string end = "17:00";
  std::vector<Weekday> days;
  static auto fields() {
    return std::tuple{
        ah::field("start", &WorkingHours::start, "Start of the working day, HH:MM")
            .pattern("^([01][0-9]|2[0-3]):[0-5][0-9]$")
            .default_value("09:00"),
        ah::field("end", &WorkingHours::end, "End of the working day, HH:MM, after start")
            .pattern("^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")
            .default_value("17:00"),
        ah::field("days", &WorkingHours::days, "Working days")
            .min_items(1)
            .default_value({Weekday::mon, Weekday::tue, Weekday::wed, Weekday::thu, Weekday::fri})};
  }
};

struct FindFreeSlotsIn {
  std::vector<ah::Email> attendees;
  ah::DateTime from;
  ah::DateTime to;
  std::int32_t duration_minutes = 30;
  std::optional<WorkingHours> working_hours;
  std::int32_t max_slots = 10;
  static auto fields() {
    return std::tuple{
        ah::field("attendees", &FindFreeSlotsIn::attendees,
                  "Email addresses (calendars) that must all be free")
            .min_items(1)
            .max_items(20),
        ah::field("from", &FindFreeSlotsIn::from,
                  "Window start, RFC 3339; its UTC offset is the one working hours are read in"),
        ah::field("to", &FindFreeSlotsIn::to, "Window end, RFC 3339, at most 62 days after from"),
        ah::field("duration_minutes", &FindFreeSlotsIn::duration_minutes, "Length of the meeting")
            .minimum(5)
            .maximum(1440)
            .default_value(30),
        ah::field("working_hours", &FindFreeSlotsIn::working_hours,
                  "Only slots inside these hours (default: any time in the window)"),
        ah::field("max_slots", &FindFreeSlotsIn::max_slots, "At most this many slots")
            .minimum(1)
            .maximum(100)
            .default_value(10)};
  }
};

struct Slot {
  ah::DateTime start;
  ah::DateTime end;
  static auto fields() {
    return std::tuple{ah::field("start", &Slot::start, "Everyone is free from"),
                      ah::field("end", &Slot::end, "until (at least duration_minutes later)")};
  }
};

struct Unchecked {
  std::string email;
  std::string reason;
  static auto fields() {
    return std::tuple{ah::field("email", &Unchecked::email, "Attendee"),
                      ah::field("reason", &Unchecked::reason, "Why the provider gave no data")};
  }
};

struct FreeSlots {
  std::vector<Slot> slots;
  std::vector<Unchecked> unchecked;
  static auto fields() {
    return std::tuple{
        ah::field("slots", &FreeSlots::slots,
                  "Free periods, earliest first, each at least duration_minutes long"),
        ah::field("unchecked", &FreeSlots::unchecked,
                  "Attendees whose calendars could not be read: slots ignore them")};
  }
};

} // namespace calendar
