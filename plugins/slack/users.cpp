// Finding a Slack user by email.
#include "types.hpp"
#include "web_api.hpp"

namespace slack {

namespace {

std::optional<std::string> optional_text(const ah::JsonObject& object, const std::string& name) {
  std::string value = text(object, name);
  if (value.empty())
    return std::nullopt;
  return value;
}

} // namespace

User find_user(ah::Context& ctx, const std::string& email) {
  ah::JsonObject body;
  try {
    // users.lookupByEmail takes form-style arguments only, never a JSON body.
    body = call_get(ctx, "users.lookupByEmail", {{"email", email}});
  } catch (const SlackError& e) {
    if (e.code() == "users_not_found")
      throw ah::ToolError("no Slack user has the email '" + email +
                          "' in this workspace; check the address, or ask for their Slack name");
    throw;
  }
  auto u = body->getObject("user");
  if (!u || text(u, "id").empty())
    throw ah::HttpError(AH_ERR_UPSTREAM, "Slack's users.lookupByEmail answer has no user id");
  auto profile = u->getObject("profile");
  User out;
  out.id = text(u, "id");
  out.name = text(u, "name");
  out.real_name = optional_text(u, "real_name");
  if (!out.real_name && profile)
    out.real_name = optional_text(profile, "real_name");
  if (profile) {
    out.display_name = optional_text(profile, "display_name");
    out.email = optional_text(profile, "email");
  }
  out.time_zone = optional_text(u, "tz");
  out.is_bot = u->optValue<bool>("is_bot", false);
  out.deleted = u->optValue<bool>("deleted", false);
  return out;
}

User lookup_user_by_email(ah::Context& ctx, const LookupUserIn& in) {
  return find_user(ctx, in.email.value);
}

} // namespace slack
