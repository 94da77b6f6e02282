#include "keys.hpp"
#include "sections.hpp"

#include <cctype>

namespace actionhost::config::detail {

namespace {

const std::vector<std::string> kModeNames = {"OAUTH2", "API_KEY", "BASIC", "BEARER", "NONE"};
const std::vector<AuthMode> kModes = {AuthMode::OAuth2, AuthMode::ApiKey, AuthMode::Basic,
                                      AuthMode::Bearer, AuthMode::None};

bool is_header_name(const std::string& name) {
  // RFC 9110 token characters.
  static const std::string kSymbols = "!#$%&'*+-.^_`|~";
  if (name.empty())
    return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && kSymbols.find(c) == std::string::npos)
      return false;
  return true;
}

// headers: or query: as name -> template.
std::map<std::string, Template> read_injection(const Context& ctx, const Field& field,
                                               AuthMode mode, bool header_names) {
  std::map<std::string, Template> templates;
  Section section(ctx, field, std::nullopt);
  for (const auto& entry : section.entries()) {
    if (header_names && !is_header_name(entry.key)) {
      ctx.error(entry.key_mark, field.path + ": '" + entry.key + "' is not a valid header name");
      continue;
    }
    if (auto value = read_template(ctx, entry.field, mode))
      templates[entry.key] = *value;
  }
  return templates;
}

bool uses(const std::map<std::string, Template>& templates, const std::string& placeholder) {
  for (const auto& [name, value] : templates)
    for (const auto& part : value.parts)
      if (part.placeholder && part.text == placeholder)
        return true;
  return false;
}

// Client credentials come from the environment or, when unset or empty, from the database.
// A literal secret in the file is refused: the file gets committed and shared.
std::optional<std::string> read_client_credential(const Context& ctx, const Field& field,
                                                  bool secret) {
  if (secret && field.node.IsScalar() && field.node.Scalar().find("${") == std::string::npos) {
    field.error(ctx, "secrets do not belong in the file; write ${ENV_VAR} and set it in the "
                     "environment");
    return std::nullopt;
  }
  auto value = read_string(ctx, field);
  return value && !value->empty() ? value : std::nullopt;
}

OAuth2Config read_oauth2(const Context& ctx, const Section& section, const Field& field) {
  OAuth2Config oauth2;
  if (auto url = section.get("authorization_url"))
    oauth2.authorization_url = read_url(ctx, *url).value_or("");
  if (auto url = section.get("token_url"))
    oauth2.token_url = read_url(ctx, *url).value_or("");
  else
    field.error(ctx, "missing 'token_url' (required with auth mode OAUTH2)");
  if (auto scopes = section.get("scopes"))
    oauth2.scopes = read_string_list(ctx, *scopes).value_or(std::vector<std::string>{});
  if (auto separator = section.get("scope_separator"))
    oauth2.scope_separator = read_nonempty_string(ctx, *separator).value_or(" ");
  if (auto id = section.get("client_id"))
    oauth2.client_id = read_client_credential(ctx, *id, false);
  if (auto secret = section.get("client_secret"))
    oauth2.client_secret = read_client_credential(ctx, *secret, true);
  if (auto margin = section.get("refresh_margin"))
    oauth2.refresh_margin = read_duration(ctx, *margin, true).value_or(oauth2.refresh_margin);
  if (auto params = section.get("authorization_params"))
    oauth2.authorization_params =
        read_string_map(ctx, *params).value_or(oauth2.authorization_params);
  if (auto params = section.get("token_params"))
    oauth2.token_params = read_string_map(ctx, *params).value_or(oauth2.token_params);
  return oauth2;
}

} // namespace

std::optional<AuthConfig> read_auth(const Context& ctx, const Field& field) {
  AuthConfig auth;
  std::vector<std::string> known = {"mode"};
  known.insert(known.end(), kOAuth2Keys.begin(), kOAuth2Keys.end());
  known.insert(known.end(), kInjectionKeys.begin(), kInjectionKeys.end());
  Section section(ctx, field, known);
  if (!section.is_map())
    return std::nullopt;
  auto mode_field = section.get("mode");
  if (!mode_field) {
    field.error(ctx, "missing 'mode' (expected one of OAUTH2, API_KEY, BASIC, BEARER, NONE)");
    return std::nullopt;
  }
  auto name = read_choice(ctx, *mode_field, kModeNames, "auth mode");
  if (!name)
    return std::nullopt; // the other keys depend on the mode: checking them would only add noise
  auth.mode = kModes[std::find(kModeNames.begin(), kModeNames.end(), *name) - kModeNames.begin()];

  const std::string actual = "the mode is " + *name;
  for (const auto& key : kOAuth2Keys)
    reject_unless(ctx, section, key, auth.mode == AuthMode::OAuth2, "auth mode OAUTH2", actual);
  bool injects = auth.mode == AuthMode::ApiKey || auth.mode == AuthMode::Basic;
  for (const auto& key : kInjectionKeys)
    reject_unless(ctx, section, key, injects, "auth modes API_KEY and BASIC", actual);

  if (auth.mode == AuthMode::OAuth2)
    auth.oauth2 = read_oauth2(ctx, section, field);
  size_t problems_before = ctx.diagnostics->size();
  if (injects) {
    if (auto headers = section.get("headers"))
      auth.headers = read_injection(ctx, *headers, auth.mode, true);
    if (auto query = section.get("query"))
      auth.query = read_injection(ctx, *query, auth.mode, false);
  }
  if (auth.mode == AuthMode::ApiKey && !section.get("headers") && !section.get("query"))
    field.error(ctx, "auth mode API_KEY needs headers or query to say where the key goes, "
                     "e.g. headers: { X-Api-Key: \"${apiKey}\" }");
  else if (auth.mode == AuthMode::ApiKey && !uses(auth.headers, "apiKey") &&
           !uses(auth.query, "apiKey") && ctx.diagnostics->size() == problems_before)
    field.error(ctx, "auth mode API_KEY: neither headers nor query uses ${apiKey}");
  return auth;
}

} // namespace actionhost::config::detail
