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

TEST_CASE("create_contact on a recording where the email is already taken creates nothing") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Fixture fixture(FIXTURE_DIR "/create_contact_new_account.json");
  Provider provider = fixture.provider();
  provider.on("GET", "/query",
              ProviderResponse::json(
                  R"({"totalSize":1,"done":true,"records":[{"Id":"003000000000104AAA"}]})"));

  auto result =
      plugin.call<crm::Contact>(fixture.action(), fixture.input<crm::CreateContactIn>(), provider);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "a contact with email alan@example.com already "
                                            "exists: contact 003000000000104AAA"));
  CHECK(provider.requests().size() == 1);
  CHECK(provider.unused().size() == 5); // no account, no insert, no read-back
}
