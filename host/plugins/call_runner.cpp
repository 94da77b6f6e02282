#include "call_runner.hpp"

#include <typeinfo>

namespace actionhost::plugins::detail {

ah_invocation Invocation::abi() const {
  ah_invocation inv;
  AH_INIT(inv);
  inv.name = view(name);
  inv.arguments_json = view(arguments_json);
  inv.uri = view(uri);
  inv.integration_key = view(request.integration_key);
  inv.connection_id = view(request.connection_id);
  inv.end_user_id = view(request.end_user_id);
  inv.connection_metadata_json = view(request.connection_metadata_json);
  inv.settings_json = view(request.settings_json);
  inv.request_meta_json = view(request.request_meta_json);
  inv.execution_id = view(request.execution_id);
  inv.deadline_ms = deadline_ms;
  inv.client_capabilities_json = view(request.client_capabilities_json);
  return inv;
}

PreparedCall::PreparedCall(const PluginState& plugin, ah_call::Kind kind, std::string name,
                           const CallOptions& options, uint32_t timeout_ms)
    : defaults_(plugin.id, plugin.log) {
  call_.kind = kind;
  call_.plugin = &plugin;
  call_.name = std::move(name);
  call_.services = options.services ? options.services : &defaults_;
  call_.cancel = options.cancel;
  if (options.cancel)
    call_.deadline = options.cancel->deadline();
  if (timeout_ms > 0) {
    auto own = ah_call::Clock::now() + std::chrono::milliseconds(timeout_ms);
    if (!call_.deadline || own < *call_.deadline)
      call_.deadline = own;
  }
}

uint32_t PreparedCall::deadline_ms() const {
  if (!call_.deadline)
    return 0;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*call_.deadline -
                                                                    ah_call::Clock::now());
  return static_cast<uint32_t>(std::max<int64_t>(1, left.count()));
}

Outcome run_callback(PluginState& plugin, const std::string& what,
                     const std::function<ah_status()>& callback) {
  {
    std::lock_guard lock(plugin.mutex);
    if (plugin.closed)
      return {AH_ERR_UNAVAILABLE, "plugin '" + plugin.id + "' is shut down"};
    ++plugin.in_flight;
  }
  Outcome outcome;
  {
    CurrentPlugin current(&plugin);
    // The ABI forbids exceptions across it; a C++ plugin that lets one escape anyway must not
    // take the host down with it.
    try {
      outcome.status = callback();
    } catch (const std::exception& e) {
      outcome = {AH_ERR_INTERNAL, what + " of plugin '" + plugin.id +
                                      "' let a C++ exception escape (" + e.what() +
                                      "); plugin callbacks must catch everything"};
    } catch (...) {
      outcome = {AH_ERR_INTERNAL, what + " of plugin '" + plugin.id +
                                      "' let a C++ exception escape; plugin callbacks must "
                                      "catch everything"};
    }
  }
  {
    std::lock_guard lock(plugin.mutex);
    if (--plugin.in_flight == 0)
      plugin.idle.notify_all();
  }
  return outcome;
}

std::string failure_message(const ah_call& call, const Outcome& outcome, const std::string& what) {
  if (!outcome.failure.empty())
    return outcome.failure;
  if (call.error && !call.error->empty())
    return *call.error;
  return what + " failed with status " + std::to_string(outcome.status) + " (" +
         status_name(outcome.status) + ") without an error message";
}

} // namespace actionhost::plugins::detail
