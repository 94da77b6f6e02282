// create_contact, update_contact, search_contacts and fetch_recent_leads against handlers written
// here: the properties and search filters built from the input, paging, and the read-back after
// an update.
#include "actions.hpp"
#include "hubspot_replies.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace hubspot_test;

namespace {

const char* kProperties = "email,firstname,lastname,company,phone,jobtitle,createdate,"
                          "lastmodifieddate";

ProviderResponse search_page(const std::string& results, int total, const std::string& after) {
  return ProviderResponse::json(R"({"total":)" + std::to_string(total) + R"(,"results":[)" +
                                results + "]" +
                                (after.empty() ? ""
                                               : R"(,"paging":{"next":{"after":")" + after +
                                                     R"(","link":"?after=)" + after + R"("}})") +
                                "}");
}

} // namespace

TEST_CASE("create_contact sends only the properties given and returns the contact HubSpot made") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/crm/v3/objects/contacts",
              ProviderResponse::json(contact("301", "ada@example.com", "Ada", "Lovelace"), 201));

  crm::CreateContactIn in;
  in.email.value = "ada@example.com";
  in.last_name = "Lovelace";
  in.first_name = "Ada";
  in.job_title = "Analyst";
  auto result = plugin.call<crm::Contact>("create_contact", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->id == "301");
  CHECK(result->first_name == "Ada");
  CHECK_FALSE(result->company); // null in HubSpot's answer
  CHECK(result->updated_at->value == "2024-05-02T10:30:00.000Z");
  REQUIRE(provider.requests().size() == 1);
  CHECK(body_of(provider.requests()[0]) ==
        canonical(R"({"properties":{"email":"ada@example.com","lastname":"Lovelace",
                     "firstname":"Ada","jobtitle":"Analyst"}})"));
}

TEST_CASE("create_contact names the contact HubSpot says already has the email") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/crm/v3/objects/contacts",
              hubspot_error(409, "Contact already exists. Existing ID: 1234", "CONFLICT"));

  crm::CreateContactIn in;
  in.email.value = "ada@example.com";
  in.last_name = "Lovelace";
  auto result = plugin.call<crm::Contact>("create_contact", in, provider);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "a contact with email ada@example.com already exists: "
                                            "contact 1234; update_contact changes it"));
}

TEST_CASE("update_contact patches the given fields, then reads the whole contact back") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("PATCH", "/crm/v3/objects/contacts/301",
              ProviderResponse::json(R"({"id":"301","properties":{"phone":"+44 20"}})"));
  provider.on("GET", "/crm/v3/objects/contacts/301",
              ProviderResponse::json(contact("301", "ada@example.com", "Ada", "King")));

  crm::UpdateContactIn in;
  in.id = "301";
  in.last_name = "King";
  in.phone = "+44 20";
  auto result = plugin.call<crm::Contact>("update_contact", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->last_name == "King");
  CHECK(result->email == "ada@example.com"); // from the read-back, not the PATCH answer
  auto sent = provider.requests();
  REQUIRE(sent.size() == 2);
  CHECK(body_of(sent[0]) == canonical(R"({"properties":{"lastname":"King","phone":"+44 20"}})"));
  CHECK(sent[1].query_param("properties") == kProperties);
}

TEST_CASE("update_contact with nothing to change, an id HubSpot cannot have or a missing contact "
          "says what to do instead") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("PATCH", "/crm/v3/objects/contacts/999",
              hubspot_error(404, "resource not found", "OBJECT_NOT_FOUND"));

  crm::UpdateContactIn in;
  in.id = "301";
  CHECK_THAT(plugin.call<crm::Contact>("update_contact", in, provider),
             FailsWith(AH_ERR_TOOL, "nothing to update: give at least one of email"));

  in.phone = "+44 20";
  in.id = "../deals/7"; // never put into a path
  CHECK_THAT(plugin.call<crm::Contact>("update_contact", in, provider),
             FailsWith(AH_ERR_TOOL, "contact ../deals/7 not found; search_contacts finds"));
  CHECK(provider.requests().empty());

  in.id = "999";
  CHECK_THAT(plugin.call<crm::Contact>("update_contact", in, provider),
             FailsWith(AH_ERR_TOOL, "contact 999 not found; search_contacts finds contacts"));
}

