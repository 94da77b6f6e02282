// The fixtures in this folder were recorded with `actionhost dryrun --save` against the fake
// Google Calendar (README.md says how); replayed here, the plugin must send the same requests and
// give the same output.
#include "support.hpp"

using namespace google_calendar_tests;

TEST_CASE("find_free_slots replays its recorded freeBusy call and gives the recorded slots") {
  Fixture fixture(FIXTURE_DIR "/find_free_slots.json");

  auto result = plugin().replay<calendar::FreeSlots>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK_FALSE(result->slots.empty());
}

TEST_CASE("list_events replays its recording, and a changed answer changes the output") {
  Fixture fixture(FIXTURE_DIR "/list_events.json");
  REQUIRE_THAT(plugin().replay<calendar::EventList>(fixture), MatchesFixture(fixture));

  // The same recorded call, with Google now answering that the calendar is gone.
  auto google = fixture.provider();
  google.on("GET", "/calendars/*", google_error(404, "notFound", "Not Found"));
  auto result = plugin().call<calendar::EventList>("list_events",
                                                   fixture.input<calendar::ListEventsIn>(), google);
  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "list_calendars shows the calendars"));
}
