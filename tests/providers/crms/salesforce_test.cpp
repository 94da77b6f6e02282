// The salesforce plugin's actions through the real host and proxy against a local Salesforce org
// (tests/fakes/salesforce), reached through the connection's instance_url: one success and one
// provider error per action, paging across Salesforce's query batches, SOQL values escaped, a
// refreshed expired token and a waited-out 429. The fake refuses what Salesforce would refuse,
// and every test ends with the fake having seen nothing of the kind.
#include "crm_deployment.hpp"
#include "fake_salesforce.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace actionhost::testing;
using namespace actionhost::testing::crm;
using actionhost::fakes::FakeSalesforce;
using Catch::Matchers::Contains;

namespace {

std::map<std::string, std::string> salesforce_env(const FakeSalesforce& fake) {
  return {{"SALESFORCE_TOKEN_URL", fake.url() + "/services/oauth2/token"},
          {"SALESFORCE_CLIENT_ID", kClientId},
          {"SALESFORCE_CLIENT_SECRET", kClientSecret}};
}

struct Salesforce {
  FakeSalesforce fake{kStartToken, kClientId, kClientSecret, kRefreshToken};
  // No SALESFORCE_BASE_URL: the proxy finds the org through the connection's instance_url.
  CrmDeployment crm{"salesforce", salesforce_env(fake),
                    R"({"instance_url":")" + fake.url() + R"("})"};
  std::map<std::string, std::string> accounts;
  ~Salesforce() {
    for (const auto& problem : fake.problems())
      FAIL_CHECK("Salesforce would refuse: " << problem);
  }
  std::string seed(const std::string& email, const std::string& first, const std::string& last,
                   const std::string& company, std::int64_t updated_ms = 0) {
    if (!accounts.count(company))
      accounts[company] = fake.add("Account", {{"Name", company}}, now_ms());
    return fake.add("Contact",
                    {{"Email", email},
                     {"FirstName", first},
                     {"LastName", last},
                     {"AccountId", accounts[company]}},
                    updated_ms ? updated_ms - 1000 : now_ms(), updated_ms);
  }
};

} // namespace

TEST_CASE("salesforce create_contact creates the contact under its company's account",
          "[salesforce]") {
  Salesforce sf;
  std::string engines = sf.fake.add("Account", {{"Name", "Analytical Engines"}}, now_ms());
  auto r = sf.crm.call("create_contact", R"({"email":"ada@example.com","first_name":"Ada",
      "last_name":"Lovelace","company":"Analytical Engines","job_title":"Programmer"})");
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured->getValue<std::string>("company") == "Analytical Engines");
  CHECK(r.structured->getValue<std::string>("job_title") == "Programmer");
  CHECK(r.structured->has("created_at"));
  auto contacts = sf.fake.records("Contact");
  REQUIRE(contacts.size() == 1);
  CHECK(contacts[0].fields["AccountId"] == engines);
  CHECK(sf.fake.records("Account").size() == 1); // found, not created again

  auto other = sf.crm.call(
      "create_contact", R"({"email":"ch@example.com","last_name":"Babbage","company":"New Co"})");
  REQUIRE_FALSE(other.is_error);
  CHECK(sf.fake.records("Account").size() == 2);
  CHECK(other.structured->getValue<std::string>("company") == "New Co");
}

TEST_CASE("salesforce create_contact with an email in use names the contact that has it",
          "[salesforce]") {
  Salesforce sf;
  std::string existing = sf.seed("grace@example.com", "Grace", "Hopper", "Navy");
  auto r = sf.crm.call("create_contact", R"({"email":"GRACE@example.com","last_name":"H"})");
  CHECK(r.is_error);
  CHECK_THAT(r.text, Contains("already exists: contact " + existing));
  CHECK(sf.fake.records("Contact").size() == 1);
}

