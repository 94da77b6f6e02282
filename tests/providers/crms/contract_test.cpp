// The contract of the CRM plugins: hubspot and salesforce list the same tools with the same
// schemas and annotations, and the same MCP calls give results of the same shape (the same
// fields, of the same types) and the same errors, so an agent moves between them unchanged.
#include "crm_deployment.hpp"
#include "fake_hubspot.hpp"
#include "fake_salesforce.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <memory>

using namespace actionhost::testing;
using namespace actionhost::testing::crm;
using actionhost::fakes::FakeHubSpot;
using actionhost::fakes::FakeSalesforce;

namespace {

// A value's shape: object keys (sorted) with their shapes, the shape of an array's first item,
// and the type of everything else.
std::string shape(const Poco::Dynamic::Var& value) {
  if (value.isEmpty())
    return "null";
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    auto object = value.extract<Poco::JSON::Object::Ptr>();
    std::vector<std::string> names;
    object->getNames(names);
    std::sort(names.begin(), names.end());
    std::string out = "{";
    for (const auto& name : names)
      out += name + ":" + shape(object->get(name)) + ",";
    return out + "}";
  }
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto array = value.extract<Poco::JSON::Array::Ptr>();
    return array->size() == 0 ? "[]" : "[" + shape(array->get(0)) + "]";
  }
  if (value.isBoolean())
    return "boolean";
  if (value.isNumeric())
    return "number";
  return "string";
}

// One provider behind the same calls: its deployment, and a way to seed a contact into its fake.
struct Provider {
  std::string name;
  std::unique_ptr<CrmDeployment> crm;
  std::function<std::string(const std::string& email, const std::string& company)> seed;
  std::function<std::vector<std::string>()> problems;
};

// What an agent sees of each call: the shape of a success, the text of an error (ids replaced).
struct Seen {
  std::vector<std::string> calls;
  std::map<std::string, std::string> tools; // name -> schemas and annotations
};

Seen exercise(Provider& p) {
  Seen seen;
  auto tools = p.crm->request("tools/list", "{}")->getObject("result")->getArray("tools");
  for (size_t i = 0; i < tools->size(); ++i) {
    auto tool = tools->getObject(static_cast<unsigned>(i));
    seen.tools[tool->getValue<std::string>("name")] = text_of(tool->get("inputSchema")) + "\n" +
                                                      text_of(tool->get("outputSchema")) + "\n" +
                                                      text_of(tool->get("annotations"));
  }
  auto record = [&](const std::string& label, const ToolResult& r,
                    const std::string& id_to_hide = {}) {
    if (!r.is_error) {
      seen.calls.push_back(label + " -> " + (r.structured ? shape(r.structured) : "no structure"));
      return;
    }
    std::string text = r.text;
    if (!id_to_hide.empty())
      for (auto at = text.find(id_to_hide); at != std::string::npos; at = text.find(id_to_hide))
        text.replace(at, id_to_hide.size(), "<id>");
    seen.calls.push_back(label + " -> error: " + text);
  };

  auto created = p.crm->call("create_contact", R"({"email":"ada@example.com","first_name":"Ada",
      "last_name":"Lovelace","company":"Engines","phone":"+44 1","job_title":"Analyst"})");
  record("create_contact", created);
  REQUIRE(created.structured);
  std::string ada = created.structured->getValue<std::string>("id");
  record("create_contact again",
         p.crm->call("create_contact", R"({"email":"ada@example.com","last_name":"L"})"), ada);
  record("update_contact",
         p.crm->call("update_contact", R"({"id":")" + ada + R"(","job_title":"Countess"})"));
  record("update_contact missing",
         p.crm->call("update_contact", R"({"id":"999999","job_title":"x"})"));

  for (const char* email : {"a@initech.com", "b@initech.com", "c@initech.com"})
    p.seed(email, "Initech");
  auto first = p.crm->call("search_contacts", R"({"company":"Initech","limit":2})");
  record("search_contacts page 1", first);
  REQUIRE(first.structured);
  auto cursor = first.structured->optValue<std::string>("next_cursor", "");
  record("search_contacts page 2",
         p.crm->call("search_contacts",
                     R"({"company":"Initech","limit":2,"cursor":")" + cursor + R"("})"));
  record("search_contacts nothing", p.crm->call("search_contacts", "{}"));
  record("fetch_recent_leads",
         p.crm->call("fetch_recent_leads",
                     R"({"since":")" + iso(now_ms() - 3600000) + R"(","limit":2})"));

  auto deal = p.crm->call("create_deal", R"({"name":"Engine order","close_date":"2025-06-30",
      "amount":1200,"contact_ids":[")" + ada +
                                             R"("]})");
  record("create_deal", deal);
  record("create_deal missing contact",
         p.crm->call("create_deal",
                     R"({"name":"X","close_date":"2025-06-30","contact_ids":["999999"]})"));
  record("log_note",
         p.crm->call("log_note", R"({"contact_id":")" + ada + R"(","body":"Asked for a quote"})"));
  record("log_note missing deal", p.crm->call("log_note", R"({"deal_id":"999999","body":"x"})"));
  return seen;
}

} // namespace

