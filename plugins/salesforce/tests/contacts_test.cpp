// create_contact and update_contact against handlers written here: the duplicate check
// Salesforce does not make, the company as an Account found or created, and the read-back.
#include "actions.hpp"
#include "salesforce_replies.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace salesforce_test;

namespace {

const char* kAccount = "001000000000201AAA";

// Answers /query by what the SOQL asks for: duplicates, accounts, or the contact read back.
ah::testkit::Handler org(bool duplicate, bool account_exists) {
  return [=](const ProviderRequest& request) {
    std::string q = request.query_param("q").value_or("");
    if (q.rfind("SELECT Id FROM Contact WHERE Email", 0) == 0)
      return duplicate ? batch({R"({"Id":"003000000000999AAA"})"}, 1) : batch({}, 0);
    if (q.rfind("SELECT Id FROM Account", 0) == 0)
      return account_exists ? batch({R"({"Id":")" + std::string(kAccount) + R"("})"}, 1)
                            : batch({}, 0);
    return batch({contact(kAda, "Ada", "Lovelace", "Analytical Engines")}, 1);
  };
}

crm::CreateContactIn ada_in() {
  crm::CreateContactIn in;
  in.email.value = "ada@example.com";
  in.last_name = "Lovelace";
  in.first_name = "Ada";
  in.company = "Analytical Engines";
  return in;
}

} // namespace

TEST_CASE("create_contact checks the email, creates the company's account, then the contact, and "
          "reads it back") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", org(false, false));
  provider.on("POST", "/sobjects/Account", created(kAccount));
  provider.on("POST", "/sobjects/Contact", created(kAda));

  auto result = plugin.call<crm::Contact>("create_contact", ada_in(), provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->id == kAda);
  CHECK(result->company == "Analytical Engines");
  auto sent = provider.requests();
  REQUIRE(sent.size() == 5);
  CHECK(sent[0].query_param("q") ==
        "SELECT Id FROM Contact WHERE Email = 'ada@example.com' LIMIT 1");
  CHECK(sent[1].query_param("q") ==
        "SELECT Id FROM Account WHERE Name = 'Analytical Engines' LIMIT 1");
  CHECK(body_of(sent[2]) == canonical(R"({"Name":"Analytical Engines"})"));
  CHECK(body_of(sent[3]) == canonical(R"({"Email":"ada@example.com","LastName":"Lovelace",
                                          "FirstName":"Ada","AccountId":"001000000000201AAA"})"));
  CHECK(sent[4].query_param("q")->find("WHERE Id = '003000000000101AAA'") != std::string::npos);
}

TEST_CASE("create_contact reuses an existing account and refuses an email in use") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", org(false, true));
  provider.on("POST", "/sobjects/Contact", created(kAda));

  REQUIRE_THAT(plugin.call<crm::Contact>("create_contact", ada_in(), provider), Succeeds());
  for (const auto& request : provider.requests())
    CHECK(request.path != "/sobjects/Account");

  provider.on("GET", "/query", org(true, true));
  provider.clear();
  CHECK_THAT(plugin.call<crm::Contact>("create_contact", ada_in(), provider),
             FailsWith(AH_ERR_TOOL, "a contact with email ada@example.com already exists: "
                                    "contact 003000000000999AAA; update_contact changes it"));
  CHECK(provider.requests().size() == 1);
}

TEST_CASE("create_contact reports the org's duplicate rule") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", org(false, true));
  provider.on("POST", "/sobjects/Contact",
              salesforce_error(400, "DUPLICATES_DETECTED", "Use one of these records?"));

  CHECK_THAT(plugin.call<crm::Contact>("create_contact", ada_in(), provider),
             FailsWith(AH_ERR_TOOL, "Salesforce's duplicate rules refuse ada@example.com: a "
                                    "matching contact exists (Use one of these records?)"));
}

TEST_CASE("update_contact checks the new email against other contacts, the contact before its new "
          "account, and reads it back after the PATCH") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/query", org(false, true));
  provider.on("GET", "/sobjects/Contact/" + std::string(kAda),
              ProviderResponse::json(R"({"Id":"003000000000101AAA"})"));
  provider.on("PATCH", "/sobjects/Contact/" + std::string(kAda), ProviderResponse::text("", 204));

  crm::UpdateContactIn in;
  in.id = kAda;
  in.email = ah::Email{"ada@engines.example"};
  in.company = "Analytical Engines";
  auto result = plugin.call<crm::Contact>("update_contact", in, provider);

  REQUIRE_THAT(result, Succeeds());
  auto sent = provider.requests();
  REQUIRE(sent.size() == 5);
  CHECK(sent[0].query_param("q") == "SELECT Id FROM Contact WHERE Email = 'ada@engines.example' "
                                    "AND Id != '003000000000101AAA' LIMIT 1");
  CHECK(sent[1].line() == "GET /sobjects/Contact/003000000000101AAA?fields=Id");
  CHECK(body_of(sent[3]) == canonical(R"({"Email":"ada@engines.example",
                                          "AccountId":"001000000000201AAA"})"));
}

TEST_CASE("update_contact of an id Salesforce cannot have or a missing contact points to "
          "search_contacts") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("PATCH", "/sobjects/Contact/*",
              salesforce_error(404, "NOT_FOUND", "The requested resource does not exist"));

  crm::UpdateContactIn in;
  in.id = "003/../User";
  in.phone = "+44 20";
  CHECK_THAT(plugin.call<crm::Contact>("update_contact", in, provider),
             FailsWith(AH_ERR_TOOL, "contact 003/../User not found; search_contacts finds"));
  CHECK(provider.requests().empty());

  in.id = "003000000000404";
  CHECK_THAT(plugin.call<crm::Contact>("update_contact", in, provider),
             FailsWith(AH_ERR_TOOL, "contact 003000000000404 not found"));
}
