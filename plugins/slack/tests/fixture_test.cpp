// The calls recorded against the fake Slack (README.md), replayed: the plugin must still send
// exactly the recorded requests and produce the recorded output.
#include "types.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;

TEST_CASE("send_direct_message replays its recording: lookup, open, post") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Fixture fixture(FIXTURE_DIR "/send_direct_message.json");

  auto result = plugin.replay<slack::SendDirectMessageOut>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK(result->user_id == "U0ADA00001");
  CHECK(result.problems.empty());
}
