// HubSpot's error answers turned into tool errors that say what to do, and arguments the input
// schemas refuse before anything is sent.
#include "actions.hpp"
#include "hubspot_replies.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace hubspot_test;

namespace {

crm::CreateContactIn ada() {
  crm::CreateContactIn in;
  in.email.value = "ada@example.com";
  in.last_name = "Lovelace";
  return in;
}

} // namespace

TEST_CASE("Each HubSpot error status becomes a tool error quoting HubSpot and saying what to do") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  auto create = [&](ProviderResponse response) {
    provider.on("POST", "/crm/v3/objects/contacts", std::move(response));
    return plugin.call<crm::Contact>("create_contact", ada(), provider);
  };

  CHECK_THAT(
      create(hubspot_error(401, "Authentication credentials not found", "INVALID_AUTHENTICATION")),
      FailsWith(AH_ERR_TOOL, "HubSpot refused this connection's credentials: Authentication "
                             "credentials not found (HTTP 401 INVALID_AUTHENTICATION); the "
                             "connection must be authorized again"));
  CHECK_THAT(create(hubspot_error(403, "This app hasn't been granted all required scopes",
                                  "MISSING_SCOPES")),
             FailsWith(AH_ERR_TOOL, "HubSpot does not let this connection create the contact: "
                                    "This app hasn't been granted all required scopes (HTTP 403 "
                                    "MISSING_SCOPES); the app needs the missing scope"));
  CHECK_THAT(create(hubspot_error(429, "You have reached your secondly limit", "RATE_LIMITS")),
             FailsWith(AH_ERR_TOOL, "HubSpot's rate limit stopped the request to create the "
                                    "contact: You have reached your secondly limit (HTTP 429 "
                                    "RATE_LIMITS); wait a few seconds"));
  CHECK_THAT(create(ProviderResponse::text("<html>Bad gateway</html>", 502)),
             FailsWith(AH_ERR_TOOL,
                       "HubSpot failed to create the contact: <html>Bad gateway</html> "
                       "(HTTP 502); try again later"));
  CHECK_THAT(create(hubspot_error(400, "Property values were not valid", "VALIDATION_ERROR")),
             FailsWith(AH_ERR_TOOL, "HubSpot could not create the contact: Property values were "
                                    "not valid (HTTP 400 VALIDATION_ERROR)"));
}

TEST_CASE("A search answered 404 points at the integration's base URL") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/crm/v3/objects/contacts/search", ProviderResponse::text("Not Found", 404));

  crm::SearchContactsIn in;
  in.company = "Navy";
  CHECK_THAT(plugin.call<crm::ContactPage>("search_contacts", in, provider),
             FailsWith(AH_ERR_TOOL, "HubSpot has no contact search here (HTTP 404); check the "
                                    "integration's base URL"));
}

TEST_CASE("A contact without an id is HubSpot's fault, not the model's") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/crm/v3/objects/contacts",
              ProviderResponse::json(R"({"properties":{"email":"ada@example.com"}})", 201));

  CHECK_THAT(plugin.call<crm::Contact>("create_contact", ada(), provider),
             FailsWith(AH_ERR_UPSTREAM, "HubSpot returned a contact without an id"));
}

TEST_CASE("Arguments the input schemas refuse never reach HubSpot") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;

  CHECK_THAT(
      plugin.call_json("create_contact", R"({"email":"ada","last_name":"Lovelace"})", provider),
      FailsWith(AH_ERR_INVALID_ARGUMENT, "email"));
  CHECK_THAT(plugin.call_json("create_contact", R"({"email":"ada@example.com"})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "last_name"));
  CHECK_THAT(plugin.call_json("search_contacts", R"({"name":"Ada","limit":101})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "limit"));
  CHECK_THAT(plugin.call_json("fetch_recent_leads", R"({"since":"last week"})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "since"));
  CHECK_THAT(
      plugin.call_json("create_deal", R"({"name":"X","close_date":"2024-06-31x"})", provider),
      FailsWith(AH_ERR_INVALID_ARGUMENT, "close_date"));
  CHECK_THAT(plugin.call_json("create_deal", R"({"name":"X","close_date":"2024-06-30",
                                                 "amount":-1})",
                              provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "amount"));
  CHECK(provider.requests().empty());
}
