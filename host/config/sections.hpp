// Internal: one reader per section of integrations.yaml. Each reports its problems through the
// Context and returns what it could read; load() throws when anything was reported.
#pragma once

#include "reader.hpp"

namespace actionhost::config::detail {

ServerConfig read_server(const Context& ctx, const Field& field);
Integration read_integration(const Context& ctx, const Section::Entry& entry);
// Nullopt when the mode is missing or unknown, so later checks do not pile up on that mistake.
std::optional<AuthConfig> read_auth(const Context& ctx, const Field& field);
// `mode` is nullopt when auth: was wrong; placeholders are then not checked against it.
ProxyConfig read_proxy(const Context& ctx, const Field& field, std::optional<AuthMode> mode);
RetryConfig read_retry(const Context& ctx, const Field& field);
PaginationConfig read_pagination(const Context& ctx, const Field& field);
std::string read_settings_json(const Context& ctx, const Field& field);

} // namespace actionhost::config::detail
