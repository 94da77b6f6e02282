// One tool call as the execution log and the proxy see it: the caller's connection read afresh
// (a deleted connection, or one that must be reconnected, ends the call with a tool error), an
// execution begun in the log, the plugin's http_request sent through the integration's proxy
// for that connection (with the call's cancellation and deadline), and the outcome recorded when
// the call ends. Nothing here logs or returns a secret.
#pragma once

#include "exchange.hpp"

#include <memory>
#include <optional>
#include <string>

namespace actionhost::mcp {

class ToolExecution {
public:
  // Begins the execution (when the service has a store).
  ToolExecution(const Exchange& exchange, const plugins::Action& tool);
  // Records the outcome: whatever run() or a later fail() said; a protocol error when neither
  // ran (the request failed in between).
  ~ToolExecution();
  ToolExecution(const ToolExecution&) = delete;
  ToolExecution& operator=(const ToolExecution&) = delete;

  // Runs the tool with `channel` for everything but http_request, which goes through the proxy.
  plugins::ToolResult run(const Poco::JSON::Object::Ptr& arguments, plugins::CallServices& channel,
                          plugins::RequestInfo info);
  // The call ended with a JSON-RPC error after all (-32042, input required, ...).
  void fail_protocol(const std::string& error);

  const std::string& id() const { return id_; }

private:
  std::optional<plugins::ToolResult> refusal(); // the connection cannot be used

  const Exchange& exchange_;
  const plugins::Action& tool_;
  std::optional<store::Connection> connection_;
  std::string id_; // empty without a store
  store::Outcome outcome_ = store::Outcome::ProtocolError;
  std::string error_ = "the request ended before the tool returned";
};

} // namespace actionhost::mcp
