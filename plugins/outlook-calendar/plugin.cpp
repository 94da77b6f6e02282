// Registration of outlook-calendar: the shared calendar actions, with honest annotations.
#include "outlook.hpp"

AH_PLUGIN("outlook-calendar", "1.0.0", "Microsoft Outlook Calendar",
          "Outlook calendars through Microsoft Graph v1.0: calendars, events and free slots") {
  using namespace outlook_calendar;
  plugin.action("list_calendars", list_calendars)
      .title("List calendars")
      .description("Lists every calendar this connection can see, with the ids the other "
                   "actions take and whether events can be created in it.")
      .read_only()
      .idempotent()
      .open_world();
  plugin.action("list_events", list_events)
      .title("List events")
      .description("Lists the events of a calendar in start order, optionally within a time "
                   "window and matching a text, up to `limit` events over as many pages as "
                   "needed.")
      .read_only()
      .idempotent()
      .open_world();
  // Not idempotent: each call creates another event.
  plugin.action("create_event", create_event)
      .title("Create event")
      .description("Creates an event and invites the attendees (they get an email); with "
                   "video_meeting it becomes a Microsoft Teams meeting.")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
  // Idempotent: the same fields set twice give the same event; isOnlineMeeting set again keeps
  // the one Teams meeting.
  plugin.action("update_event", update_event)
      .title("Update event")
      .description("Changes the given fields of an event and leaves the others; attendees "
                   "replaces the whole list.")
      .read_only(false)
      .destructive(true)
      .idempotent(true)
      .open_world();
  plugin.action("delete_event", delete_event)
      .title("Delete event")
      .description(
          "Deletes an event; when you organise it, Outlook sends the attendees a cancellation.")
      .read_only(false)
      .destructive(true)
      .idempotent(true)
      .open_world();
  plugin.action("find_free_slots", find_free_slots)
      .title("Find free slots")
      .description("Finds periods when every attendee is free for at least duration_minutes, "
                   "within a window and optional working hours (read in the UTC offset of "
                   "`from`), from one free/busy query.")
      .read_only()
      .idempotent()
      .open_world();
}
