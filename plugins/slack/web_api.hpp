// Calling Slack Web API methods through the host's proxy, and turning Slack's answers
// (HTTP 200 with {"ok": false, "error": ...}) into errors a model can act on.
#pragma once

#include <actionhost/plugin.hpp>

#include <optional>
#include <string>

namespace slack {

// A Slack method that answered {"ok": false}: the method, Slack's error code and the full body
// (some errors carry details, such as missing_scope's "needed").
class SlackError : public ah::ToolError {
public:
  SlackError(std::string method, std::string code, ah::JsonObject body, std::string message)
      : ah::ToolError(std::move(message)), method_(std::move(method)), code_(std::move(code)),
        body_(std::move(body)) {}
  const std::string& method() const { return method_; }
  const std::string& code() const { return code_; }
  const ah::JsonObject& body() const { return body_; }

private:
  std::string method_, code_;
  ah::JsonObject body_;
};

// GET https://slack.com/api/<method>?<args>: for the read methods, several of which
// (users.lookupByEmail, conversations.history) take only form-style arguments.
ah::JsonObject call_get(ah::Context& ctx, const std::string& method, const ah::Pairs& args);

// POST with a JSON body, for the write methods that accept one (chat.postMessage,
// conversations.open). The token travels only in the Authorization header the proxy adds.
ah::JsonObject call_post(ah::Context& ctx, const std::string& method, const ah::JsonObject& body);

// The explanation of a Slack error code that applies to every method (auth, scopes, rate
// limits), or nullopt when the code is specific to the method and the caller explains it.
std::optional<std::string> common_error(const std::string& code, const ah::JsonObject& body);

// The message for a channel-related error of any method (channel_not_found, not_in_channel,
// is_archived), naming the channel as the caller wrote it; other errors keep their message.
std::string channel_error(const SlackError& e, const std::string& channel);

// The text of a string field, "" when absent or not a string.
std::string text(const ah::JsonObject& object, const std::string& name);

// Slack's "next_cursor", "" on the last page.
std::string next_cursor(const ah::JsonObject& body);

} // namespace slack
