#include "actions.hpp"
#include "api.hpp"
#include "soql.hpp"

#include <algorithm>
#include <cmath>

namespace salesforce {

crm::Deal create_deal(ah::Context& ctx, const crm::CreateDealIn& in) {
  // Check the contacts first (one query), and take the first one's account for the opportunity.
  std::string account_id;
  if (!in.contact_ids.empty()) {
    std::string ids;
    for (const auto& id : in.contact_ids) {
      if (!valid_id(id))
        throw ah::ToolError(crm::contact_not_found(id));
      ids += (ids.empty() ? "" : ", ") + quote(id);
    }
    auto found = query_all(ctx, "SELECT Id, AccountId FROM Contact WHERE Id IN (" + ids + ")",
                           "look up the deal's contacts");
    for (const auto& id : in.contact_ids) {
      auto match = std::find_if(found.begin(), found.end(), [&](const ah::JsonObject& r) {
        return id15(r->get("Id").toString()) == id15(id);
      });
      if (match == found.end())
        throw ah::ToolError(crm::contact_not_found(id));
      if (account_id.empty() && !(*match)->isNull("AccountId"))
        account_id = (*match)->optValue<std::string>("AccountId", "");
    }
  }
  std::string stage = in.stage.value_or("Prospecting");
  auto fields = ah::json::object();
  fields->set("Name", in.name);
  fields->set("StageName", stage);
  fields->set("CloseDate", in.close_date.value);
  if (in.amount)
    fields->set("Amount", std::round(*in.amount * 100) / 100);
  if (!account_id.empty())
    fields->set("AccountId", account_id);
  auto response = ctx.proxy().post("/sobjects/Opportunity", fields);
  if (!response.ok()) {
    for (const auto& e : errors_of(response))
      if (std::find(e.fields.begin(), e.fields.end(), "StageName") != e.fields.end())
        throw ah::ToolError("stage '" + stage +
                            "' is not an opportunity stage of this org: " + e.message);
    fail(response, "create the opportunity");
  }
  std::string deal_id = response.json_object()->get("id").toString();
  // An opportunity reaches its people through contact roles, one record per contact.
  for (size_t i = 0; i < in.contact_ids.size(); ++i) {
    auto role = ah::json::object();
    role->set("OpportunityId", deal_id);
    role->set("ContactId", in.contact_ids[i]);
    role->set("IsPrimary", i == 0);
    auto linked = ctx.proxy().post("/sobjects/OpportunityContactRole", role);
    if (!linked.ok()) {
      try {
        fail(linked, "add contact " + in.contact_ids[i] + " to the opportunity");
      } catch (const ah::ToolError& e) {
        throw ah::ToolError("deal " + deal_id + " was created, but " + e.what());
      }
    }
  }
  crm::Deal deal;
  deal.id = deal_id;
  deal.name = in.name;
  deal.stage = stage;
  deal.close_date = in.close_date;
  if (in.amount)
    deal.amount = std::round(*in.amount * 100) / 100;
  deal.contact_ids = in.contact_ids;
  return deal;
}

} // namespace salesforce
