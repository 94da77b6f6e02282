// Registration of outlook-calendar: the shared calendar actions (plugins/shared/calendar).
#include "outlook.hpp"

#include <calendar/actions.hpp>

AH_PLUGIN("outlook-calendar", "1.0.0", "Microsoft Outlook Calendar",
          "Outlook calendars through Microsoft Graph v1.0: calendars, events and free slots") {
  using namespace outlook_calendar;
  // isOnlineMeeting set again keeps the one Teams meeting the event has.
  calendar::register_actions(plugin,
                             {list_calendars, list_events, create_event, update_event, delete_event,
                              find_free_slots, "it becomes a Microsoft Teams meeting",
                              "when you organise it, Outlook sends the attendees a cancellation"});
}
