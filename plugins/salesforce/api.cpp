#include "api.hpp"

#include <algorithm>
#include <cctype>

namespace salesforce {

bool valid_id(const std::string& id) {
  return (id.size() == 15 || id.size() == 18) &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c); });
}

std::string id15(const std::string& id) {
  return id.substr(0, 15);
}

std::optional<ah::DateTime> to_datetime(const std::string& text) {
  std::string out = text;
  // The offset comes without a colon: +0000 -> +00:00.
  if (out.size() > 5 && (out[out.size() - 5] == '+' || out[out.size() - 5] == '-'))
    out.insert(out.size() - 2, ":");
  if (!ah::DateTime::valid(out))
    return std::nullopt;
  return ah::DateTime{out};
}

namespace {

std::optional<std::string> text(const ah::JsonObject& record, const char* name) {
  if (!record || !record->has(name) || record->isNull(name))
    return std::nullopt;
  std::string value = record->get(name).toString();
  if (value.empty())
    return std::nullopt;
  return value;
}

} // namespace

crm::Contact to_contact(const ah::JsonObject& record) {
  crm::Contact c;
  auto id = text(record, "Id");
  if (!id)
    throw ah::HttpError(AH_ERR_UPSTREAM, "Salesforce returned a contact without an Id");
  c.id = *id;
  c.email = text(record, "Email");
  c.first_name = text(record, "FirstName");
  c.last_name = text(record, "LastName");
  c.phone = text(record, "Phone");
  c.job_title = text(record, "Title");
  if (record->has("Account") && !record->isNull("Account"))
    c.company = text(record->getObject("Account"), "Name");
  if (auto created = text(record, "CreatedDate"))
    c.created_at = to_datetime(*created);
  if (auto modified = text(record, "LastModifiedDate"))
    c.updated_at = to_datetime(*modified);
  return c;
}

void require_record(ah::Context& ctx, const std::string& type, const std::string& id,
                    const std::string& not_found) {
  if (!valid_id(id))
    throw ah::ToolError(not_found);
  auto response = ctx.proxy().get("/sobjects/" + type + "/" + id, {{"fields", "Id"}});
  if (!response.ok())
    fail(response, "read " + type + " " + id, not_found);
}

std::string insert(ah::Context& ctx, const std::string& type, const ah::JsonObject& fields,
                   const std::string& doing) {
  auto response = ctx.proxy().post("/sobjects/" + type, fields);
  if (!response.ok())
    fail(response, doing);
  // 201 {"id": "...", "success": true, "errors": []}
  auto created = response.json_object();
  if (!created->optValue<bool>("success", false) || !created->has("id"))
    throw ah::ToolError("Salesforce did not " + doing + ": " + response.body.substr(0, 300));
  return created->get("id").toString();
}

std::vector<ApiError> errors_of(const ah::Response& response) {
  std::vector<ApiError> out;
  try {
    auto list = ah::json::as_array(ah::json::parse(response.body));
    for (size_t i = 0; list && i < list->size(); ++i) {
      auto e = list->getObject(static_cast<unsigned>(i));
      if (!e)
        continue;
      ApiError error{
          e->optValue<std::string>("message", ""), e->optValue<std::string>("errorCode", ""), {}};
      if (auto fields = e->getArray("fields"))
        for (size_t f = 0; f < fields->size(); ++f)
          error.fields.push_back(fields->getElement<std::string>(static_cast<unsigned>(f)));
      out.push_back(std::move(error));
    }
  } catch (const Poco::Exception&) {
  }
  if (out.empty())
    out.push_back({response.body.substr(0, 300), "", {}});
  return out;
}

void fail(const ah::Response& response, const std::string& doing, const std::string& not_found) {
  auto errors = errors_of(response);
  std::string detail;
  for (const auto& e : errors) {
    detail += (detail.empty() ? "" : "; ") + (e.code.empty() ? "" : e.code + ": ") + e.message;
    if (!e.fields.empty()) {
      std::string names;
      for (const auto& f : e.fields)
        names += (names.empty() ? "" : ", ") + f;
      detail += " (fields: " + names + ")";
    }
  }
  detail += " (HTTP " + std::to_string(response.status) + ")";
  const std::string& code = errors.front().code;
  if (response.status == 404 && !not_found.empty())
    throw ah::ToolError(not_found);
  if (response.status == 401)
    throw ah::ToolError("Salesforce refused this connection's session: " + detail +
                        "; the connection must be authorized again");
  if (response.status == 429)
    throw ah::ToolError("Salesforce is limiting this org's requests: " + detail +
                        "; wait a few seconds before trying again");
  if (code == "REQUEST_LIMIT_EXCEEDED") // 403: the org's daily API allowance
    throw ah::ToolError("Salesforce's API request limit for this org is used up: " + detail +
                        "; try again once the limit resets");
  if (response.status == 403)
    throw ah::ToolError("Salesforce does not let this connection " + doing + ": " + detail +
                        "; the user needs the permission in Salesforce");
  if (response.status >= 500)
    throw ah::ToolError("Salesforce failed to " + doing + ": " + detail + "; try again later");
  throw ah::ToolError("Salesforce could not " + doing + ": " + detail);
}

} // namespace salesforce
