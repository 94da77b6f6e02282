// Registration of google-calendar: the shared calendar actions (plugins/shared/calendar).
#include "google.hpp"

#include <calendar/actions.hpp>

AH_PLUGIN("google-calendar", "1.0.0", "Google Calendar",
          "Google Calendar (API v3): calendars, events and free slots") {
  using namespace google_calendar;
  // A video meeting is asked for with a request id derived from the event, so an update that
  // asks again does not create a second one.
  calendar::register_actions(plugin, {list_calendars, list_events, create_event, update_event,
                                      delete_event, find_free_slots, "it gets a Google Meet link",
                                      "attendees are not notified"});
}
