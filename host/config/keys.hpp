// Internal: the keys each section accepts, in one place, so that a key written in the wrong
// section (usually a wrong indentation) can be told where it belongs.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace actionhost::config::detail {

inline const std::vector<std::string> kTopKeys = {"server", "integrations"};
inline const std::vector<std::string> kServerKeys = {"listen",
                                                     "plugin_dir",
                                                     "allowed_origins",
                                                     "max_body_bytes",
                                                     "session_idle_timeout",
                                                     "max_connections",
                                                     "execution_retention",
                                                     "execution_log"};
inline const std::vector<std::string> kIntegrationKeys = {
    "plugin", "sha256", "title",   "description", "instructions", "access",
    "auth",   "proxy",  "actions", "staged",      "redact",       "settings"};
inline const std::vector<std::string> kOAuth2Keys = {
    "authorization_url", "token_url",     "scopes",         "scope_separator",
    "client_id",         "client_secret", "refresh_margin", "authorization_params",
    "token_params"};
inline const std::vector<std::string> kInjectionKeys = {"headers", "query"};
inline const std::vector<std::string> kProxyKeys = {
    "base_url", "allowed_hosts", "timeout", "max_response_bytes", "ca_file", "retry", "pagination"};
inline const std::vector<std::string> kRetryKeys = {
    "max_attempts",    "on_status",   "retry_non_idempotent",
    "backoff_initial", "backoff_max", "rate_limit_reset_headers"};
inline const std::vector<std::string> kPaginationKeys = {"style",     "cursor_param", "cursor_path",
                                                         "link_path", "offset_param", "limit_param",
                                                         "limit",     "results_path"};

// "proxy.retry:" for "backoff_max", "integrations.<key>:" for "plugin"; nullopt if unknown.
std::optional<std::string> section_of(const std::string& key);

} // namespace actionhost::config::detail
