// Rendering the auth mode's headers and query parameters for one connection.
#include "injection.hpp"

#include "error.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <sstream>

namespace actionhost::proxy::detail {

Poco::JSON::Object::Ptr parse_metadata(const std::string& json) {
  try {
    auto parsed = Poco::JSON::Parser().parse(json.empty() ? "{}" : json);
    if (auto object = parsed.extract<Poco::JSON::Object::Ptr>())
      return object;
  } catch (const std::exception&) {
  }
  return new Poco::JSON::Object;
}

std::string placeholder_value(const std::string& name, const Credentials& credentials,
                              const Poco::JSON::Object::Ptr& metadata) {
  auto required = [&](const std::string& value, const char* what) {
    if (value.empty())
      throw ProxyError(AH_ERR_PERMISSION,
                       std::string("the connection has no ") + what + "; reconnect it");
    return value;
  };
  if (name == "apiKey")
    return required(credentials.api_key, "API key");
  if (name == "username")
    return credentials.username;
  if (name == "password")
    return credentials.password;
  if (name == "accessToken")
    return required(credentials.access_token, "access token");
  if (name.rfind("connection.", 0) == 0) {
    std::string field = name.substr(11);
    if (!metadata || !metadata->has(field) || metadata->isNull(field))
      throw ProxyError(AH_ERR_UNAVAILABLE, "the connection's metadata has no '" + field +
                                               "' (needed by ${" + name + "})");
    return metadata->get(field).toString();
  }
  throw ProxyError(AH_ERR_INTERNAL, "unknown placeholder ${" + name + "}");
}

namespace {

std::string base64(const std::string& text) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << text;
  encoder.close();
  return out.str();
}

bool mentions_credentials(const config::Template& t) {
  return std::any_of(t.parts.begin(), t.parts.end(), [](const config::Template::Part& p) {
    return p.placeholder && p.text.rfind("connection.", 0) != 0;
  });
}

} // namespace

Injection build_injection(const config::AuthConfig& auth, const Credentials& credentials,
                          const Poco::JSON::Object::Ptr& metadata) {
  Injection out;
  using config::AuthMode;
  if (auth.mode == AuthMode::None)
    return out;
  for (const std::string* secret : {&credentials.api_key, &credentials.password,
                                    &credentials.access_token, &credentials.refresh_token})
    out.secrets.add(*secret);
  auto value = [&](const std::string& name) {
    return placeholder_value(name, credentials, metadata);
  };
  for (const auto& [name, t] : auth.headers) {
    std::string rendered = t.render(value);
    if (mentions_credentials(t))
      out.secrets.add(rendered);
    out.headers.emplace_back(name, rendered);
  }
  for (const auto& [name, t] : auth.query) {
    std::string rendered = t.render(value);
    if (mentions_credentials(t))
      out.secrets.add(rendered);
    out.query.emplace_back(name, rendered);
    out.query_names.push_back(name);
  }
  if (!auth.headers.empty() || !auth.query.empty())
    return out;
  if (auth.mode == AuthMode::OAuth2 || auth.mode == AuthMode::Bearer) {
    out.headers.emplace_back("Authorization", "Bearer " + value("accessToken"));
  } else if (auth.mode == AuthMode::Basic) {
    std::string encoded = base64(credentials.username + ":" + credentials.password);
    out.secrets.add(encoded);
    out.headers.emplace_back("Authorization", "Basic " + encoded);
  }
  return out;
}

Pairs allowed_plugin_headers(const Pairs& plugin_headers, const Injection& injection) {
  static const char* const reserved[] = {"authorization",
                                         "proxy-authorization",
                                         "cookie",
                                         "host",
                                         "content-length",
                                         "transfer-encoding",
                                         "connection",
                                         "keep-alive",
                                         "te",
                                         "trailer",
                                         "upgrade",
                                         "accept-encoding",
                                         "expect",
                                         "proxy-connection"};
  Pairs kept;
  for (const auto& [name, value] : plugin_headers) {
    std::string n = lower(name);
    bool drop = std::any_of(std::begin(reserved), std::end(reserved),
                            [&](const char* r) { return n == r; }) ||
                std::any_of(injection.headers.begin(), injection.headers.end(),
                            [&](const auto& h) { return lower(h.first) == n; });
    // A CR or LF would let a header smuggle further headers (or a second request) in.
    drop = drop || name.empty() || name.find_first_of("\r\n:") != std::string::npos ||
           value.find_first_of("\r\n") != std::string::npos;
    if (!drop)
      kept.emplace_back(name, value);
  }
  return kept;
}

} // namespace actionhost::proxy::detail
