#include "actions.hpp"
#include "api.hpp"
#include "soql.hpp"

namespace salesforce {

namespace {

std::string select_contacts(const std::string& where, const std::string& order = "Id") {
  return std::string("SELECT ") + kContactFields + " FROM Contact WHERE " + where + " ORDER BY " +
         order;
}

// Salesforce does not refuse a second contact with the same email (unless the org has a
// duplicate rule), so the plugin checks, to behave as every CRM plugin does.
void refuse_duplicate(ah::Context& ctx, const std::string& email, const std::string& self = {}) {
  std::string where = "Email = " + quote(email);
  if (!self.empty())
    where += " AND Id != " + quote(self);
  auto found = query_all(ctx, "SELECT Id FROM Contact WHERE " + where + " LIMIT 1",
                         "look for contacts with email " + email);
  if (!found.empty())
    throw ah::ToolError(crm::duplicate_email(email, found.front()->get("Id").toString()));
}

// A contact's company is its Account: the one with that name, created when there is none.
std::string account_for(ah::Context& ctx, const std::string& company) {
  auto found = query_all(ctx, "SELECT Id FROM Account WHERE Name = " + quote(company) + " LIMIT 1",
                         "look for the account " + company);
  if (!found.empty())
    return found.front()->get("Id").toString();
  auto fields = ah::json::object();
  fields->set("Name", company);
  return insert(ctx, "Account", fields, "create the account " + company);
}

crm::Contact read_contact(ah::Context& ctx, const std::string& id) {
  auto found = query_all(ctx, select_contacts("Id = " + quote(id)), "read contact " + id);
  if (found.empty())
    throw ah::ToolError(crm::contact_not_found(id));
  return to_contact(found.front());
}

void put(ah::JsonObject fields, const char* name, const std::optional<std::string>& value) {
  if (value)
    fields->set(name, *value);
}

// A duplicate rule, when the org has one, answers DUPLICATES_DETECTED.
[[noreturn]] void fail_write(const ah::Response& response, const std::string& doing,
                             const std::string& email, const std::string& not_found = {}) {
  for (const auto& e : errors_of(response))
    if (e.code == "DUPLICATES_DETECTED")
      throw ah::ToolError("Salesforce's duplicate rules refuse " + email +
                          ": a matching contact exists (" + e.message +
                          "); search_contacts finds it");
  fail(response, doing, not_found);
}

crm::ContactPage to_page(QueryPage&& page) {
  crm::ContactPage out;
  for (const auto& record : page.records)
    out.contacts.push_back(to_contact(record));
  out.next_cursor = std::move(page.next_cursor);
  out.total = page.total;
  return out;
}

} // namespace

crm::Contact create_contact(ah::Context& ctx, const crm::CreateContactIn& in) {
  refuse_duplicate(ctx, in.email.value);
  auto fields = ah::json::object();
  fields->set("Email", in.email.value);
  fields->set("LastName", in.last_name);
  put(fields, "FirstName", in.first_name);
  put(fields, "Phone", in.phone);
  put(fields, "Title", in.job_title);
  if (in.company)
    fields->set("AccountId", account_for(ctx, *in.company));
  auto response = ctx.proxy().post("/sobjects/Contact", fields);
  if (!response.ok())
    fail_write(response, "create the contact", in.email.value);
  return read_contact(ctx, response.json_object()->get("id").toString());
}

crm::Contact update_contact(ah::Context& ctx, const crm::UpdateContactIn& in) {
  crm::require_changes(in);
  if (!valid_id(in.id))
    throw ah::ToolError(crm::contact_not_found(in.id));
  if (in.email)
    refuse_duplicate(ctx, in.email->value, in.id);
  auto fields = ah::json::object();
  if (in.email)
    fields->set("Email", in.email->value);
  put(fields, "FirstName", in.first_name);
  put(fields, "LastName", in.last_name);
  put(fields, "Phone", in.phone);
  put(fields, "Title", in.job_title);
  if (in.company) {
    // Check the contact before creating an account for it.
    require_record(ctx, "Contact", in.id, crm::contact_not_found(in.id));
    fields->set("AccountId", account_for(ctx, *in.company));
  }
  auto response = ctx.proxy().patch("/sobjects/Contact/" + in.id, fields); // 204, no body
  if (!response.ok())
    fail_write(response, "update contact " + in.id, in.email ? in.email->value : "",
               crm::contact_not_found(in.id));
  return read_contact(ctx, in.id);
}

crm::ContactPage search_contacts(ah::Context& ctx, const crm::SearchContactsIn& in) {
  crm::require_search_criteria(in);
  std::vector<std::string> conditions;
  if (in.email)
    conditions.push_back("Email = " + quote(in.email->value));
  if (in.name) {
    auto words = crm::split_name(*in.name);
    if (words.rest.empty())
      conditions.push_back("(FirstName LIKE " + quote_prefix(words.first) + " OR LastName LIKE " +
                           quote_prefix(words.first) + ")");
    else
      conditions.push_back("FirstName LIKE " + quote_prefix(words.first) + " AND LastName LIKE " +
                           quote_prefix(words.rest));
  }
  if (in.company)
    conditions.push_back("Account.Name = " + quote(*in.company));
  std::string where;
  for (const auto& c : conditions)
    where += (where.empty() ? "" : " AND ") + c;
  return to_page(query_page(ctx, select_contacts(where), in.limit, in.cursor));
}

crm::ContactPage fetch_recent_leads(ah::Context& ctx, const crm::FetchRecentLeadsIn& in) {
  // A new contact's LastModifiedDate is its CreatedDate, so one condition finds both. SOQL
  // dateTime literals have whole seconds: the second `since` falls in is included.
  std::string where = "LastModifiedDate >= " + datetime_literal(in.since);
  return to_page(query_page(ctx, select_contacts(where, "LastModifiedDate DESC, Id DESC"), in.limit,
                            in.cursor));
}

} // namespace salesforce