TEST_CASE("salesforce update_contact changes the given fields and returns the whole contact",
          "[salesforce]") {
  Salesforce sf;
  std::string id = sf.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  auto r = sf.crm.call("update_contact", R"({"id":")" + id + R"(","job_title":"Countess",
      "company":"Royal Society"})");
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured->getValue<std::string>("job_title") == "Countess");
  CHECK(r.structured->getValue<std::string>("company") == "Royal Society");
  CHECK(r.structured->getValue<std::string>("first_name") == "Ada");

  std::string grace = sf.seed("grace@example.com", "Grace", "Hopper", "Navy");
  auto taken =
      sf.crm.call("update_contact", R"({"id":")" + id + R"(","email":"grace@example.com"})");
  CHECK(taken.is_error);
  CHECK_THAT(taken.text, Contains("already exists: contact " + grace));
}

TEST_CASE("salesforce update_contact of a missing contact points to search_contacts",
          "[salesforce]") {
  Salesforce sf;
  auto r = sf.crm.call("update_contact", R"({"id":"003000000009999AAA","phone":"1"})");
  CHECK(r.is_error);
  CHECK(r.text == "contact 003000000009999AAA not found; search_contacts finds contacts by "
                  "email, name or company");
  auto malformed = sf.crm.call("update_contact", R"({"id":"../Account/x","phone":"1"})");
  CHECK(malformed.is_error);
  CHECK_THAT(malformed.text, Contains("not found"));
}

TEST_CASE("salesforce search_contacts matches email, name and company with values escaped in "
          "SOQL",
          "[salesforce]") {
  Salesforce sf;
  std::string ada = sf.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  sf.seed("adam@example.com", "Adam", "Smith", "Economics");
  std::string odd = sf.seed("sean@example.com", "Se_n", "O'Brien", "100% \"Real\" \\Co");
  sf.seed("x@example.com", "Seán", "OXBrien", "100% \"Real\" \\Co");

  auto by_email = sf.crm.call("search_contacts", R"({"email":"ada@example.com"})");
  REQUIRE_FALSE(by_email.is_error);
  CHECK(ids_of(by_email.structured) == std::vector<std::string>{ada});
  CHECK(ids_of(sf.crm.call("search_contacts", R"({"name":"ad"})").structured).size() == 2);
  auto full = sf.crm.call("search_contacts", R"({"name":"Ada Love","company":"ENGINES"})");
  CHECK(ids_of(full.structured) == std::vector<std::string>{ada});

  std::string dick = sf.seed("dick@example.com", "Dick", "van Dyke", "Films");
  auto two_words = sf.crm.call("search_contacts", R"({"name":"dick van dy"})");
  CHECK(ids_of(two_words.structured) == std::vector<std::string>{dick});

  // A quote, LIKE's wildcards and backslashes match only themselves.
  auto quoted = sf.crm.call("search_contacts", R"({"name":"Se_n O'Brien"})");
  INFO(quoted.text);
  CHECK(ids_of(quoted.structured) == std::vector<std::string>{odd});
  auto company = sf.crm.call("search_contacts", R"({"company":"100% \"Real\" \\Co"})");
  CHECK(ids_of(company.structured).size() == 2);
  auto injected = sf.crm.call("search_contacts", R"({"company":"x' OR Name != 'y"})");
  CHECK_FALSE(injected.is_error);
  CHECK(ids_of(injected.structured).empty());
}

