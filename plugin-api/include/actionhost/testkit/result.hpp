// What one call of an action returned: ok with its structured output, or a tool error.
#pragma once

#include <actionhost/plugin.h>
#include <actionhost/sdk/decode.hpp>
#include <actionhost/sdk/errors.hpp>
#include <actionhost/testkit/client.hpp>
#include <actionhost/testkit/export.hpp>

#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ah::testkit {

// One notifications/progress the action sent (ctx.progress).
struct Progress {
  double progress = 0;
  std::optional<double> total; // empty when the action did not know it
  std::string message;
};

// The MCP CallToolResult of one call, as text. Failures of the plugin and of the host (arguments
// its input schema rejects, output its output schema rejects, a crash in the action) are all tool
// errors here, exactly as an MCP client would see them.
struct CallResult {
  std::string action;
  bool is_error = false;
  ah_status status = AH_OK;       // AH_ERR_TOOL for ah::ToolError, AH_ERR_INVALID_ARGUMENT, ...
  std::string text;               // the text content blocks, joined by newlines
  std::string structured_json;    // structuredContent; empty when there is none
  std::string content_json;       // the content blocks as a JSON array
  std::vector<std::string> logs;  // what the action logged: "info: fetched 3 events"
  std::vector<Progress> progress; // its progress notifications, in order
  std::vector<ClientQuestion> questions; // what it asked the client (CallSettings::client)
  // What went wrong on the provider's side of the test during this call: requests nothing
  // answered (with the closest recorded request when replaying), handlers that threw, and when
  // replaying a fixture, recorded exchanges the action never requested.
  std::vector<std::string> problems;

  bool ok() const { return !is_error; }
  // The tool error's message ("" when the call succeeded).
  std::string error() const { return is_error ? text : std::string(); }
  std::string_view status_name() const { return ah::status_name(status); }
};

// "action 'echo': ok: {"text":"hi"}" or "action 'echo': tool error (AH_ERR_TOOL): no such ..."
// Catch2 prints results with it when an assertion fails.
AH_TESTKIT_API std::ostream& operator<<(std::ostream& out, const CallResult& result);

// A call with a typed output: the structured content decoded into the plugin's own Out struct.
template <class Out> class Result : public CallResult {
public:
  explicit Result(CallResult raw) : CallResult(std::move(raw)) {
    if (is_error || structured_json.empty())
      return;
    try {
      output_ = ah::decode_json<Out>(structured_json);
    } catch (const ah::DecodeError& e) {
      decode_error_ = e.what();
    }
  }

  // The decoded output. Throws std::logic_error saying why there is none: the call failed (with
  // its error), it returned no structured content, or Out does not match what came back.
  const Out& output() const {
    if (output_)
      return *output_;
    if (is_error)
      throw std::logic_error("action '" + action + "' failed with " + std::string(status_name()) +
                             ": " + text);
    if (structured_json.empty())
      throw std::logic_error("action '" + action + "' returned no structured content");
    throw std::logic_error("action '" + action + "' returned output the test's type cannot hold (" +
                           decode_error_ + "): " + structured_json);
  }
  const Out* operator->() const { return &output(); }

private:
  std::optional<Out> output_;
  std::string decode_error_;
};

} // namespace ah::testkit
