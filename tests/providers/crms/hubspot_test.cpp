// The hubspot plugin's actions through the real host and proxy against a local HubSpot
// (tests/fakes/hubspot): one success and one provider error per action, paging where there is
// one, a refreshed expired token and a waited-out 429. The fake refuses what HubSpot would
// refuse, and every test ends with the fake having seen nothing of the kind.
#include "crm_deployment.hpp"
#include "fake_hubspot.hpp"

#include <catch2/catch.hpp>

#include <Poco/Timestamp.h>

#include <set>

using namespace actionhost::testing;
using namespace actionhost::testing::crm;
using actionhost::fakes::FakeHubSpot;
using Catch::Matchers::Contains;

namespace {

struct HubSpot {
  FakeHubSpot fake{kStartToken, kClientId, kClientSecret, kRefreshToken};
  CrmDeployment crm{"hubspot",
                    {{"HUBSPOT_BASE_URL", fake.url()},
                     {"HUBSPOT_TOKEN_URL", fake.url() + "/oauth/v1/token"},
                     {"HUBSPOT_CLIENT_ID", kClientId},
                     {"HUBSPOT_CLIENT_SECRET", kClientSecret}}};
  ~HubSpot() {
    for (const auto& problem : fake.problems())
      FAIL_CHECK("HubSpot would refuse: " << problem);
  }
  std::string seed(const std::string& email, const std::string& first, const std::string& last,
                   const std::string& company, std::int64_t updated_ms = 0) {
    return fake.add_contact(
        {{"email", email}, {"firstname", first}, {"lastname", last}, {"company", company}},
        updated_ms ? updated_ms - 1000 : now_ms(), updated_ms);
  }
};

} // namespace

TEST_CASE("hubspot create_contact creates the contact and returns it", "[hubspot]") {
  HubSpot hs;
  auto r = hs.crm.call("create_contact", R"({"email":"ada@example.com","first_name":"Ada",
      "last_name":"Lovelace","company":"Analytical Engines","phone":"+44 20 1234",
      "job_title":"Programmer"})");
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  REQUIRE(r.structured);
  CHECK(r.structured->getValue<std::string>("email") == "ada@example.com");
  CHECK(r.structured->getValue<std::string>("company") == "Analytical Engines");
  CHECK(r.structured->getValue<std::string>("job_title") == "Programmer");
  CHECK(r.structured->has("created_at"));
  auto stored = hs.fake.contacts();
  REQUIRE(stored.size() == 1);
  CHECK(r.structured->getValue<std::string>("id") == stored[0].id);
  CHECK(stored[0].properties["lastname"] == "Lovelace");
  CHECK(stored[0].properties["jobtitle"] == "Programmer");
}

TEST_CASE("hubspot create_contact with an email in use names the contact that has it",
          "[hubspot]") {
  HubSpot hs;
  std::string existing = hs.seed("grace@example.com", "Grace", "Hopper", "Navy");
  auto r = hs.crm.call("create_contact", R"({"email":"GRACE@example.com","last_name":"H"})");
  CHECK(r.is_error);
  CHECK_THAT(r.text, Contains("already exists: contact " + existing));
  CHECK_THAT(r.text, Contains("update_contact"));
  CHECK(hs.fake.contacts().size() == 1);
}

TEST_CASE("hubspot update_contact changes the given fields and returns the whole contact",
          "[hubspot]") {
  HubSpot hs;
  std::string id = hs.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  auto r = hs.crm.call("update_contact", R"({"id":")" + id + R"(","job_title":"Countess"})");
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured->getValue<std::string>("job_title") == "Countess");
  CHECK(r.structured->getValue<std::string>("first_name") == "Ada"); // unchanged, still there

  std::string grace = hs.seed("grace@example.com", "Grace", "Hopper", "Navy");
  auto taken =
      hs.crm.call("update_contact", R"({"id":")" + id + R"(","email":"grace@example.com"})");
  CHECK(taken.is_error);
  CHECK_THAT(taken.text, Contains("already exists: contact " + grace));
  CHECK(hs.fake.contacts()[0].properties["jobtitle"] == "Countess");
}

