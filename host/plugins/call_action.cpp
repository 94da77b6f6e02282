// tools/call: validate the arguments, run the action, and check what it returned. Whatever goes
// wrong on the plugin's side ends as a tool error the model can read; the host keeps running.
#include "call_runner.hpp"

#include "schema.hpp"

namespace actionhost::plugins {

using namespace detail;

namespace {

ToolResult tool_error(ah_status status, const std::string& message,
                      Poco::JSON::Array::Ptr extra = nullptr) {
  ToolResult result;
  result.is_error = true;
  result.status = status;
  Poco::JSON::Object::Ptr text = new Poco::JSON::Object;
  text->set("type", "text");
  text->set("text", message);
  result.content->add(text);
  for (size_t i = 0; extra && i < extra->size(); ++i)
    result.content->add(extra->get(static_cast<unsigned>(i)));
  return result;
}

// Turns the collected call into a result, checking the structured content against the schema.
ToolResult finish(const Action& action, ah_call& call, const Outcome& outcome) {
  const std::string what = "action '" + action.name + "'";
  std::lock_guard lock(call.mutex);
  if (outcome.status != AH_OK || !outcome.failure.empty() || call.error) {
    ah_status status = outcome.status != AH_OK ? outcome.status : AH_ERR_TOOL;
    bool quiet = outcome.failure.empty() && !call.error;
    std::string message = failure_message(call, outcome, what);
    if (quiet && status == AH_ERR_CANCELLED)
      message = what + " was cancelled";
    else if (quiet && status == AH_ERR_TIMEOUT)
      message = what + " timed out";
    return tool_error(status, message, call.content);
  }
  if (call.structured_set && !call.structured)
    return tool_error(AH_ERR_INTERNAL, what +
                                           " set structured content that is not a JSON object (" +
                                           call.structured_problem + ")");
  if (action.output_validator) {
    if (!call.structured)
      return tool_error(AH_ERR_INTERNAL,
                        what + " declares an output schema but returned no structured content");
    auto violations = action.output_validator->validate(Poco::Dynamic::Var(call.structured));
    if (!violations.empty())
      return tool_error(AH_ERR_INTERNAL,
                        what +
                            " returned structured content that does not match its output "
                            "schema:\n" +
                            schema::describe(violations));
  }
  ToolResult result;
  result.content = call.content;
  result.structured_content = call.structured;
  // MCP: a tool returning structured content should also return it as text for older clients.
  if (call.structured && call.content->size() == 0) {
    Poco::JSON::Object::Ptr text = new Poco::JSON::Object;
    text->set("type", "text");
    text->set("text", schema::to_json(call.structured));
    result.content->add(text);
  }
  return result;
}

} // namespace

ToolResult Action::call(const Poco::JSON::Object::Ptr& arguments,
                        const CallOptions& options) const {
  Poco::JSON::Object::Ptr args = arguments ? arguments : new Poco::JSON::Object;
  // The plugin is never called with arguments its schema rejects.
  auto violations = input_validator->validate(Poco::Dynamic::Var(args));
  if (!violations.empty())
    return tool_error(AH_ERR_INVALID_ARGUMENT, "invalid arguments for tool '" + name + "':\n" +
                                                   schema::describe(violations));

  PluginState& plugin = Access::state(*plugin_);
  PreparedCall prepared(plugin, ah_call::Kind::tool, name, options, timeout_ms);
  ah_call& call = prepared.call();
  if (call.is_cancelled())
    return tool_error(AH_ERR_CANCELLED, "action '" + name + "' was cancelled before it started");
  Invocation invocation;
  invocation.name = name;
  invocation.arguments_json = schema::to_json(args);
  invocation.request = options.request;
  invocation.deadline_ms = prepared.deadline_ms();
  const ah_invocation inv = invocation.abi();

  Outcome outcome = run_callback(plugin, "action '" + name + "'", [&] {
    std::unique_lock<std::mutex> one_at_a_time;
    if (serialized())
      one_at_a_time = std::unique_lock(Access::serial(*this));
    return invoke_(state_, &call, &inv);
  });
  return finish(*this, call, outcome);
}

} // namespace actionhost::plugins
