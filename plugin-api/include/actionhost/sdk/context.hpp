// ah::Context: what an action sees of its request and of the host (proxy, log, progress,
// cancellation, client requests, connection, settings). One per callback; do not keep it.
#pragma once

#include <actionhost/plugin.h>
#include <actionhost/sdk/client.hpp>
#include <actionhost/sdk/http.hpp>

#include <chrono>

namespace ah {

enum class LogLevel : ah_log_level {
  debug = AH_LOG_DEBUG,
  info = AH_LOG_INFO,
  notice = AH_LOG_NOTICE,
  warning = AH_LOG_WARNING,
  error = AH_LOG_ERROR,
  critical = AH_LOG_CRITICAL,
  alert = AH_LOG_ALERT,
  emergency = AH_LOG_EMERGENCY,
};

// Who the request is for. Views are valid for the callback; metadata is non-secret.
struct Connection {
  std::string_view integration_key;
  std::string_view connection_id; // empty when the integration needs no connection
  std::string_view end_user_id;
  JsonObject metadata;
};

// What changed, for notify(): one resource, or a whole list.
enum class Change : ah_notify_kind {
  resource_updated = AH_NOTIFY_RESOURCE_UPDATED,
  tools = AH_NOTIFY_TOOLS_CHANGED,
  resources = AH_NOTIFY_RESOURCES_CHANGED,
  prompts = AH_NOTIFY_PROMPTS_CHANGED,
};

namespace detail {
// True when a struct the host filled is large enough to hold `field` (structs grow at the end).
template <class S, class F> bool has_field(const S& s, const F S::*field) {
  auto offset = reinterpret_cast<const char*>(&(s.*field)) - reinterpret_cast<const char*>(&s);
  return s.struct_size >= static_cast<std::size_t>(offset) + sizeof(F);
}

inline void notify(const ah_host_api* host, ah_call* call, Change what, std::string_view uri) {
  if (has_field(*host, &ah_host_api::notify) && host->notify)
    host->notify(host, call, static_cast<ah_notify_kind>(what), view(uri));
}
} // namespace detail

// Client questions (elicit, sample, client_request) come from ClientRequests, see client.hpp.
class Context : public ClientRequests {
public:
  Context(const ah_host_api* host, ah_call* call, const ah_invocation* inv)
      : ClientRequests(host, call), inv_(inv) {}

  Http proxy() const { return Http(host_, call_); }

  void log(LogLevel level, std::string_view message) const {
    host_->log(host_, call_, static_cast<ah_log_level>(level), view(message));
  }

  // Reports progress (total < 0: unknown). Throws ah::Cancelled once the call is cancelled, so
  // a loop that reports progress stops by itself.
  void progress(double done, double total = -1, std::string_view message = {}) const {
    if (host_->progress(call_, done, total, view(message)) == AH_ERR_CANCELLED)
      throw Cancelled();
  }
  bool cancelled() const { return host_->is_cancelled(call_) != 0; }
  void throw_if_cancelled() const {
    if (cancelled())
      throw Cancelled();
  }

  // Tells subscribed clients that a resource (uri) or a list changed.
  void notify(Change what, std::string_view uri = {}) const {
    detail::notify(host_, call_, what, uri);
  }

  Connection connection() const {
    return {view(inv_->integration_key), view(inv_->connection_id), view(inv_->end_user_id),
            json::parse_object(view(inv_->connection_metadata_json))};
  }
  // The integration's `settings:` from integrations.yaml.
  JsonObject settings() const { return json::parse_object(view(inv_->settings_json)); }
  // The MCP request's _meta object.
  JsonObject request_meta() const { return json::parse_object(view(inv_->request_meta_json)); }
  // The MCP client's capabilities object (empty when unknown), and a shortcut for one of them:
  // client_supports("elicitation"), client_supports("sampling").
  JsonObject client_capabilities() const {
    if (!detail::has_field(*inv_, &ah_invocation::client_capabilities_json))
      return json::object();
    return json::parse_object(view(inv_->client_capabilities_json));
  }
  bool client_supports(const std::string& capability) const {
    return client_capabilities()->has(capability);
  }
  std::string_view execution_id() const { return view(inv_->execution_id); }
  // The action, prompt or resource template being served, and for resources the URI read.
  std::string_view name() const { return view(inv_->name); }
  std::string_view uri() const { return view(inv_->uri); }
  std::string_view arguments_json() const { return view(inv_->arguments_json); }
  // Time the host allows for the whole call; zero when there is no deadline.
  std::chrono::milliseconds deadline() const {
    return std::chrono::milliseconds(inv_->deadline_ms);
  }

  // The raw ABI, for what this class does not wrap.
  const ah_host_api& host() const { return *host_; }
  ah_call* call() const { return call_; }
  const ah_invocation& invocation() const { return *inv_; }

private:
  const ah_invocation* inv_;
};

} // namespace ah
