// completion/complete for an argument of a prompt or a resource template variable.
#include "call_runner.hpp"

#include "schema.hpp"

namespace actionhost::plugins {

using namespace detail;

CompletionResult Plugin::complete(CompletionRef kind, const std::string& ref,
                                  const std::string& argument, const std::string& value,
                                  const Poco::JSON::Object::Ptr& context,
                                  const CallOptions& options) const {
  PluginState& plugin = *state_;
  CompletionResult result;
  ah_complete_fn complete = nullptr;
  void* state = nullptr;
  std::string name;
  if (kind == CompletionRef::prompt) {
    for (const Prompt& p : plugin.prompts)
      if (p.name == ref)
        std::tie(complete, state, name) = std::tuple(Access::complete(p), Access::state(p), p.name);
  } else {
    for (const ResourceTemplate& t : plugin.resource_templates)
      if (t.uri_template == ref)
        std::tie(complete, state, name) = std::tuple(Access::complete(t), Access::state(t), t.name);
  }
  if (name.empty()) {
    result.status = AH_ERR_NOT_FOUND;
    result.error = "plugin '" + plugin.id + "' has no " +
                   (kind == CompletionRef::prompt ? "prompt" : "resource template") + " '" + ref +
                   "'";
    return result;
  }
  if (complete == nullptr)
    return result; // nothing to offer is a valid, empty answer

  PreparedCall prepared(plugin, ah_call::Kind::completion, name, options, 0);
  ah_call& call = prepared.call();
  Invocation invocation;
  invocation.name = name;
  invocation.arguments_json = context ? schema::to_json(context) : "{}";
  invocation.request = options.request;
  invocation.deadline_ms = prepared.deadline_ms();
  const ah_invocation inv = invocation.abi();
  const std::string what = "completion of '" + argument + "' for '" + ref + "'";
  Outcome outcome = run_callback(
      plugin, what, [&] { return complete(state, &call, &inv, view(argument), view(value)); });

  std::lock_guard lock(call.mutex);
  if (outcome.status != AH_OK || !outcome.failure.empty() || call.error) {
    result.status = outcome.status != AH_OK ? outcome.status : AH_ERR_INTERNAL;
    result.error = failure_message(call, outcome, what);
    return result;
  }
  result.values = call.completions;
  result.total = call.completion_total;
  result.has_more = call.completion_total > call.completions.size();
  return result;
}

} // namespace actionhost::plugins
