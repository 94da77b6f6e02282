// create_deal and log_note against handlers written here: the contacts looked up in one query
// (15- and 18-character ids alike), a contact role per contact, and the note's title.
#include "actions.hpp"
#include "salesforce_replies.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace salesforce_test;

namespace {

const char* kDeal = "006000000000301AAA";

crm::CreateDealIn deal_in(std::vector<std::string> contacts) {
  crm::CreateDealIn in;
  in.name = "Engines for Navy";
  in.close_date = ah::Date{"2024-06-30"};
  in.amount = 1234.567;
  in.contact_ids = std::move(contacts);
  return in;
}

} // namespace

TEST_CASE("create_deal finds the contacts in one query, opens the opportunity under the first "
          "one's account and gives each contact a role") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  // Salesforce answers with 18-character ids; the input may give 15.
  provider.on("GET", "/query",
              batch({R"({"Id":"003000000000101AAA","AccountId":null})",
                     R"({"Id":"003000000000102AAA","AccountId":"001000000000201AAA"})"},
                    2));
  provider.on("POST", "/sobjects/Opportunity", created(kDeal));
  provider.on("POST", "/sobjects/OpportunityContactRole", created("00K000000000401AAA"));

  auto result =
      plugin.call<crm::Deal>("create_deal", deal_in({"003000000000101", kGrace}), provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->id == kDeal);
  CHECK(result->stage == "Prospecting");
  CHECK(result->amount == 1234.57); // to the cent, as Salesforce stores it
  auto sent = provider.requests();
  REQUIRE(sent.size() == 4);
  CHECK(sent[0].query_param("q") == "SELECT Id, AccountId FROM Contact WHERE Id IN "
                                    "('003000000000101', '003000000000102AAA')");
  CHECK(body_of(sent[1]) == canonical(R"({"Name":"Engines for Navy","StageName":"Prospecting",
                                          "CloseDate":"2024-06-30","Amount":1234.57,
                                          "AccountId":"001000000000201AAA"})"));
  CHECK(body_of(sent[2]) == canonical(R"({"OpportunityId":"006000000000301AAA",
                                          "ContactId":"003000000000101","IsPrimary":true})"));
  CHECK(body_of(sent[3]) == canonical(R"({"OpportunityId":"006000000000301AAA",
                                          "ContactId":"003000000000102AAA","IsPrimary":false})"));
}

TEST_CASE("create_deal creates nothing for a missing contact, and names a stage the org lacks") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", batch({R"({"Id":"003000000000101AAA","AccountId":null})"}, 1));
  provider.on("POST", "/sobjects/Opportunity",
              salesforce_error(400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                               "Stage: bad value for restricted picklist field: Won",
                               R"("StageName")"));

  CHECK_THAT(plugin.call<crm::Deal>("create_deal", deal_in({kAda, kGrace}), provider),
             FailsWith(AH_ERR_TOOL, "contact 003000000000102AAA not found"));
  CHECK_THAT(plugin.call<crm::Deal>("create_deal", deal_in({"ada"}), provider),
             FailsWith(AH_ERR_TOOL, "contact ada not found"));
  CHECK(provider.requests().size() == 1); // the one query; no insert

  auto in = deal_in({});
  in.stage = "Won";
  CHECK_THAT(plugin.call<crm::Deal>("create_deal", in, provider),
             FailsWith(AH_ERR_TOOL, "stage 'Won' is not an opportunity stage of this org: Stage: "
                                    "bad value for restricted picklist field: Won"));
}

TEST_CASE("create_deal says the deal exists when a contact role could not be added") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", batch({R"({"Id":"003000000000101AAA","AccountId":null})"}, 1));
  provider.on("POST", "/sobjects/Opportunity", created(kDeal));
  provider.on(
      "POST", "/sobjects/OpportunityContactRole",
      salesforce_error(400, "FIELD_INTEGRITY_EXCEPTION", "Contact is deleted", R"("ContactId")"));

  CHECK_THAT(plugin.call<crm::Deal>("create_deal", deal_in({kAda}), provider),
             FailsWith(AH_ERR_TOOL, "deal 006000000000301AAA was created, but Salesforce could "
                                    "not add contact 003000000000101AAA to the opportunity: "
                                    "FIELD_INTEGRITY_EXCEPTION: Contact is deleted (fields: "
                                    "ContactId) (HTTP 400)"));
}

TEST_CASE("log_note checks the record, then inserts a Note titled with the body's first line") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/sobjects/*", ProviderResponse::json(R"({"Id":"006000000000301AAA"})"));
  provider.on("POST", "/sobjects/Note", created("002000000000501AAA"));

  crm::LogNoteIn in;
  in.body = "Called about engines\nThey want two.";
  in.deal_id = kDeal;
  auto result = plugin.call<crm::Note>("log_note", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->id == "002000000000501AAA");
  CHECK(result->deal_id == kDeal);
  auto sent = provider.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].line() == "GET /sobjects/Opportunity/006000000000301AAA?fields=Id");
  CHECK(body_of(sent[1]) == canonical(R"({"ParentId":"006000000000301AAA",
                                          "Title":"Called about engines",
                                          "Body":"Called about engines\nThey want two."})"));

  // A first line over 80 characters is cut, never inside a UTF-8 character.
  in.body = std::string(76, 'a') + "\xC3\xA9\xC3\xA9\xC3\xA9 and more";
  REQUIRE_THAT(plugin.call<crm::Note>("log_note", in, provider), Succeeds());
  auto title =
      ah::json::as_object(provider.requests().at(3).json())->getValue<std::string>("Title");
  CHECK(title == std::string(76, 'a') + "...");
}

TEST_CASE("log_note needs exactly one existing record") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/sobjects/Contact/*",
              salesforce_error(404, "NOT_FOUND", "The requested resource does not exist"));

  CHECK_THAT(plugin.call<crm::Note>("log_note", crm::LogNoteIn{"hi", kAda, kDeal}, provider),
             FailsWith(AH_ERR_TOOL, "give exactly one of contact_id or deal_id"));
  CHECK_THAT(plugin.call<crm::Note>("log_note", crm::LogNoteIn{"hi", "7", std::nullopt}, provider),
             FailsWith(AH_ERR_TOOL, "contact 7 not found"));
  CHECK(provider.requests().empty());
  CHECK_THAT(plugin.call<crm::Note>("log_note", crm::LogNoteIn{"hi", kAda, std::nullopt}, provider),
             FailsWith(AH_ERR_TOOL, "contact 003000000000101AAA not found; search_contacts"));
  CHECK(provider.requests().size() == 1);
}
