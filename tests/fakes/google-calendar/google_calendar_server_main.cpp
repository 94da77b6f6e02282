// actionhost_fake_google_calendar_server: the Google Calendar fake as a standalone server, for
// recording the google-calendar plugin's fixtures with `actionhost dryrun --save` (see
// plugins/google-calendar/tests/README.md). Prints its API base URL (GOOGLE_CALENDAR_BASE_URL)
// on the first line of stdout and serves until SIGINT or SIGTERM.
//
// The connection's access token must be "fixture-access-token"; calendarList and events pages hold
// 2 items, so recordings show the paging. Seeded with:
//   ada@example.com (primary, owner, 3 events on 2026-03-02) and team-room@example.com (reader),
//   bob@example.com busy 2026-03-02 10:00-11:30Z and 14:00-15:00Z.
#include "google_calendar_fake.hpp"

#include <iostream>

int main() {
  actionhost::fakes::StopSignals stop; // before any server thread starts

  actionhost::fakes::GoogleCalendarFake google("fixture-access-token", "fixture-client",
                                               "fixture-secret", "fixture-refresh-token");
  google.add_calendar("ada@example.com", "Ada Lovelace", "owner", true);
  google.add_calendar("team-room@example.com", "Team room", "reader");
  google.add_event("ada@example.com", "Standup", "2026-03-02T09:00:00Z", "2026-03-02T09:15:00Z");
  google.add_event("ada@example.com", "Design review", "2026-03-02T13:00:00Z",
                   "2026-03-02T14:00:00Z", "Engine notes, chapter 3");
  google.add_event("ada@example.com", "Team dinner", "2026-03-02T18:30:00Z",
                   "2026-03-02T20:30:00Z");
  google.set_busy("ada@example.com", {{"2026-03-02T09:00:00Z", "2026-03-02T09:15:00Z"},
                                      {"2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z"}});
  google.set_busy("bob@example.com", {{"2026-03-02T10:00:00Z", "2026-03-02T11:30:00Z"},
                                      {"2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z"}});

  google.page_size = 2; // small pages, so recordings show the paging

  std::cout << google.base_url() << std::endl;
  stop.wait();
  return 0;
}
