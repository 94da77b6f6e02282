#include "actions.hpp"
#include "api.hpp"

#include <cstdlib>

namespace hubspot {

namespace {

// HubSpot's default association type id from a deal to a contact.
constexpr int kDealToContact = 3;

std::string amount_text(double amount) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", amount);
  return text;
}

} // namespace

crm::Deal create_deal(ah::Context& ctx, const crm::CreateDealIn& in) {
  // Check the contacts first: a deal half-associated with a mistyped id helps nobody.
  for (const auto& id : in.contact_ids) {
    if (!valid_id(id))
      throw ah::ToolError(crm::contact_not_found(id));
    require_record(ctx, std::string(kContacts) + "/" + id, crm::contact_not_found(id));
  }
  std::string stage = in.stage.value_or("appointmentscheduled");
  auto props = ah::json::object();
  props->set("dealname", in.name);
  props->set("pipeline", "default");
  props->set("dealstage", stage);
  props->set("closedate", in.close_date.value + "T00:00:00.000Z");
  if (in.amount)
    props->set("amount", amount_text(*in.amount));
  auto body = with_properties(props);
  auto associations = ah::json::array();
  for (const auto& id : in.contact_ids)
    associations->add(association(id, kDealToContact));
  body->set("associations", associations);

  auto response = ctx.proxy().post(kDeals, body);
  if (!response.ok()) {
    auto error = error_of(response);
    if (response.status == 400 && error.message.find("dealstage") != std::string::npos)
      throw ah::ToolError("stage '" + stage +
                          "' is not a stage of HubSpot's default deal pipeline: " + error.message);
    fail(response, "create the deal");
  }
  auto created = response.json_object();
  auto p = created->getObject("properties");
  crm::Deal deal;
  deal.id = created->get("id").toString();
  deal.name = p ? p->optValue<std::string>("dealname", in.name) : in.name;
  deal.stage = p ? p->optValue<std::string>("dealstage", stage) : stage;
  std::string close = p ? p->optValue<std::string>("closedate", "") : "";
  deal.close_date = ah::Date{close.size() >= 10 ? close.substr(0, 10) : in.close_date.value};
  if (std::string amount = p ? p->optValue<std::string>("amount", "") : ""; !amount.empty())
    deal.amount = std::strtod(amount.c_str(), nullptr);
  deal.contact_ids = in.contact_ids;
  return deal;
}

} // namespace hubspot