TEST_CASE("search_contacts ORs first and last name for one word, each group ANDed with email and "
          "company, and pages with after") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/crm/v3/objects/contacts/search",
              search_page(contact("301", "ada@example.com", "Ada", "Lovelace"), 3, "1"));

  crm::SearchContactsIn in;
  in.name = "  Ada ";
  in.company = "Analytical Engines";
  in.limit = 1;
  in.cursor = "0";
  auto result = plugin.call<crm::ContactPage>("search_contacts", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->contacts.size() == 1);
  CHECK(result->total == 3);
  CHECK(result->next_cursor == "1");
  REQUIRE(provider.requests().size() == 1);
  CHECK(body_of(provider.requests()[0]) == canonical(R"({
    "filterGroups": [
      {"filters": [{"propertyName": "firstname", "operator": "CONTAINS_TOKEN", "value": "Ada*"},
                   {"propertyName": "company", "operator": "EQ", "value": "Analytical Engines"}]},
      {"filters": [{"propertyName": "lastname", "operator": "CONTAINS_TOKEN", "value": "Ada*"},
                   {"propertyName": "company", "operator": "EQ", "value": "Analytical Engines"}]}],
    "properties": ["email", "firstname", "lastname", "company", "phone", "jobtitle",
                   "createdate", "lastmodifieddate"],
    "limit": 1,
    "after": "0"})"));
}

TEST_CASE("search_contacts matches a last name of several words one token at a time") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/crm/v3/objects/contacts/search", search_page("", 0, ""));

  crm::SearchContactsIn in;
  in.name = "Dick van Dyke";
  in.email = ah::Email{"dick@example.com"};
  auto result = plugin.call<crm::ContactPage>("search_contacts", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->contacts.empty());
  CHECK_FALSE(result->next_cursor);
  auto groups = ah::json::as_object(provider.requests().at(0).json())->getArray("filterGroups");
  REQUIRE(groups->size() == 1);
  CHECK(ah::json::stringify(groups->get(0)) == canonical(R"({"filters": [
    {"propertyName": "firstname", "operator": "CONTAINS_TOKEN", "value": "Dick*"},
    {"propertyName": "lastname", "operator": "CONTAINS_TOKEN", "value": "van*"},
    {"propertyName": "lastname", "operator": "CONTAINS_TOKEN", "value": "Dyke*"},
    {"propertyName": "email", "operator": "EQ", "value": "dick@example.com"}]})"));

  // More than three words would break HubSpot's six filters a group: the rest is one token.
  in.name = "Ana de la Cruz y Soto";
  in.email.reset();
  REQUIRE_THAT(plugin.call<crm::ContactPage>("search_contacts", in, provider), Succeeds());
  auto last = ah::json::as_object(provider.requests().at(1).json())->getArray("filterGroups");
  CHECK(ah::json::stringify(last->getObject(0)->getArray("filters")->get(1)) ==
        canonical(R"({"propertyName":"lastname","operator":"CONTAINS_TOKEN",
                     "value":"de la Cruz y Soto*"})"));
}

TEST_CASE("search_contacts without email, name or company asks for one and sends nothing") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;

  auto result = plugin.call<crm::ContactPage>("search_contacts", crm::SearchContactsIn{}, provider);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "give at least one of email, name or company"));
  CHECK(provider.requests().empty());
}

TEST_CASE("fetch_recent_leads filters on lastmodifieddate in epoch milliseconds, newest first") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/crm/v3/objects/contacts/search",
              search_page(contact("302", "grace@example.com", "Grace", "Hopper"), 1, ""));

  crm::FetchRecentLeadsIn in;
  in.since = ah::DateTime{"2024-05-01T11:00:00.250+02:00"};
  in.limit = 5;
  auto result = plugin.call<crm::ContactPage>("fetch_recent_leads", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->contacts.at(0).email == "grace@example.com");
  auto body = ah::json::as_object(provider.requests().at(0).json());
  CHECK(ah::json::stringify(body->get("filterGroups")) ==
        canonical(R"([{"filters":[{"propertyName":"lastmodifieddate","operator":"GTE",
                                   "value":"1714554000250"}]}])"));
  CHECK(ah::json::stringify(body->get("sorts")) ==
        canonical(R"([{"propertyName":"lastmodifieddate","direction":"DESCENDING"}])"));
  CHECK(body->getValue<int>("limit") == 5);
  CHECK_FALSE(body->has("after"));
}
