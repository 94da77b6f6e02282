// Internal: one reader per section of integrations.yaml. Each reports its problems through the
// Context and returns what it could read; load() throws when anything was reported.
#pragma once

#include "reader.hpp"

namespace actionhost::config::detail {

ServerConfig read_server(const Context& ctx, const Field& field);
Integration read_integration(const Context& ctx, const Section::Entry& entry);
AuthConfig read_auth(const Context& ctx, const Field& field);
ProxyConfig read_proxy(const Context& ctx, const Field& field, AuthMode mode);
RetryConfig read_retry(const Context& ctx, const Field& field);
PaginationConfig read_pagination(const Context& ctx, const Field& field);
std::string read_settings_json(const Context& ctx, const Field& field);

} // namespace actionhost::config::detail
