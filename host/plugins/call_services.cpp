// The default outside world of a call (no proxy, no client features) and the log plumbing.
#include "internal.hpp"

#include <iostream>

namespace actionhost::plugins {

namespace {
const char* level_name(ah_log_level level) {
  static const char* const names[] = {"debug", "info",     "notice", "warning",
                                      "error", "critical", "alert",  "emergency"};
  return level >= 0 && level <= 7 ? names[level] : "log";
}
} // namespace

LogSink stderr_log_sink(ah_log_level min_level) {
  return [min_level](ah_log_level level, const std::string& plugin_id, const std::string& text) {
    if (level < min_level)
      return;
    std::string who = plugin_id.empty() ? "a plugin" : "plugin '" + plugin_id + "'";
    std::cerr << "actionhost: " << who << ": " << level_name(level) << ": " << text << std::endl;
  };
}

DefaultCallServices::DefaultCallServices(std::string plugin_id, LogSink log)
    : plugin_id_(std::move(plugin_id)), log_(log ? std::move(log) : stderr_log_sink()) {}

ah_status DefaultCallServices::http_request(const HttpRequest&, HttpResponse& response) {
  response.error = "no proxy is configured for this call";
  return AH_ERR_UNAVAILABLE;
}

ah_status DefaultCallServices::client_request(const ClientRequest& request, ClientReply& reply) {
  reply.error =
      "no MCP client is attached to this call, so '" + request.method + "' is unsupported";
  return AH_ERR_UNSUPPORTED;
}

void DefaultCallServices::progress(double, std::optional<double>, const std::string&) {}

void DefaultCallServices::log(ah_log_level level, const std::string& text) {
  log_(level, plugin_id_, text);
}

void CancelToken::cancel() noexcept {
  cancelled_ = true;
}

void CancelToken::set_deadline(Clock::time_point deadline) noexcept {
  auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline.time_since_epoch());
  deadline_ns_ = std::max<int64_t>(1, ns.count());
}

std::optional<CancelToken::Clock::time_point> CancelToken::deadline() const noexcept {
  int64_t ns = deadline_ns_;
  if (ns == 0)
    return std::nullopt;
  return Clock::time_point(
      std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(ns)));
}

bool CancelToken::cancelled() const noexcept {
  if (cancelled_)
    return true;
  auto limit = deadline();
  return limit && Clock::now() >= *limit;
}

namespace detail {

namespace {
thread_local const PluginState* current_plugin = nullptr;
}

CurrentPlugin::CurrentPlugin(const PluginState* state) : previous_(current_plugin) {
  current_plugin = state;
}
CurrentPlugin::~CurrentPlugin() {
  current_plugin = previous_;
}
const PluginState* CurrentPlugin::get() {
  return current_plugin;
}

void PluginState::notify_change(ah_notify_kind kind, const std::string& uri) const {
  if (notify)
    notify(id, kind, uri);
  else
    log_line(AH_LOG_DEBUG, "notify kind " + std::to_string(kind) + (uri.empty() ? "" : " " + uri) +
                               " (no one listens for changes)");
}

void PluginState::log_line(ah_log_level level, const std::string& text) const {
  if (log)
    log(level, id, text);
  else
    stderr_log_sink()(level, id, text);
}

} // namespace detail
} // namespace actionhost::plugins
