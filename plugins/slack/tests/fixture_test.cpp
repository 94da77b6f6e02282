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

TEST_CASE("send_direct_message on a recording whose last step is refused names the conversation") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Fixture fixture(FIXTURE_DIR "/send_direct_message.json");
  Provider provider = fixture.provider();
  provider.on("POST", "/chat.postMessage",
              ProviderResponse::json(R"({"ok":false,"error":"msg_too_long"})"));

  auto result = plugin.call<slack::SendDirectMessageOut>(
      fixture.action(), fixture.input<slack::SendDirectMessageIn>(), provider);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "the message text is too long for Slack"));
  // The lookup and the open came from the recording; its post was never asked for.
  CHECK(
      provider.unused() ==
      std::vector<std::string>{"recorded exchange 2 (POST /chat.postMessage) was never requested"});
}
