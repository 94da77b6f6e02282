// The steps every request into a plugin shares (tools, resources, prompts, completions): set up
// the ah_call and ah_invocation, count the call as in flight, and keep exceptions on the plugin's
// side of the boundary.
#pragma once

#include "internal.hpp"

namespace actionhost::plugins::detail {

// Owns the strings an ah_invocation points at, for as long as the callback runs.
struct Invocation {
  std::string name;
  std::string arguments_json = "{}";
  std::string uri;
  RequestInfo request;
  uint32_t deadline_ms = 0;

  ah_invocation abi() const;
};

// An ah_call ready to hand to the plugin: services (the caller's, or defaults that live here),
// cancellation, and a deadline from the caller's token and the callback's own timeout.
class PreparedCall {
public:
  PreparedCall(const PluginState& plugin, ah_call::Kind kind, std::string name,
               const CallOptions& options, uint32_t timeout_ms);
  ah_call& call() { return call_; }
  // Milliseconds left until the deadline (at least 1), or 0 for none, for ah_invocation.
  uint32_t deadline_ms() const;

private:
  DefaultCallServices defaults_;
  ah_call call_;
};

// What running one callback came to.
struct Outcome {
  ah_status status = AH_OK;
  std::string failure; // non-empty: the host could not run it or it threw; the status says how
};

// Runs `callback` unless the plugin is shut down; `what` names it in messages ("action 'x'").
Outcome run_callback(PluginState& plugin, const std::string& what,
                     const std::function<ah_status()>& callback);

// The message for a failed callback: what the plugin set, or a sentence naming the status.
std::string failure_message(const ah_call& call, const Outcome& outcome, const std::string& what);

} // namespace actionhost::plugins::detail
