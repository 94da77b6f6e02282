// prompts/get: checks the arguments the prompt declares, then collects its messages.
#include "call_runner.hpp"

#include "schema.hpp"

namespace actionhost::plugins {

using namespace detail;

PromptResult Plugin::get_prompt(const std::string& name, const Poco::JSON::Object::Ptr& arguments,
                                const CallOptions& options) const {
  PluginState& plugin = *state_;
  PromptResult result;
  const Prompt* prompt = nullptr;
  for (const Prompt& p : plugin.prompts)
    if (p.name == name)
      prompt = &p;
  if (prompt == nullptr) {
    result.status = AH_ERR_NOT_FOUND;
    result.error = "plugin '" + plugin.id + "' has no prompt '" + name + "'";
    return result;
  }
  Poco::JSON::Object::Ptr args = arguments ? arguments : new Poco::JSON::Object;
  for (const PromptArgument& declared : prompt->arguments) {
    if (declared.required && !args->has(declared.name)) {
      result.status = AH_ERR_INVALID_ARGUMENT;
      result.error = "prompt '" + name + "' needs the argument '" + declared.name + "'";
      return result;
    }
  }
  for (const auto& [key, value] : *args) {
    if (!value.isString()) {
      result.status = AH_ERR_INVALID_ARGUMENT;
      result.error = "prompt '" + name + "': argument '" + key + "' must be a string";
      return result;
    }
  }

  PreparedCall prepared(plugin, ah_call::Kind::prompt, name, options, 0);
  ah_call& call = prepared.call();
  Invocation invocation;
  invocation.name = name;
  invocation.arguments_json = schema::to_json(args);
  invocation.request = options.request;
  invocation.deadline_ms = prepared.deadline_ms();
  const ah_invocation inv = invocation.abi();
  const std::string what = "prompt '" + name + "'";
  Outcome outcome = run_callback(
      plugin, what, [&] { return Access::get(*prompt)(Access::state(*prompt), &call, &inv); });

  std::lock_guard lock(call.mutex);
  if (outcome.status != AH_OK || !outcome.failure.empty() || call.error) {
    result.status = outcome.status != AH_OK ? outcome.status : AH_ERR_INTERNAL;
    result.error = failure_message(call, outcome, what);
    return result;
  }
  result.description = prompt->description;
  result.messages = call.messages;
  return result;
}

} // namespace actionhost::plugins
