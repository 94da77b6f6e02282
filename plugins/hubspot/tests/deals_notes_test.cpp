// create_deal and log_note against handlers written here: every contact is checked before
// anything is written, the properties and association type ids sent, HTML-escaped note bodies.
#include "actions.hpp"
#include "hubspot_replies.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace hubspot_test;

namespace {

ProviderResponse exists(const std::string& id) {
  return ProviderResponse::json(R"({"id":")" + id + R"(","properties":{"hs_object_id":")" + id +
                                R"("}})");
}

crm::CreateDealIn deal_in(std::vector<std::string> contacts) {
  crm::CreateDealIn in;
  in.name = "Engines for Navy";
  in.close_date = ah::Date{"2024-06-30"};
  in.amount = 1234.5;
  in.contact_ids = std::move(contacts);
  return in;
}

} // namespace

TEST_CASE("create_deal checks each contact, then creates the deal with its associations") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/crm/v3/objects/contacts/*", [](const ProviderRequest& request) {
    return exists(request.path.substr(request.path.rfind('/') + 1));
  });
  provider.on("POST", "/crm/v3/objects/deals",
              ProviderResponse::json(R"({"id":"501",
    "properties":{"dealname":"Engines for Navy","dealstage":"appointmentscheduled",
                  "closedate":"2024-06-30T00:00:00Z","amount":"1234.50"}})",
                                     201));

  auto result = plugin.call<crm::Deal>("create_deal", deal_in({"301", "302"}), provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->id == "501");
  CHECK(result->stage == "appointmentscheduled");
  CHECK(result->close_date->value == "2024-06-30");
  CHECK(result->amount == 1234.5);
  CHECK(result->contact_ids == std::vector<std::string>{"301", "302"});
  auto sent = provider.requests();
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].line() == "GET /crm/v3/objects/contacts/301?properties=hs_object_id");
  CHECK(sent[1].line() == "GET /crm/v3/objects/contacts/302?properties=hs_object_id");
  CHECK(body_of(sent[2]) == canonical(R"({
    "properties": {"dealname": "Engines for Navy", "pipeline": "default",
                   "dealstage": "appointmentscheduled", "closedate": "2024-06-30T00:00:00.000Z",
                   "amount": "1234.50"},
    "associations": [
      {"to": {"id": "301"}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                       "associationTypeId": 3}]},
      {"to": {"id": "302"}, "types": [{"associationCategory": "HUBSPOT_DEFINED",
                                       "associationTypeId": 3}]}]})"));
}

TEST_CASE("create_deal creates nothing when a contact is missing or malformed") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/crm/v3/objects/contacts/301", exists("301"));
  provider.on("GET", "/crm/v3/objects/contacts/404",
              hubspot_error(404, "resource not found", "OBJECT_NOT_FOUND"));

  CHECK_THAT(plugin.call<crm::Deal>("create_deal", deal_in({"301", "404"}), provider),
             FailsWith(AH_ERR_TOOL, "contact 404 not found; search_contacts finds contacts"));
  CHECK_THAT(plugin.call<crm::Deal>("create_deal", deal_in({"ada@example.com"}), provider),
             FailsWith(AH_ERR_TOOL, "contact ada@example.com not found"));
  for (const auto& request : provider.requests())
    CHECK(request.method == "GET");
}

TEST_CASE("create_deal names a stage the pipeline does not have") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/crm/v3/objects/deals",
              hubspot_error(400, "Property values were not valid: dealstage 'won' is not allowed",
                            "VALIDATION_ERROR"));

  auto in = deal_in({});
  in.stage = "won";
  auto result = plugin.call<crm::Deal>("create_deal", in, provider);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "stage 'won' is not a stage of HubSpot's default deal "
                                            "pipeline: Property values were not valid"));
}

TEST_CASE("log_note escapes the text as HTML and associates it with the contact or the deal") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/crm/v3/objects/*", exists("7"));
  provider.on("POST", "/crm/v3/objects/notes", ProviderResponse::json(R"({"id":"901"})", 201));

  crm::LogNoteIn in;
  in.body = "Call <Ada> & Grace\nre: engines";
  in.deal_id = "7";
  auto result = plugin.call<crm::Note>("log_note", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->id == "901");
  CHECK(result->body == in.body); // the text as given, not the HTML
  CHECK(result->deal_id == "7");
  auto sent = provider.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].path == "/crm/v3/objects/deals/7");
  auto body = ah::json::as_object(sent[1].json());
  auto props = body->getObject("properties");
  CHECK(props->getValue<std::string>("hs_note_body") ==
        "Call &lt;Ada&gt; &amp; Grace<br>re: engines");
  CHECK(ah::DateTime::valid(props->getValue<std::string>("hs_timestamp")));
  CHECK(ah::json::stringify(body->get("associations")) ==
        canonical(R"([{"to":{"id":"7"},"types":[{"associationCategory":"HUBSPOT_DEFINED",
                                                  "associationTypeId":214}]}])"));

  in.deal_id.reset();
  in.contact_id = "7";
  REQUIRE_THAT(plugin.call<crm::Note>("log_note", in, provider), Succeeds());
  auto to_contact = ah::json::as_object(provider.requests().at(3).json());
  CHECK(to_contact->getArray("associations")
            ->getObject(0)
            ->getArray("types")
            ->getObject(0)
            ->getValue<int>("associationTypeId") == 202);
  CHECK(provider.requests().at(2).path == "/crm/v3/objects/contacts/7");
}

TEST_CASE("log_note needs exactly one existing record to attach to") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/crm/v3/objects/deals/8",
              hubspot_error(404, "resource not found", "OBJECT_NOT_FOUND"));

  crm::LogNoteIn both{"hi", "7", "8"};
  CHECK_THAT(plugin.call<crm::Note>("log_note", both, provider),
             FailsWith(AH_ERR_TOOL, "give exactly one of contact_id or deal_id"));
  crm::LogNoteIn neither{"hi", std::nullopt, std::nullopt};
  CHECK_THAT(plugin.call<crm::Note>("log_note", neither, provider),
             FailsWith(AH_ERR_TOOL, "give exactly one of contact_id or deal_id"));
  CHECK(provider.requests().empty());

  crm::LogNoteIn missing{"hi", std::nullopt, "8"};
  CHECK_THAT(plugin.call<crm::Note>("log_note", missing, provider),
             FailsWith(AH_ERR_TOOL, "deal 8 not found; create_deal returns the id of a new deal"));
  CHECK(provider.requests().size() == 1); // no note was posted
}
