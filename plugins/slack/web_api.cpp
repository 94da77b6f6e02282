// Slack Web API calls and Slack's error codes.
#include "web_api.hpp"

namespace slack {

namespace {

// Slack's error codes that mean the same for every method.
std::optional<std::string> explain(const std::string& code, const ah::JsonObject& body,
                                   const ah::Response& response) {
  if (auto common = common_error(code, body))
    return common;
  if (code == "ratelimited") {
    auto wait = response.header("Retry-After");
    return "Slack is rate limiting this connection" +
           (wait ? "; retry in " + *wait + " seconds" : std::string());
  }
  return std::nullopt;
}

ah::JsonObject parse(const std::string& method, const ah::Response& response) {
  if (response.status == 429) {
    auto wait = response.header("Retry-After");
    throw SlackError(method, "ratelimited", nullptr,
                     "Slack is still rate limiting this connection after waiting" +
                         (wait ? "; retry in " + *wait + " seconds" : std::string()));
  }
  if (!response.ok())
    throw ah::ToolError("Slack answered HTTP " + std::to_string(response.status) + " to " + method +
                        "; try again later");
  ah::JsonObject body = response.json_object();
  if (body->optValue<bool>("ok", false))
    return body;
  std::string code = text(body, "error");
  if (code.empty())
    code = "unknown_error";
  auto message = explain(code, body, response);
  throw SlackError(method, code, body,
                   message ? *message : "Slack refused " + method + ": " + code);
}

} // namespace

std::string text(const ah::JsonObject& object, const std::string& name) {
  if (!object || !object->has(name) || !object->get(name).isString())
    return {};
  return object->getValue<std::string>(name);
}

std::string next_cursor(const ah::JsonObject& body) {
  return text(body->getObject("response_metadata"), "next_cursor");
}

std::optional<std::string> common_error(const std::string& code, const ah::JsonObject& body) {
  if (code == "not_authed" || code == "invalid_auth" || code == "token_expired" ||
      code == "token_revoked" || code == "account_inactive" || code == "no_permission")
    return "Slack rejected this connection's token (" + code +
           "); the connection must be reconnected before Slack can be used";
  if (code == "missing_scope") {
    std::string needed = text(body, "needed");
    return "this Slack connection lacks the permission " +
           (needed.empty() ? std::string("this method needs") : "'" + needed + "'") +
           "; reconnect it with that scope granted";
  }
  if (code == "invalid_cursor")
    return "the cursor is not valid (it may have expired); start again without a cursor";
  return std::nullopt;
}

ah::JsonObject call_get(ah::Context& ctx, const std::string& method, const ah::Pairs& args) {
  return parse(method, ctx.proxy().get("/" + method, args));
}

ah::JsonObject call_post(ah::Context& ctx, const std::string& method, const ah::JsonObject& body) {
  // Slack warns (missing_charset) about JSON bodies without a charset.
  auto bytes = ah::json::stringify(ah::Json(body));
  return parse(method, ctx.proxy().post("/" + method,
                                        ah::Body::raw(bytes, "application/json; charset=utf-8")));
}

} // namespace slack