TEST_CASE("salesforce search_contacts pages across Salesforce's query batches", "[salesforce]") {
  Salesforce sf;
  for (int i = 0; i < 250; ++i)
    sf.seed("p" + std::to_string(i) + "@globex.com", "P", "Person" + std::to_string(i), "Globex");
  std::set<std::string> seen;
  std::vector<size_t> sizes;
  std::string cursor;
  do {
    auto page = sf.crm.call("search_contacts",
                            R"({"company":"Globex","limit":90)" +
                                (cursor.empty() ? "" : R"(,"cursor":")" + cursor + "\"") + "}");
    INFO(page.text);
    REQUIRE_FALSE(page.is_error);
    CHECK(page.structured->getValue<int>("total") == 250);
    auto ids = ids_of(page.structured);
    sizes.push_back(ids.size());
    for (const auto& id : ids)
      CHECK(seen.insert(id).second);
    cursor = page.structured->optValue<std::string>("next_cursor", "");
  } while (!cursor.empty() && sizes.size() < 10);
  CHECK(sizes == std::vector<size_t>{90, 90, 70}); // the second page spans two batches of 200
  CHECK(seen.size() == 250);
  bool followed = false;
  for (const auto& r : sf.fake.server().requests())
    followed = followed || r.path.rfind("/services/data/v60.0/query/01g", 0) == 0;
  CHECK(followed); // the plugin walked nextRecordsUrl

  auto bad = sf.crm.call("search_contacts", R"({"company":"Globex","cursor":"q~x/../"})");
  CHECK(bad.is_error);
  CHECK_THAT(bad.text, Contains("start again without a cursor"));
}

TEST_CASE("salesforce search_contacts reports a rate limit once retries are spent, and waits out "
          "a single 429",
          "[salesforce]") {
  Salesforce sf;
  sf.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  sf.fake.rate_limit(1);
  auto waited = sf.crm.call("search_contacts", R"({"email":"ada@example.com"})");
  INFO(waited.text);
  CHECK_FALSE(waited.is_error);
  sf.fake.rate_limit(10);
  auto r = sf.crm.call("search_contacts", R"({"email":"ada@example.com"})");
  CHECK(r.is_error);
  CHECK_THAT(r.text, Contains("REQUEST_LIMIT_EXCEEDED"));
}

TEST_CASE("salesforce fetch_recent_leads lists contacts changed since a time, newest first, with "
          "an expired token refreshed on the way",
          "[salesforce]") {
  Salesforce sf;
  std::int64_t now = now_ms();
  sf.seed("old@example.com", "Old", "Lead", "A", now - 10 * 86400000LL);
  std::string newer = sf.seed("new@example.com", "New", "Lead", "A", now - 60000);
  std::string newest = sf.seed("newest@example.com", "Newest", "Lead", "A", now - 1000);
  sf.fake.expire_token();
  std::string since = iso(now - 3600000);
  auto first = sf.crm.call("fetch_recent_leads", R"({"since":")" + since + R"(","limit":1})");
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  CHECK(sf.fake.tokens().grants() == 1);
  CHECK(ids_of(first.structured) == std::vector<std::string>{newest});
  auto cursor = first.structured->getValue<std::string>("next_cursor");
  auto second =
      sf.crm.call("fetch_recent_leads",
                  R"({"since":")" + since + R"(","limit":1,"cursor":")" + cursor + R"("})");
  CHECK(ids_of(second.structured) == std::vector<std::string>{newer});
  CHECK_FALSE(second.structured->has("next_cursor"));
  CHECK_THAT(sf.fake.queries().back(), Contains("LastModifiedDate >= " + since));
}

TEST_CASE("salesforce fetch_recent_leads says so when Salesforce keeps refusing", "[salesforce]") {
  Salesforce sf;
  sf.fake.rate_limit(10);
  auto r = sf.crm.call("fetch_recent_leads", R"({"since":"2024-01-01T00:00:00+02:00"})");
  CHECK(r.is_error);
  CHECK_THAT(r.text, Contains("Salesforce"));
  CHECK_THAT(r.text, Contains("try again"));
}