TEST_CASE("CRM contract: hubspot and salesforce answer the same calls with the same shapes",
          "[crm][contract]") {
  FakeHubSpot hubspot_fake{kStartToken, kClientId, kClientSecret, kRefreshToken};
  FakeSalesforce salesforce_fake{kStartToken, kClientId, kClientSecret, kRefreshToken};

  Provider hubspot{
      "hubspot",
      std::make_unique<CrmDeployment>(
          "hubspot", std::map<std::string, std::string>{{"HUBSPOT_BASE_URL", hubspot_fake.url()},
                                                        {"HUBSPOT_TOKEN_URL",
                                                         hubspot_fake.url() + "/oauth/v1/token"},
                                                        {"HUBSPOT_CLIENT_ID", kClientId},
                                                        {"HUBSPOT_CLIENT_SECRET", kClientSecret}}),
      [&](const std::string& email, const std::string& company) {
        return hubspot_fake.add_contact(
            {{"email", email}, {"firstname", "F"}, {"lastname", "L"}, {"company", company}},
            now_ms());
      },
      [&] { return hubspot_fake.problems(); }};
  std::string account = salesforce_fake.add("Account", {{"Name", "Initech"}}, now_ms());
  Provider salesforce{
      "salesforce",
      std::make_unique<CrmDeployment>(
          "salesforce",
          std::map<std::string, std::string>{
              {"SALESFORCE_TOKEN_URL", salesforce_fake.url() + "/services/oauth2/token"},
              {"SALESFORCE_CLIENT_ID", kClientId},
              {"SALESFORCE_CLIENT_SECRET", kClientSecret}},
          R"({"instance_url":")" + salesforce_fake.url() + R"("})"),
      [&](const std::string& email, const std::string&) {
        return salesforce_fake.add(
            "Contact",
            {{"Email", email}, {"FirstName", "F"}, {"LastName", "L"}, {"AccountId", account}},
            now_ms());
      },
      [&] { return salesforce_fake.problems(); }};

  Seen a = exercise(hubspot);
  Seen b = exercise(salesforce);

  // The same tools, with byte-identical schemas and the same annotations.
  REQUIRE(a.tools.size() == 6);
  for (const auto& [name, description] : a.tools) {
    INFO(name);
    REQUIRE(b.tools.count(name));
    CHECK(description == b.tools[name]);
    CHECK(description.find("\"type\":\"object\"") != std::string::npos); // an output schema
  }
  // Honest annotations: reads are read-only, creations are not idempotent, an update that
  // replaces values is idempotent but destructive.
  for (const char* reader : {"search_contacts", "fetch_recent_leads"})
    CHECK(a.tools[reader].find("\"readOnlyHint\":true") != std::string::npos);
  for (const char* writer : {"create_contact", "create_deal", "log_note"}) {
    CHECK(a.tools[writer].find("\"readOnlyHint\":false") != std::string::npos);
    CHECK(a.tools[writer].find("\"idempotentHint\":false") != std::string::npos);
  }
  CHECK(a.tools["update_contact"].find("\"destructiveHint\":true") != std::string::npos);
  CHECK(a.tools["update_contact"].find("\"idempotentHint\":true") != std::string::npos);
  // The same calls, the same shapes and the same errors.
  REQUIRE(a.calls.size() == b.calls.size());
  for (size_t i = 0; i < a.calls.size(); ++i) {
    INFO("hubspot:    " << a.calls[i] << "\nsalesforce: " << b.calls[i]);
    CHECK(a.calls[i] == b.calls[i]);
  }
  CHECK(a.calls[0].find("created_at:string") != std::string::npos);
  CHECK(a.calls[4].find("next_cursor:string") != std::string::npos); // page 1 of 2
  CHECK(a.calls[5].find("next_cursor") == std::string::npos);        // the last page
  for (auto* p : {&hubspot, &salesforce})
    for (const auto& problem : p->problems())
      FAIL_CHECK(p->name << " would refuse: " << problem);
}
