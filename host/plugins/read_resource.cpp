// resources/read: a fixed resource by URI, else the first resource template that matches.
#include "call_runner.hpp"

#include "schema.hpp"

namespace actionhost::plugins {

using namespace detail;

namespace {

ResourceResult read_with(PluginState& plugin, ah_handler_fn read, void* state,
                         const std::string& name, const std::string& uri,
                         const std::string& arguments_json, const CallOptions& options) {
  PreparedCall prepared(plugin, ah_call::Kind::resource, name, options, 0);
  ah_call& call = prepared.call();
  Invocation invocation;
  invocation.name = name;
  invocation.uri = uri;
  invocation.arguments_json = arguments_json;
  invocation.request = options.request;
  invocation.deadline_ms = prepared.deadline_ms();
  const ah_invocation inv = invocation.abi();
  const std::string what = "resource '" + uri + "'";
  Outcome outcome = run_callback(plugin, what, [&] { return read(state, &call, &inv); });

  ResourceResult result;
  std::lock_guard lock(call.mutex);
  if (outcome.status != AH_OK || !outcome.failure.empty() || call.error) {
    result.status = outcome.status != AH_OK ? outcome.status : AH_ERR_INTERNAL;
    result.error = failure_message(call, outcome, what);
    return result;
  }
  result.contents = call.content;
  return result;
}

} // namespace

ResourceResult Plugin::read_resource(const std::string& uri, const CallOptions& options) const {
  PluginState& plugin = *state_;
  for (const Resource& r : plugin.resources)
    if (r.uri == uri)
      return read_with(plugin, Access::read(r), Access::state(r), r.name, uri, "{}", options);
  for (const ResourceTemplate& t : plugin.resource_templates)
    if (auto variables = t.match(uri))
      return read_with(plugin, Access::read(t), Access::state(t), t.name, uri,
                       schema::to_json(*variables), options);
  ResourceResult result;
  result.status = AH_ERR_NOT_FOUND;
  result.error =
      "plugin '" + plugin.id + "' has no resource or resource template for '" + uri + "'";
  return result;
}

} // namespace actionhost::plugins
