// The fixtures in this folder were recorded with `actionhost dryrun --save` against the fake
// Graph (README.md says how); replayed here, the plugin must send the same requests and give the
// same output.
#include "support.hpp"

using namespace outlook_calendar_tests;

TEST_CASE("find_free_slots replays its recorded getSchedule call and gives the recorded slots") {
  Fixture fixture(FIXTURE_DIR "/find_free_slots.json");

  auto result = plugin().replay<calendar::FreeSlots>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK_FALSE(result->slots.empty());
}

TEST_CASE("list_events replays its recording, and a changed answer changes the output") {
  Fixture fixture(FIXTURE_DIR "/list_events.json");
  REQUIRE_THAT(plugin().replay<calendar::EventList>(fixture), MatchesFixture(fixture));

  // The same recorded call, with Graph now throttling the connection.
  auto graph = fixture.provider();
  auto throttled = graph_error(429, "ApplicationThrottled", "Too many requests");
  throttled.headers.emplace_back("Retry-After", "5");
  graph.on("GET", "/me/*", throttled);
  auto result = plugin().call<calendar::EventList>("list_events",
                                                   fixture.input<calendar::ListEventsIn>(), graph);
  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "try again in 5 seconds"));
}
