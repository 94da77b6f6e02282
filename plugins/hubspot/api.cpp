#include "api.hpp"

#include <algorithm>
#include <cctype>

namespace hubspot {

namespace {

std::optional<std::string> text(const ah::JsonObject& props, const char* name) {
  if (!props || !props->has(name) || props->isNull(name))
    return std::nullopt;
  std::string value = props->get(name).toString();
  if (value.empty())
    return std::nullopt;
  return value;
}

std::optional<ah::DateTime> time_of(const ah::JsonObject& object, const char* name) {
  auto value = text(object, name);
  if (!value || !ah::DateTime::valid(*value))
    return std::nullopt;
  return ah::DateTime{*value};
}

} // namespace

ah::JsonArray contact_properties() {
  auto names = ah::json::array();
  for (const char* name : {"email", "firstname", "lastname", "company", "phone", "jobtitle",
                           "createdate", "lastmodifieddate"})
    names->add(std::string(name));
  return names;
}

crm::Contact to_contact(const ah::JsonObject& object) {
  if (!object || !object->has("id"))
    throw ah::HttpError(AH_ERR_UPSTREAM, "HubSpot returned a contact without an id");
  auto props = object->getObject("properties");
  crm::Contact c;
  c.id = object->get("id").toString();
  c.email = text(props, "email");
  c.first_name = text(props, "firstname");
  c.last_name = text(props, "lastname");
  c.company = text(props, "company");
  c.phone = text(props, "phone");
  c.job_title = text(props, "jobtitle");
  c.created_at = time_of(object, "createdAt");
  c.updated_at = time_of(object, "updatedAt");
  return c;
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= 20 &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c); });
}

ah::JsonObject with_properties(const ah::JsonObject& properties) {
  auto body = ah::json::object();
  body->set("properties", properties);
  return body;
}

ah::JsonObject association(const std::string& to_id, int type_id) {
  auto to = ah::json::object();
  to->set("id", to_id);
  auto type = ah::json::object();
  type->set("associationCategory", "HUBSPOT_DEFINED");
  type->set("associationTypeId", type_id);
  auto types = ah::json::array();
  types->add(type);
  auto out = ah::json::object();
  out->set("to", to);
  out->set("types", types);
  return out;
}

void require_record(ah::Context& ctx, const std::string& path, const std::string& not_found) {
  auto response = ctx.proxy().get(path, {{"properties", "hs_object_id"}});
  if (!response.ok())
    fail(response, "read " + path.substr(std::string_view("/crm/v3/objects/").size()), not_found);
}

ApiError error_of(const ah::Response& response) {
  ApiError error;
  try {
    auto body = ah::json::as_object(ah::json::parse(response.body));
    if (body) {
      error.message = body->optValue<std::string>("message", "");
      error.category = body->optValue<std::string>("category", "");
    }
  } catch (const Poco::Exception&) {
  }
  if (error.message.empty())
    error.message = response.body.substr(0, 300);
  return error;
}

void fail(const ah::Response& response, const std::string& doing, const std::string& not_found) {
  auto error = error_of(response);
  std::string detail = error.message + " (HTTP " + std::to_string(response.status) +
                       (error.category.empty() ? "" : " " + error.category) + ")";
  switch (response.status) {
  case 404:
    if (!not_found.empty())
      throw ah::ToolError(not_found);
    break;
  case 401:
    throw ah::ToolError("HubSpot refused this connection's credentials: " + detail +
                        "; the connection must be authorized again");
  case 403:
    throw ah::ToolError("HubSpot does not let this connection " + doing + ": " + detail +
                        "; the app needs the missing scope, granted by reconnecting");
  case 429:
    throw ah::ToolError("HubSpot's rate limit stopped the request to " + doing + ": " + detail +
                        "; wait a few seconds before trying again");
  default:
    if (response.status >= 500)
      throw ah::ToolError("HubSpot failed to " + doing + ": " + detail + "; try again later");
  }
  throw ah::ToolError("HubSpot could not " + doing + ": " + detail);
}

} // namespace hubspot
