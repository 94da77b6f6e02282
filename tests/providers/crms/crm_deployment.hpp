// A host serving one CRM plugin as an operator would set it up: the plugin's own
// integration.yaml (plugins/<name>/integration.yaml), client credentials in the environment,
// an OAuth2 connection and a secret key created with the CLI. Tool calls go through MCP
// (2026-07-28, stateless) with the key and the connection, as an agent's would.
#pragma once

#include "keyed_host.hpp"
#include "mcp_support.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Timestamp.h>

#include <fstream>
#include <sstream>
#include <string>

namespace actionhost::testing::crm {

inline constexpr const char* kStartToken = "tok-start";
inline constexpr const char* kRefreshToken = "refresh-1";
inline constexpr const char* kClientId = "crm-client";
inline constexpr const char* kClientSecret = "crm-client-secret";

// The provider block the plugin ships, indented to sit under `integrations:`.
inline std::string shipped_block(const std::string& plugin) {
  std::ifstream in(std::string(ACTIONHOST_SOURCE_DIR) + "/plugins/" + plugin + "/integration.yaml");
  std::string line, out;
  while (std::getline(in, line))
    out += (line.empty() || line[0] == '#' ? line : "  " + line) + "\n";
  return out;
}

struct ToolResult {
  bool is_error = false;
  std::string text;                   // the first text block
  Poco::JSON::Object::Ptr structured; // structuredContent (null when absent)
};

class CrmDeployment {
public:
  // `env`: HUBSPOT_BASE_URL and the like; `metadata`: the connection's metadata JSON.
  CrmDeployment(const std::string& plugin, std::map<std::string, std::string> env,
                const std::string& metadata = "{}")
      : plugin_(plugin),
        host_(shipped_block(plugin), "  plugin_dir: " + plugin_dir().string() + "\n") {
    host_.extra_env = std::move(env);
    host_.create_connection(plugin, "c1",
                            {"--access-token", kStartToken, "--refresh-token", kRefreshToken,
                             "--expires-in", "3600", "--metadata", metadata});
    key_ = host_.create_key("agent");
    host_.start();
  }

  KeyedHost& host() { return host_; }

  Poco::JSON::Object::Ptr request(const std::string& method, const std::string& params) {
    auto reply = mcp::stateless(host_.port(), method, params, "{}", "/mcp/" + plugin_,
                                {{"Authorization", "Bearer " + key_}, {"connection-id", "c1"}});
    return mcp::response_to(reply);
  }

  ToolResult call(const std::string& tool, const std::string& arguments) {
    auto message =
        request("tools/call", R"({"name":")" + tool + R"(","arguments":)" + arguments + "}");
    ToolResult out;
    auto result = message->getObject("result");
    if (!result) {
      std::ostringstream text;
      message->stringify(text);
      out.is_error = true;
      out.text = "no result: " + text.str();
      return out;
    }
    out.is_error = result->optValue<bool>("isError", false);
    if (auto content = result->getArray("content"); content && content->size() > 0)
      out.text = content->getObject(0)->optValue<std::string>("text", "");
    out.structured = result->getObject("structuredContent");
    return out;
  }

private:
  std::string plugin_;
  KeyedHost host_;
  std::string key_;
};

// The JSON text of a value (for messages and comparisons).
inline std::string text_of(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

inline std::int64_t now_ms() {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

// RFC 3339 in UTC, to the second.
inline std::string iso(std::int64_t ms) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(ms * 1000), "%Y-%m-%dT%H:%M:%SZ");
}

// The ids of a page's contacts, in order.
inline std::vector<std::string> ids_of(const Poco::JSON::Object::Ptr& page) {
  std::vector<std::string> ids;
  auto contacts = page->getArray("contacts");
  for (size_t i = 0; contacts && i < contacts->size(); ++i)
    ids.push_back(contacts->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
  return ids;
}

} // namespace actionhost::testing::crm
