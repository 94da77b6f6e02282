// search_contacts and fetch_recent_leads against handlers written here: the SOQL built from the
// input with its values escaped, and pages cut out of Salesforce's batches with the
// "<locator>~<skip>" cursor.
#include "actions.hpp"
#include "salesforce_replies.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace salesforce_test;

namespace {

const std::string kSelect = "SELECT Id, Email, FirstName, LastName, Phone, Title, Account.Name, "
                            "CreatedDate, LastModifiedDate FROM Contact WHERE ";
const char* kLocator = "01gD0000002HU6KIAW";

crm::SearchContactsIn by_company(std::int32_t limit, std::optional<std::string> cursor = {}) {
  crm::SearchContactsIn in;
  in.company = "Analytical Engines";
  in.limit = limit;
  in.cursor = std::move(cursor);
  return in;
}

} // namespace

TEST_CASE("search_contacts quotes every value into SOQL, LIKE wildcards included") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", batch({}, 0));

  crm::SearchContactsIn in;
  in.email = ah::Email{"o'reilly@example.com"};
  in.name = "Tim O'Re%_\\";
  in.company = "O'Reilly & Sons 100%";
  auto result = plugin.call<crm::ContactPage>("search_contacts", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->contacts.empty());
  auto sent = provider.requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].query_param("q") ==
        kSelect + "Email = 'o\\'reilly@example.com' AND FirstName LIKE 'Tim%' AND LastName LIKE "
                  "'O\\'Re\\%\\_\\\\%' AND Account.Name = 'O\\'Reilly & Sons 100%' ORDER BY Id");
  CHECK(sent[0].header("Sforce-Query-Options") == "batchSize=200");

  // One word: first or last name.
  in = crm::SearchContactsIn{};
  in.name = "ada";
  REQUIRE_THAT(plugin.call<crm::ContactPage>("search_contacts", in, provider), Succeeds());
  CHECK(provider.requests().at(1).query_param("q") ==
        kSelect + "(FirstName LIKE 'ada%' OR LastName LIKE 'ada%') ORDER BY Id");
}

TEST_CASE("search_contacts cuts a page out of a batch and continues in the same batch") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query",
              batch({contact(kAda, "Ada", "Lovelace", "Analytical Engines"),
                     contact("003000000000103AAA", "Adele", "Goldberg", "Analytical Engines"),
                     contact("003000000000104AAA", "Alan", "Kay", "Analytical Engines")},
                    3));

  auto first = plugin.call<crm::ContactPage>("search_contacts", by_company(2), provider);
  REQUIRE_THAT(first, Succeeds());
  REQUIRE(first->contacts.size() == 2);
  CHECK(first->contacts[0].company == "Analytical Engines");
  CHECK(first->contacts[0].created_at->value == "2024-05-01T09:00:00.000+00:00");
  CHECK(first->total == 3);
  CHECK(first->next_cursor == "q~2");

  auto second = plugin.call<crm::ContactPage>("search_contacts", by_company(2, "q~2"), provider);
  REQUIRE_THAT(second, Succeeds());
  REQUIRE(second->contacts.size() == 1);
  CHECK(second->contacts[0].first_name == "Alan");
  CHECK_FALSE(second->next_cursor);
  // The first batch is asked for again: a query's first batch has no locator to return to.
  CHECK(provider.requests().at(1).query_param("q") ==
        kSelect + "Account.Name = 'Analytical Engines' ORDER BY Id");
}

TEST_CASE("search_contacts follows nextRecordsUrl when a batch runs out before the page is full") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query",
              batch({contact(kAda, "Ada", "Lovelace")}, 4, std::string(kLocator) + "-1"));
  provider.on("GET", "/query/" + std::string(kLocator) + "-1",
              batch({contact(kGrace, "Grace", "Hopper")}, 4, std::string(kLocator) + "-2"));
  provider.on("GET", "/query/" + std::string(kLocator) + "-2",
              batch({contact("003000000000103AAA", "Adele", "Goldberg"),
                     contact("003000000000104AAA", "Alan", "Kay")},
                    4));

  auto page = plugin.call<crm::ContactPage>("search_contacts", by_company(2), provider);
  REQUIRE_THAT(page, Succeeds());
  CHECK(page->contacts.size() == 2);
  // Full exactly where the batch ends: the next page starts at the next batch.
  CHECK(page->next_cursor == std::string(kLocator) + "-2~0");

  auto rest = plugin.call<crm::ContactPage>(
      "search_contacts", by_company(5, std::string(kLocator) + "-2~1"), provider);
  REQUIRE_THAT(rest, Succeeds());
  REQUIRE(rest->contacts.size() == 1);
  CHECK(rest->contacts[0].first_name == "Alan");
  CHECK_FALSE(rest->next_cursor);
  auto sent = provider.requests();
  REQUIRE(sent.size() == 3);
  CHECK(sent[1].line() == "GET /query/01gD0000002HU6KIAW-1");
  CHECK(sent[1].header("Sforce-Query-Options") == "batchSize=200");
  CHECK(sent[2].line() == "GET /query/01gD0000002HU6KIAW-2");
}

TEST_CASE("search_contacts refuses a cursor it did not hand out and explains an expired one") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query/*", salesforce_error(404, "INVALID_QUERY_LOCATOR", "invalid locator"));

  for (const char* bad : {"q", "q~x", "../sobjects/User~0", "01gD0000002HU6KIAW~1"})
    CHECK_THAT(plugin.call<crm::ContactPage>("search_contacts", by_company(2, bad), provider),
               FailsWith(AH_ERR_TOOL, "cursor: not a next_cursor this action returned"));
  CHECK(provider.requests().empty());

  auto expired = plugin.call<crm::ContactPage>(
      "search_contacts", by_company(2, std::string(kLocator) + "-2~0"), provider);
  CHECK_THAT(expired, FailsWith(AH_ERR_TOOL, "cursor: Salesforce no longer has these results "
                                             "(query cursors expire after 15 minutes)"));
}

TEST_CASE("fetch_recent_leads asks for contacts changed since the second given, newest first") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", batch({contact(kGrace, "Grace", "Hopper")}, 1));

  crm::FetchRecentLeadsIn in;
  in.since = ah::DateTime{"2024-05-01T11:00:00.750+02:00"};
  auto result = plugin.call<crm::ContactPage>("fetch_recent_leads", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->contacts.at(0).updated_at->value == "2024-05-02T10:30:00.000+00:00");
  CHECK(provider.requests().at(0).query_param("q") ==
        kSelect + "LastModifiedDate >= 2024-05-01T09:00:00Z ORDER BY LastModifiedDate DESC, Id "
                  "DESC");
}
