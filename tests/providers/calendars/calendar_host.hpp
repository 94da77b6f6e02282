// A host serving one calendar plugin as its shipped integrations block describes it (only the
// token URL and, through its ${..._BASE_URL} variable, the API base URL point at the local
// fake), with an OAuth2 connection "c1" and a secret key created through the real CLI.
#pragma once

#include "keyed_host.hpp"
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <fstream>
#include <sstream>
#include <string>

namespace calendar_tests {

using namespace actionhost::testing;

inline const std::string kAccessToken = "at-initial-7c1e";
inline const std::string kRefreshToken = "rt-initial-0b9d";
inline const std::string kClientId = "client-id-calendars";
inline const std::string kClientSecret = "client-secret-calendars";

// The integrations block a plugin ships (plugins/<name>/integration.yaml).
inline std::string shipped_block(const std::string& plugin) {
  std::ifstream in(std::string(CALENDAR_PLUGIN_SOURCES) + "/" + plugin + "/integration.yaml");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

struct ToolCall {
  bool is_error = false;
  Poco::JSON::Object::Ptr structured; // null when absent
  std::string text;                   // the first text content
};

class CalendarHost {
public:
  // `prefix`: GOOGLE_CALENDAR or OUTLOOK_CALENDAR; `real_token_url`: the URL in the shipped block.
  CalendarHost(const std::string& plugin, const std::string& prefix,
               const std::string& real_token_url, const std::string& fake_base_url,
               const std::string& fake_token_url)
      : plugin_(plugin),
        deployment_(replaced(shipped_block(plugin), real_token_url, fake_token_url)) {
    deployment_.extra_env = {{prefix + "_BASE_URL", fake_base_url},
                             {prefix + "_CLIENT_ID", kClientId},
                             {prefix + "_CLIENT_SECRET", kClientSecret}};
    deployment_.create_connection(
        plugin, "c1",
        {"--access-token", kAccessToken, "--refresh-token", kRefreshToken, "--expires-in", "3600"});
    key_ = deployment_.create_key("agent");
    deployment_.start();
  }

  // tools/call as an MCP client (stateless era) with the key and the connection.
  ToolCall call(const std::string& tool, const std::string& arguments_json) {
    auto reply = mcp::stateless(deployment_.port(), "tools/call",
                                R"({"name":")" + tool + R"(","arguments":)" + arguments_json + "}",
                                "{}", "/mcp/" + plugin_,
                                {{"Authorization", "Bearer " + key_}, {"connection-id", "c1"}});
    auto message = mcp::response_to(reply);
    INFO(reply.body);
    REQUIRE(message->has("result"));
    auto result = message->getObject("result");
    ToolCall out;
    out.is_error = result->optValue<bool>("isError", false);
    out.structured = result->getObject("structuredContent");
    if (auto content = result->getArray("content"); content && content->size() > 0)
      out.text = content->getObject(0)->optValue<std::string>("text", "");
    return out;
  }

  // tools/list: every tool's definition.
  Poco::JSON::Array::Ptr tools() {
    auto reply = mcp::stateless(deployment_.port(), "tools/list", "{}", "{}", "/mcp/" + plugin_,
                                {{"Authorization", "Bearer " + key_}, {"connection-id", "c1"}});
    auto message = mcp::response_to(reply);
    REQUIRE(message->has("result"));
    return message->getObject("result")->getArray("tools");
  }

private:
  std::string plugin_;
  KeyedHost deployment_;
  std::string key_;
};

inline std::string json_text(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

} // namespace calendar_tests
