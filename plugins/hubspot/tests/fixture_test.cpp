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

TEST_CASE("create_deal on a recording where one contact has gone creates no deal") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Fixture fixture(FIXTURE_DIR "/create_deal_with_contacts.json");
  Provider provider = fixture.provider();
  provider.on("GET", "/crm/v3/objects/contacts/102",
              ProviderResponse::json(R"({"status":"error","message":"resource not found",
                                         "category":"OBJECT_NOT_FOUND"})",
                                     404));

  auto result =
      plugin.call<crm::Deal>(fixture.action(), fixture.input<crm::CreateDealIn>(), provider);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "contact 102 not found"));
  auto unused = provider.unused();
  REQUIRE(unused.size() == 2); // contact 102's recorded answer and the deal's creation
  CHECK(unused[1] == "recorded exchange 2 (POST /crm/v3/objects/deals) was never requested");
}