TEST_CASE("hubspot update_contact of a missing contact points to search_contacts", "[hubspot]") {
  HubSpot hs;
  auto r = hs.crm.call("update_contact", R"({"id":"999999","phone":"1"})");
  CHECK(r.is_error);
  CHECK(r.text == "contact 999999 not found; search_contacts finds contacts by email, name or "
                  "company");
  auto none = hs.crm.call("update_contact", R"({"id":"999999"})");
  CHECK(none.is_error);
  CHECK_THAT(none.text, Contains("nothing to update"));
}

TEST_CASE("hubspot search_contacts matches email, name and company, one page at a time",
          "[hubspot]") {
  HubSpot hs;
  std::string ada = hs.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  hs.seed("charles@example.com", "Charles", "Babbage", "Engines");
  hs.seed("adam@example.com", "Adam", "Smith", "Economics");

  auto by_email = hs.crm.call("search_contacts", R"({"email":"ada@example.com"})");
  REQUIRE_FALSE(by_email.is_error);
  CHECK(ids_of(by_email.structured) == std::vector<std::string>{ada});

  auto by_name = hs.crm.call("search_contacts", R"({"name":"ad"})");
  CHECK(ids_of(by_name.structured).size() == 2); // Ada and Adam
  auto full_name = hs.crm.call("search_contacts", R"({"name":"Ada Love"})");
  CHECK(ids_of(full_name.structured) == std::vector<std::string>{ada});
  auto name_and_company = hs.crm.call("search_contacts", R"({"name":"ada","company":"engines"})");
  CHECK(ids_of(name_and_company.structured) == std::vector<std::string>{ada});

  std::string dick = hs.seed("dick@example.com", "Dick", "van Dyke", "Films");
  auto two_words = hs.crm.call("search_contacts", R"({"name":"dick van dy"})");
  CHECK(ids_of(two_words.structured) == std::vector<std::string>{dick});

  for (int i = 0; i < 22; ++i)
    hs.seed("p" + std::to_string(i) + "@globex.com", "P", "Person" + std::to_string(i), "Globex");
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = hs.crm.call("search_contacts",
                            R"({"company":"Globex","limit":10)" +
                                (cursor.empty() ? "" : R"(,"cursor":")" + cursor + "\"") + "}");
    REQUIRE_FALSE(page.is_error);
    CHECK(page.structured->getValue<int>("total") == 22);
    for (const auto& id : ids_of(page.structured))
      CHECK(seen.insert(id).second);
    cursor = page.structured->optValue<std::string>("next_cursor", "");
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(pages == 3);
  CHECK(seen.size() == 22);
}

TEST_CASE("hubspot search_contacts reports HubSpot's rate limit once retries are spent, and "
          "waits out a single 429",
          "[hubspot]") {
  HubSpot hs;
  hs.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  hs.fake.rate_limit(1);
  auto waited = hs.crm.call("search_contacts", R"({"email":"ada@example.com"})");
  INFO(waited.text);
  CHECK_FALSE(waited.is_error);
  hs.fake.rate_limit(10);
  auto r = hs.crm.call("search_contacts", R"({"email":"ada@example.com"})");
  CHECK(r.is_error);
  CHECK_THAT(r.text, Contains("rate limit"));
  CHECK_THAT(r.text, Contains("secondly limit"));
  auto nothing = hs.crm.call("search_contacts", "{}");
  CHECK(nothing.is_error);
  CHECK_THAT(nothing.text, Contains("at least one of email, name or company"));
}

TEST_CASE("hubspot fetch_recent_leads lists contacts changed since a time, newest first, with an "
          "expired token refreshed on the way",
          "[hubspot]") {
  HubSpot hs;
  std::int64_t now = now_ms();
  hs.seed("old@example.com", "Old", "Lead", "A", now - 10 * 86400000LL);
  std::string newer = hs.seed("new@example.com", "New", "Lead", "A", now - 60000);
  std::string newest = hs.seed("newest@example.com", "Newest", "Lead", "A", now - 1000);
  hs.fake.expire_token();
  auto since = iso(now - 3600000);
  auto first = hs.crm.call("fetch_recent_leads", R"({"since":")" + since + R"(","limit":1})");
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  CHECK(hs.fake.tokens().grants() == 1);
  CHECK(ids_of(first.structured) == std::vector<std::string>{newest});
  auto cursor = first.structured->getValue<std::string>("next_cursor");
  auto second =
      hs.crm.call("fetch_recent_leads",
                  R"({"since":")" + since + R"(","limit":1,"cursor":")" + cursor + R"("})");
  CHECK(ids_of(second.structured) == std::vector<std::string>{newer});
  CHECK_FALSE(second.structured->has("next_cursor"));
}

