// What every provider test needs: the integration block a plugin ships (its integration.yaml,
// indented under `integrations:`), and MCP tools/call and tools/list as an agent with a secret
// key and a connection sends them.
#pragma once

#include "keyed_host.hpp"
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace provider_test {

// The file's lines, each indented by two spaces: an entry of the integrations: section.
inline std::string integration_block(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  std::string line, out;
  while (std::getline(in, line))
    out += (line.empty() ? "" : "  ") + line + "\n";
  return out;
}

struct ToolCall {
  Poco::JSON::Object::Ptr result;     // the tools/call result
  Poco::JSON::Object::Ptr structured; // its structuredContent (null when absent)
  bool is_error = false;
  std::string text; // the first text block
};

inline actionhost::testing::mcp::Headers caller(const std::string& key,
                                                const std::string& connection) {
  return {{"Authorization", "Bearer " + key}, {"connection-id", connection}};
}

// tools/call (stateless era) of `tool` with `arguments` (JSON object text).
inline ToolCall call_tool(uint16_t port, const std::string& key, const std::string& integration,
                          const std::string& connection, const std::string& tool,
                          const std::string& arguments) {
  using namespace actionhost::testing::mcp;
  auto reply =
      stateless(port, "tools/call", R"({"name":")" + tool + R"(","arguments":)" + arguments + "}",
                "{}", "/mcp/" + integration, caller(key, connection));
  INFO(reply.body);
  auto message = response_to(reply);
  REQUIRE(message->has("result"));
  ToolCall call;
  call.result = message->getObject("result");
  call.structured = call.result->getObject("structuredContent");
  call.is_error = call.result->optValue<bool>("isError", false);
  auto content = call.result->getArray("content");
  if (content && content->size() > 0)
    call.text = content->getObject(0)->optValue<std::string>("text", "");
  return call;
}

// tools/list: the result object, with its "tools" array.
inline Poco::JSON::Object::Ptr list_tools(uint16_t port, const std::string& key,
                                          const std::string& integration,
                                          const std::string& connection) {
  using namespace actionhost::testing::mcp;
  auto reply =
      stateless(port, "tools/list", "{}", "{}", "/mcp/" + integration, caller(key, connection));
  INFO(reply.body);
  auto message = response_to(reply);
  REQUIRE(message->has("result"));
  return message->getObject("result");
}

// The tool named `name` in a tools/list result.
inline Poco::JSON::Object::Ptr tool_named(const Poco::JSON::Object::Ptr& list,
                                          const std::string& name) {
  auto tools = list->getArray("tools");
  for (size_t i = 0; tools && i < tools->size(); ++i)
    if (tools->getObject(static_cast<unsigned>(i))->getValue<std::string>("name") == name)
      return tools->getObject(static_cast<unsigned>(i));
  return nullptr;
}

} // namespace provider_test
