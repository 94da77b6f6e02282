// Salesforce's error lists turned into tool errors that say what to do, and arguments the input
// schemas refuse before anything is sent.
#include "actions.hpp"
#include "salesforce_replies.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace salesforce_test;

TEST_CASE("Each Salesforce error becomes a tool error quoting Salesforce and saying what to do") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  crm::SearchContactsIn in;
  in.company = "Navy";
  auto search = [&](ProviderResponse response) {
    provider.on("GET", "/query", std::move(response));
    return plugin.call<crm::ContactPage>("search_contacts", in, provider);
  };

  CHECK_THAT(search(salesforce_error(401, "INVALID_SESSION_ID", "Session expired or invalid")),
             FailsWith(AH_ERR_TOOL, "Salesforce refused this connection's session: "
                                    "INVALID_SESSION_ID: Session expired or invalid (HTTP 401); "
                                    "the connection must be authorized again"));
  CHECK_THAT(
      search(salesforce_error(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")),
      FailsWith(AH_ERR_TOOL, "Salesforce's API request limit for this org is used up: "
                             "REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded. (HTTP "
                             "403); try again once the limit resets"));
  CHECK_THAT(search(salesforce_error(403, "INSUFFICIENT_ACCESS", "no access to Contact")),
             FailsWith(AH_ERR_TOOL, "Salesforce does not let this connection run the query: "
                                    "INSUFFICIENT_ACCESS: no access to Contact (HTTP 403); the "
                                    "user needs the permission in Salesforce"));
  CHECK_THAT(search(salesforce_error(429, "REQUEST_LIMIT_EXCEEDED", "slow down")),
             FailsWith(AH_ERR_TOOL, "Salesforce is limiting this org's requests"));
  CHECK_THAT(search(ProviderResponse::text("Service Unavailable", 503)),
             FailsWith(AH_ERR_TOOL, "Salesforce failed to run the query: Service Unavailable "
                                    "(HTTP 503); try again later"));
  CHECK_THAT(search(ProviderResponse::json(R"([{"message":"unexpected token: FROM",
                                               "errorCode":"MALFORMED_QUERY"},
                                              {"message":"second","errorCode":"OTHER",
                                               "fields":["Email","Phone"]}])",
                                           400)),
             FailsWith(AH_ERR_TOOL, "Salesforce could not run the query: MALFORMED_QUERY: "
                                    "unexpected token: FROM; OTHER: second (fields: Email, Phone) "
                                    "(HTTP 400)"));
}

TEST_CASE("An insert Salesforce does not confirm is reported with its answer") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/sobjects/Contact/*", ProviderResponse::json(R"({"Id":"x"})"));
  provider.on("POST", "/sobjects/Note", ProviderResponse::json(R"({"success":false})", 201));

  CHECK_THAT(plugin.call<crm::Note>(
                 "log_note", crm::LogNoteIn{"hi", std::string(kAda), std::nullopt}, provider),
             FailsWith(AH_ERR_TOOL, R"(Salesforce did not create the note: {"success":false})"));
}

TEST_CASE("A contact record without an Id is Salesforce's fault, not the model's") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", batch({R"({"Email":"ada@example.com"})"}, 1));

  crm::SearchContactsIn in;
  in.name = "Ada";
  CHECK_THAT(plugin.call<crm::ContactPage>("search_contacts", in, provider),
             FailsWith(AH_ERR_UPSTREAM, "Salesforce returned a contact without an Id"));
}

TEST_CASE("Arguments the input schemas refuse never reach Salesforce") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;

  CHECK_THAT(plugin.call_json("update_contact", R"({"id":"","phone":"1"})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "id"));
  CHECK_THAT(plugin.call_json("search_contacts", R"({"name":"","limit":5})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "name"));
  CHECK_THAT(plugin.call_json("search_contacts", R"({"name":"Ada","cursor":""})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "cursor"));
  CHECK_THAT(plugin.call_json("log_note", R"({"contact_id":"003000000000101"})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "body"));
  CHECK_THAT(plugin.call_json("create_deal",
                              R"({"name":"X","close_date":"2024-06-30","contact_ids":
                                  ["1","2","3","4","5","6","7","8","9","10","11"]})",
                              provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "contact_ids"));
  CHECK(provider.requests().empty());
}