TEST_CASE("hubspot fetch_recent_leads says so when HubSpot keeps rate limiting", "[hubspot]") {
  HubSpot hs;
  hs.fake.rate_limit(10);
  auto r = hs.crm.call("fetch_recent_leads", R"({"since":"2024-01-01T00:00:00Z"})");
  CHECK(r.is_error);
  CHECK_THAT(r.text, Contains("HubSpot's rate limit"));
}

TEST_CASE("hubspot create_deal creates a deal associated with its contacts", "[hubspot]") {
  HubSpot hs;
  std::string ada = hs.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  auto r = hs.crm.call("create_deal", R"({"name":"Engine order","close_date":"2025-06-30",
      "amount":1500.5,"contact_ids":[")" + ada +
                                          R"("]})");
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured->getValue<std::string>("stage") == "appointmentscheduled");
  CHECK(r.structured->getValue<std::string>("close_date") == "2025-06-30");
  CHECK(r.structured->getValue<double>("amount") == Approx(1500.5));
  auto deals = hs.fake.deals();
  REQUIRE(deals.size() == 1);
  CHECK(deals[0].properties["amount"] == "1500.50");
  CHECK(deals[0].associations == std::vector<std::pair<std::string, int>>{{ada, 3}});
}

TEST_CASE("hubspot create_deal refuses an unknown stage or contact and creates nothing",
          "[hubspot]") {
  HubSpot hs;
  auto stage =
      hs.crm.call("create_deal", R"({"name":"X","close_date":"2025-06-30","stage":"won-ish"})");
  CHECK(stage.is_error);
  CHECK_THAT(stage.text, Contains("stage 'won-ish' is not a stage"));
  auto contact = hs.crm.call("create_deal",
                             R"({"name":"X","close_date":"2025-06-30","contact_ids":["4242"]})");
  CHECK(contact.is_error);
  CHECK_THAT(contact.text, Contains("contact 4242 not found; search_contacts"));
  CHECK(hs.fake.deals().empty());
}

TEST_CASE("hubspot log_note attaches a note to a contact or a deal", "[hubspot]") {
  HubSpot hs;
  std::string ada = hs.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  auto r = hs.crm.call("log_note",
                       R"({"contact_id":")" + ada + R"(","body":"Called <Ada> & left a message"})");
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured->getValue<std::string>("contact_id") == ada);
  CHECK(r.structured->getValue<std::string>("body") == "Called <Ada> & left a message");
  auto notes = hs.fake.notes();
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].properties["hs_note_body"] == "Called &lt;Ada&gt; &amp; left a message");
  CHECK(notes[0].associations == std::vector<std::pair<std::string, int>>{{ada, 202}});

  auto deal = hs.crm.call("create_deal", R"({"name":"D","close_date":"2025-01-01"})");
  std::string deal_id = deal.structured->getValue<std::string>("id");
  auto on_deal = hs.crm.call("log_note", R"({"deal_id":")" + deal_id + R"(","body":"Sent quote"})");
  REQUIRE_FALSE(on_deal.is_error);
  CHECK(hs.fake.notes().back().associations ==
        std::vector<std::pair<std::string, int>>{{deal_id, 214}});
}

TEST_CASE("hubspot log_note on a missing deal says how to get one", "[hubspot]") {
  HubSpot hs;
  auto r = hs.crm.call("log_note", R"({"deal_id":"777","body":"x"})");
  CHECK(r.is_error);
  CHECK(r.text == "deal 777 not found; create_deal returns the id of a new deal");
  auto both = hs.crm.call("log_note", R"({"deal_id":"1","contact_id":"2","body":"x"})");
  CHECK(both.is_error);
  CHECK_THAT(both.text, Contains("exactly one of contact_id or deal_id"));
  CHECK(hs.fake.notes().empty());
}

TEST_CASE("hubspot tells the model to reconnect when an expired token cannot be refreshed",
          "[hubspot]") {
  HubSpot hs;
  hs.fake.expire_token();
  hs.fake.tokens().refuse = true;
  auto r = hs.crm.call("search_contacts", R"({"email":"ada@example.com"})");
  INFO(r.text);
  CHECK(r.is_error);
  CHECK_THAT(r.text, Contains("must be reconnected"));
}
