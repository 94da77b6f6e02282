// A call recorded against the fake HubSpot (README.md), replayed: the plugin must still send
// exactly the recorded search and produce the recorded page.
#include "actions.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;

TEST_CASE("search_contacts replays its recording: one page and the cursor of the next") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Fixture fixture(FIXTURE_DIR "/search_contacts_by_company.json");

  auto result = plugin.replay<crm::ContactPage>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK(result->next_cursor.has_value());
  CHECK(result.problems.empty());
}
