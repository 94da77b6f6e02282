// The calendar actions as every calendar plugin registers them: one set of names, titles,
// descriptions and annotations (the cross-provider contract an agent relies on), over each
// provider's functions and the few words that differ (what a video meeting is, who is told).
#pragma once

#include <calendar/types.hpp>

namespace calendar {

struct Actions {
  CalendarList (*list_calendars)(ah::Context&, const ah::None&);
  EventList (*list_events)(ah::Context&, const ListEventsIn&);
  Event (*create_event)(ah::Context&, const CreateEventIn&);
  Event (*update_event)(ah::Context&, const UpdateEventIn&);
  DeleteEventOut (*delete_event)(ah::Context&, const DeleteEventIn&);
  FreeSlots (*find_free_slots)(ah::Context&, const FindFreeSlotsIn&);
  const char* video_meeting; // "it gets a Google Meet link"
  const char* on_delete;     // what the attendees hear of a deletion
};

inline void register_actions(ah::Plugin& plugin, const Actions& actions) {
  plugin.action("list_calendars", actions.list_calendars)
      .title("List calendars")
      .description("Lists every calendar this connection can see, with the ids the other "
                   "actions take and whether events can be created in it.")
      .read_only()
      .idempotent()
      .open_world();
  plugin.action("list_events", actions.list_events)
      .title("List events")
      .description("Lists the events of a calendar in start order, optionally within a time "
                   "window and matching a text, up to `limit` events over as many pages as "
                   "needed.")
      .read_only()
      .idempotent()
      .open_world();
  // Not idempotent: each call creates another event.
  plugin.action("create_event", actions.create_event)
      .title("Create event")
      .description(std::string("Creates an event and invites the attendees (they get an "
                               "email); with video_meeting ") +
                   actions.video_meeting + ".")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
  // Idempotent: the same fields set twice give the same event, and a second request for a
  // video meeting keeps the one the event has.
  plugin.action("update_event", actions.update_event)
      .title("Update event")
      .description("Changes the given fields of an event and leaves the others; attendees "
                   "replaces the whole list.")
      .read_only(false)
      .destructive(true)
      .idempotent(true)
      .open_world();
  plugin.action("delete_event", actions.delete_event)
      .title("Delete event")
      .description(std::string("Deletes an event; ") + actions.on_delete + ".")
      .read_only(false)
      .destructive(true)
      .idempotent(true)
      .open_world();
  plugin.action("find_free_slots", actions.find_free_slots)
      .title("Find free slots")
      .description("Finds periods when every attendee is free for at least duration_minutes, "
                   "within a window and optional working hours (read in the UTC offset of "
                   "`from`), from one free/busy query.")
      .read_only()
      .idempotent()
      .open_world();
}

} // namespace calendar
