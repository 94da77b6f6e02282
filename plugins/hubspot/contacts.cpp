#include "actions.hpp"
#include "api.hpp"

#include <regex>
#include <sstream>

namespace hubspot {

namespace {

void put(ah::JsonObject props, const char* name, const std::optional<std::string>& value) {
  if (value)
    props->set(name, *value);
}

// HubSpot refuses a second contact with an email in use with 409 CONFLICT and names the
// existing one in the message ("Contact already exists. Existing ID: 12345").
[[noreturn]] void fail_write(const ah::Response& response, const std::string& doing,
                             const std::string& email, const std::string& not_found = {}) {
  if (response.status == 409) {
    std::smatch id;
    auto message = error_of(response).message;
    if (std::regex_search(message, id, std::regex("Existing ID: ?([0-9]+)")))
      throw ah::ToolError(crm::duplicate_email(email, id[1].str()));
  }
  fail(response, doing, not_found);
}

ah::JsonObject filter(const char* property, const char* op, const std::string& value) {
  auto f = ah::json::object();
  f->set("propertyName", std::string(property));
  f->set("operator", std::string(op));
  f->set("value", value);
  return f;
}

// filterGroups are ORed and the filters inside a group ANDed: a one-word name becomes two
// groups (first name or last name), each also holding the email and company filters.
ah::JsonArray filter_groups(const crm::SearchContactsIn& in) {
  std::vector<std::vector<ah::JsonObject>> groups{{}};
  if (in.name) {
    auto words = crm::split_name(*in.name);
    if (words.rest.empty()) {
      groups = {{filter("firstname", "CONTAINS_TOKEN", words.first + "*")},
                {filter("lastname", "CONTAINS_TOKEN", words.first + "*")}};
    } else {
      // CONTAINS_TOKEN matches one token of a property: a last name of several words ("van
      // Dyke") is one filter per word, within HubSpot's six filters a group.
      std::vector<ah::JsonObject> group{filter("firstname", "CONTAINS_TOKEN", words.first + "*")};
      std::vector<std::string> last;
      std::istringstream rest(words.rest);
      for (std::string word; rest >> word;)
        last.push_back(word);
      if (last.size() > 3)
        last = {words.rest};
      for (const auto& word : last)
        group.push_back(filter("lastname", "CONTAINS_TOKEN", word + "*"));
      groups = {group};
    }
  }
  auto out = ah::json::array();
  for (auto& group : groups) {
    if (in.email)
      group.push_back(filter("email", "EQ", in.email->value));
    if (in.company)
      group.push_back(filter("company", "EQ", *in.company));
    auto filters = ah::json::array();
    for (const auto& f : group)
      filters->add(f);
    auto g = ah::json::object();
    g->set("filters", filters);
    out->add(g);
  }
  return out;
}

// One page of POST /crm/v3/objects/contacts/search; `after` is HubSpot's cursor as it is.
crm::ContactPage search(ah::Context& ctx, const ah::JsonArray& groups, const ah::JsonArray& sorts,
                        std::int32_t limit, const std::optional<std::string>& after) {
  auto body = ah::json::object();
  body->set("filterGroups", groups);
  if (sorts)
    body->set("sorts", sorts);
  body->set("properties", contact_properties());
  body->set("limit", limit);
  if (after)
    body->set("after", *after);
  auto response = ctx.proxy().post(std::string(kContacts) + "/search", body);
  if (!response.ok())
    fail(response, "search contacts",
         "HubSpot has no contact search here (HTTP 404); check the integration's base URL");
  auto result = response.json_object();
  crm::ContactPage page;
  if (auto results = result->getArray("results"))
    for (size_t i = 0; i < results->size(); ++i)
      page.contacts.push_back(to_contact(results->getObject(static_cast<unsigned>(i))));
  page.total = result->optValue<std::int64_t>("total", 0);
  if (auto paging = result->getObject("paging"))
    if (auto next = paging->getObject("next"); next && next->has("after"))
      page.next_cursor = next->get("after").toString();
  return page;
}

} // namespace

crm::Contact create_contact(ah::Context& ctx, const crm::CreateContactIn& in) {
  auto props = ah::json::object();
  props->set("email", in.email.value);
  props->set("lastname", in.last_name);
  put(props, "firstname", in.first_name);
  put(props, "company", in.company);
  put(props, "phone", in.phone);
  put(props, "jobtitle", in.job_title);
  auto response = ctx.proxy().post(kContacts, with_properties(props));
  if (!response.ok())
    fail_write(response, "create the contact", in.email.value);
  return to_contact(response.json_object());
}

crm::Contact update_contact(ah::Context& ctx, const crm::UpdateContactIn& in) {
  crm::require_changes(in);
  if (!valid_id(in.id))
    throw ah::ToolError(crm::contact_not_found(in.id));
  auto props = ah::json::object();
  if (in.email)
    props->set("email", in.email->value);
  put(props, "firstname", in.first_name);
  put(props, "lastname", in.last_name);
  put(props, "company", in.company);
  put(props, "phone", in.phone);
  put(props, "jobtitle", in.job_title);
  std::string path = std::string(kContacts) + "/" + in.id;
  auto response = ctx.proxy().patch(path, with_properties(props));
  if (!response.ok())
    fail_write(response, "update contact " + in.id, in.email ? in.email->value : "",
               crm::contact_not_found(in.id));
  // The PATCH answer holds only what changed; read the contact back so every field is there.
  std::string names;
  auto properties = contact_properties();
  for (size_t i = 0; i < properties->size(); ++i)
    names += (i ? "," : "") + properties->getElement<std::string>(static_cast<unsigned>(i));
  auto read = ctx.proxy().get(path, {{"properties", names}});
  if (!read.ok())
    fail(read, "read contact " + in.id, crm::contact_not_found(in.id));
  return to_contact(read.json_object());
}

crm::ContactPage search_contacts(ah::Context& ctx, const crm::SearchContactsIn& in) {
  crm::require_search_criteria(in);
  return search(ctx, filter_groups(in), nullptr, in.limit, in.cursor);
}

crm::ContactPage fetch_recent_leads(ah::Context& ctx, const crm::FetchRecentLeadsIn& in) {
  // A new contact's lastmodifieddate is its creation time, so one filter finds both.
  std::string since_ms = std::to_string(in.since.timestamp().epochMicroseconds() / 1000);
  auto filters = ah::json::array();
  filters->add(filter("lastmodifieddate", "GTE", since_ms));
  auto group = ah::json::object();
  group->set("filters", filters);
  auto groups = ah::json::array();
  groups->add(group);
  auto sort = ah::json::object();
  sort->set("propertyName", "lastmodifieddate");
  sort->set("direction", "DESCENDING");
  auto sorts = ah::json::array();
  sorts->add(sort);
  return search(ctx, groups, sorts, in.limit, in.cursor);
}

} // namespace hubspot
