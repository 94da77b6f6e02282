// A call recorded against the fake Salesforce org (README.md), replayed: the plugin must still
// send exactly the recorded requests and produce the recorded contact.
#include "actions.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;

TEST_CASE("create_contact replays its recording: duplicate check, account, insert, read-back") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Fixture fixture(FIXTURE_DIR "/create_contact_new_account.json");

  auto result = plugin.replay<crm::Contact>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK(result->company.has_value());
  CHECK(result.problems.empty());
}
