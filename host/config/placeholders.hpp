// Internal: the ${...} syntax of scalar values.
//
//   ${NAME}              environment variable, expanded at load; an error when unset
//   ${NAME:-default}     ... or `default` when unset or empty (may itself contain ${...})
//   ${apiKey} ${username} ${password} ${accessToken} ${connection.<field>}
//                        runtime placeholders, kept for the proxy to fill per call
//   $${                  a literal "${"
#pragma once

#include "config.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actionhost::config::detail {

// Credential placeholders, and the auth mode that supplies each.
bool is_credential_placeholder(std::string_view name);
bool placeholder_available(std::string_view name, AuthMode mode);
// "${apiKey}, ${connection.<field>}": what a field may use with `mode`.
std::string available_placeholders(AuthMode mode);

struct Expansion {
  Template value;                  // literal text with runtime placeholders left in
  std::vector<std::string> errors; // e.g. "environment variable FOO is not set"
};

// Expands environment references in `text`; runtime placeholders stay as Template parts.
Expansion expand(std::string_view text, const EnvLookup& env);

} // namespace actionhost::config::detail