TEST_CASE("salesforce create_deal creates an opportunity with a contact role per contact",
          "[salesforce]") {
  Salesforce sf;
  std::string ada = sf.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  auto r = sf.crm.call("create_deal", R"({"name":"Engine order","close_date":"2025-06-30",
      "amount":1500.5,"contact_ids":[")" + ada +
                                          R"("]})");
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured->getValue<std::string>("stage") == "Prospecting");
  auto opportunities = sf.fake.records("Opportunity");
  REQUIRE(opportunities.size() == 1);
  CHECK(opportunities[0].fields["CloseDate"] == "2025-06-30");
  CHECK(opportunities[0].fields["AccountId"] == sf.accounts["Engines"]);
  auto roles = sf.fake.records("OpportunityContactRole");
  REQUIRE(roles.size() == 1);
  CHECK(roles[0].fields["ContactId"] == ada);
  CHECK(roles[0].fields["OpportunityId"] == opportunities[0].id);
}

TEST_CASE("salesforce create_deal refuses an unknown stage or contact and creates nothing",
          "[salesforce]") {
  Salesforce sf;
  auto stage =
      sf.crm.call("create_deal", R"({"name":"X","close_date":"2025-06-30","stage":"Won-ish"})");
  CHECK(stage.is_error);
  CHECK_THAT(stage.text, Contains("stage 'Won-ish' is not an opportunity stage"));
  auto contact = sf.crm.call(
      "create_deal", R"({"name":"X","close_date":"2025-06-30","contact_ids":["003000000004242"]})");
  CHECK(contact.is_error);
  CHECK_THAT(contact.text, Contains("contact 003000000004242 not found; search_contacts"));
  CHECK(sf.fake.records("Opportunity").empty());
}

TEST_CASE("salesforce log_note attaches a note to a contact or an opportunity", "[salesforce]") {
  Salesforce sf;
  std::string ada = sf.seed("ada@example.com", "Ada", "Lovelace", "Engines");
  std::string body = "Called Ada about the engine order, and she asked for a second quote with "
                     "delivery by June\nDetails follow.";
  auto r = sf.crm.call("log_note", R"({"contact_id":")" + ada + R"(","body":")" +
                                       "Called Ada about the engine order, and she asked for a "
                                       "second quote with delivery by June\\nDetails follow." +
                                       R"("})");
  INFO(r.text);
  REQUIRE_FALSE(r.is_error);
  CHECK(r.structured->getValue<std::string>("body") == body);
  auto notes = sf.fake.records("Note");
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].fields["ParentId"] == ada);
  CHECK(notes[0].fields["Body"] == body);
  CHECK(notes[0].fields["Title"].size() <= 80);

  auto deal = sf.crm.call("create_deal", R"({"name":"D","close_date":"2025-01-01"})");
  std::string deal_id = deal.structured->getValue<std::string>("id");
  auto on_deal = sf.crm.call("log_note", R"({"deal_id":")" + deal_id + R"(","body":"Quote"})");
  REQUIRE_FALSE(on_deal.is_error);
  CHECK(sf.fake.records("Note").back().fields["ParentId"] == deal_id);
}

TEST_CASE("salesforce log_note on a missing opportunity says how to get one", "[salesforce]") {
  Salesforce sf;
  auto r = sf.crm.call("log_note", R"({"deal_id":"006000000007777AAA","body":"x"})");
  CHECK(r.is_error);
  CHECK(r.text == "deal 006000000007777AAA not found; create_deal returns the id of a new deal");
  CHECK(sf.fake.records("Note").empty());
}

TEST_CASE("salesforce SALESFORCE_BASE_URL sends every connection to one org", "[salesforce]") {
  FakeSalesforce fake{kStartToken, kClientId, kClientSecret, kRefreshToken};
  auto env = salesforce_env(fake);
  env["SALESFORCE_BASE_URL"] = fake.url();
  CrmDeployment crm{"salesforce", env}; // no instance_url in the metadata
  auto r = crm.call("create_contact", R"({"email":"a@example.com","last_name":"A"})");
  INFO(r.text);
  CHECK_FALSE(r.is_error);
  CHECK(fake.records("Contact").size() == 1);
  CHECK(fake.problems().empty());
}
