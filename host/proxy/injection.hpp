// Credential injection: what the auth mode adds to a request, and which of the plugin's own
// headers survive next to it.
#pragma once

#include "credentials.hpp"
#include "redaction.hpp"
#include "target.hpp"

#include <config.hpp>

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace actionhost::proxy::detail {

struct Injection {
  Pairs headers; // sent as given; they replace any plugin header of the same name
  Pairs query;   // decoded; replace plugin parameters of the same name
  std::vector<std::string> query_names;
  Secrets secrets; // every value that must not leave the proxy
};

// The value of a runtime placeholder: apiKey, username, password, accessToken, or
// connection.<field> from `metadata`. Throws ProxyError when the connection lacks it.
std::string placeholder_value(const std::string& name, const Credentials& credentials,
                              const Poco::JSON::Object::Ptr& metadata);

// OAUTH2 and BEARER: "Authorization: Bearer <token>"; BASIC: "Authorization: Basic ..." unless
// auth.headers/auth.query say otherwise; API_KEY: auth.headers and auth.query rendered.
Injection build_injection(const config::AuthConfig& auth, const Credentials& credentials,
                          const Poco::JSON::Object::Ptr& metadata);

// The plugin's headers minus those it may not set: any injected name (case-insensitively),
// Authorization, Proxy-Authorization and Cookie always, and the hop-by-hop and framing headers
// the proxy owns (Host, Content-Length, Transfer-Encoding, Connection, Accept-Encoding, ...).
Pairs allowed_plugin_headers(const Pairs& plugin_headers, const Injection& injection);

// Parses connection metadata JSON; anything but an object reads as {}.
Poco::JSON::Object::Ptr parse_metadata(const std::string& json);

} // namespace actionhost::proxy::detail
