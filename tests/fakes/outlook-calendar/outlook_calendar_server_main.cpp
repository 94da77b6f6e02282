// actionhost_fake_outlook_calendar_server: the Microsoft Graph calendar fake as a standalone
// server, for recording the outlook-calendar plugin's fixtures with `actionhost dryrun --save`
// (see plugins/outlook-calendar/tests/README.md). Prints its API base URL
// (OUTLOOK_CALENDAR_BASE_URL) on the first line of stdout and serves until SIGINT or SIGTERM.
//
// The connection's access token must be "fixture-access-token"; pages hold 2 items, so recordings
// show the paging. Seeded with:
//   cal-ada (default, editable, 3 events on 2026-03-02) and cal-room (read-only),
//   bob@example.com busy 2026-03-02 10:00-11:30Z and 14:00-15:00Z.
#include "outlook_calendar_fake.hpp"

#include <iostream>

int main() {
  actionhost::fakes::StopSignals stop; // before any server thread starts

  actionhost::fakes::OutlookCalendarFake graph("fixture-access-token", "fixture-client",
                                               "fixture-secret", "fixture-refresh-token");
  graph.add_calendar("cal-ada", "Calendar", true, true);
  graph.add_calendar("cal-room", "Team room", false);
  graph.add_event("cal-ada", "Standup", "2026-03-02T09:00:00Z", "2026-03-02T09:15:00Z");
  graph.add_event("cal-ada", "Design review", "2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z",
                  "Engine notes, chapter 3");
  graph.add_event("cal-ada", "Team dinner", "2026-03-02T18:30:00Z", "2026-03-02T20:30:00Z");
  graph.set_busy("ada@example.com", {{"2026-03-02T09:00:00Z", "2026-03-02T09:15:00Z"},
                                     {"2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z"}});
  graph.set_busy("bob@example.com", {{"2026-03-02T10:00:00Z", "2026-03-02T11:30:00Z"},
                                     {"2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z"}});

  graph.page_size = 2; // small pages, so recordings show the paging

  std::cout << graph.base_url() << std::endl;
  stop.wait();
  return 0;
}
