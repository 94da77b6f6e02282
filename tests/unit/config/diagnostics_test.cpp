// One test per kind of mistake, each with the exact message a user sees: file:line:column,
// which integration, which field, and what was expected.
#include "load_helpers.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::config;
using namespace actionhost::config::testing;

TEST_CASE("invalid YAML reports yaml-cpp's message and position") {
  CHECK(errors("integrations:\n"
               "  slack: [plugin\n") ==
        Lines{"integrations.yaml:3:1: end of sequence flow not found"});
}

TEST_CASE("an empty file is refused") {
  CHECK(errors("# nothing yet\n") ==
        Lines{"integrations.yaml: the file is empty (expected an integrations: map)"});
}

TEST_CASE("the integrations map is required") {
  CHECK(errors("server: { listen: 127.0.0.1:8080 }\n") ==
        Lines{"integrations.yaml:1:1: missing 'integrations' (a map from provider-config-key "
              "to integration)"});
}

TEST_CASE("an unknown key suggests the close match") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    titel: Slack\n") ==
        Lines{"integrations.yaml:4:5: integration 'slack': unknown key 'titel' (did you mean "
              "'title'?)"});
}

TEST_CASE("an unknown key with no close match lists the keys allowed there") {
  CHECK(errors("server:\n"
               "  port: 8080\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:2:3: server: unknown key 'port' (expected listen, plugin_dir, "
              "allowed_origins, max_body_bytes, session_idle_timeout, max_connections, "
              "execution_retention, execution_log)"});
}

TEST_CASE("a key of another section says where it belongs, usually a wrong indentation") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    proxy:\n"
               "      base_url: https://slack.com/api\n"
               "    timeout: 30s\n") ==
        Lines{"integrations.yaml:6:5: integration 'slack': unknown key 'timeout' (it belongs "
              "under proxy:; check its indentation)"});
}

TEST_CASE("a misspelt top-level key") {
  CHECK(errors("integration: {}\n") ==
        Lines{"integrations.yaml:1:1: unknown key 'integration' (did you mean 'integrations'?)",
              "integrations.yaml:1:1: missing 'integrations' (a map from provider-config-key "
              "to integration)"});
}

TEST_CASE("a duplicate key is an error pointing at the second one") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    auth:\n"
               "      mode: NONE\n"
               "      mode: BEARER\n") ==
        Lines{"integrations.yaml:6:7: integration 'slack': auth: duplicate key 'mode' (first at "
              "line 5)"});
}

TEST_CASE("a duplicate integration is an error") {
  CHECK(errors("integrations:\n"
               "  slack: { plugin: slack }\n"
               "  slack: { plugin: slack2 }\n") ==
        Lines{"integrations.yaml:3:3: integrations: duplicate key 'slack' (first at line 2)"});
}

TEST_CASE("a list where a string belongs, and a string where a list belongs") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: [slack]\n"
               "    staged: beta\n") ==
        Lines{"integrations.yaml:3:13: integration 'slack': plugin: expected a string, got a "
              "list",
              "integrations.yaml:4:13: integration 'slack': staged: expected a list of action "
              "names, got 'beta'"});
}

TEST_CASE("a wrong item inside a list names its index") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    auth:\n"
               "      mode: OAUTH2\n"
               "      token_url: https://slack.com/api/oauth.v2.access\n"
               "      scopes: [chat:write, {a: b}]\n") ==
        Lines{"integrations.yaml:7:28: integration 'slack': auth.scopes[1]: expected a string, "
              "got a map"});
}

TEST_CASE("an integration must name its plugin") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    title: Slack\n") ==
        Lines{"integrations.yaml:2:3: integration 'slack': missing 'plugin' (the plugin's file "
              "name in plugin_dir, or an absolute path)"});
}

TEST_CASE("an integration must be a map") {
  CHECK(errors("integrations:\n"
               "  slack: slack.so\n") ==
        Lines{"integrations.yaml:2:10: integration 'slack': expected a map, got 'slack.so'"});
}

TEST_CASE("the provider-config-key is 1 to 64 letters, digits, '_', '.' or '-'") {
  CHECK(errors("integrations:\n"
               "  slack app:\n"
               "    plugin: slack\n") ==
        Lines{"integrations.yaml:2:3: invalid integration key 'slack app' (expected 1 to 64 "
              "letters, digits, '_', '.' or '-')"});
  CHECK(errors("integrations:\n"
               "  " +
               std::string(65, 'k') + ": { plugin: k }\n")
            .size() == 1);
}

TEST_CASE("an unknown auth mode lists the modes") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    auth:\n"
               "      mode: oauth\n") ==
        Lines{"integrations.yaml:5:13: integration 'slack': unknown auth mode 'oauth' (expected "
              "OAUTH2, API_KEY, BASIC, BEARER, NONE)"});
}

TEST_CASE("a wrong auth mode is reported once, not again for each placeholder") {
  CHECK(errors("integrations:\n"
               "  maps:\n"
               "    plugin: maps\n"
               "    auth: { mode: Api_Key }\n"
               "    proxy: { base_url: 'https://maps.example.com/${apiKey}' }\n") ==
        Lines{"integrations.yaml:4:19: integration 'maps': unknown auth mode 'Api_Key' (expected "
              "OAUTH2, API_KEY, BASIC, BEARER, NONE)"});
}

TEST_CASE("auth needs a mode") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    auth: { scopes: [a] }\n") ==
        Lines{"integrations.yaml:4:11: integration 'slack': auth: missing 'mode' (expected one "
              "of OAUTH2, API_KEY, BASIC, BEARER, NONE)"});
}

TEST_CASE("OAUTH2 needs a token_url") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    auth:\n"
               "      mode: OAUTH2\n") ==
        Lines{"integrations.yaml:5:7: integration 'slack': auth: missing 'token_url' (required "
              "with auth mode OAUTH2)"});
}

TEST_CASE("a client secret written in the file is refused") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    auth:\n"
               "      mode: OAUTH2\n"
               "      token_url: https://slack.com/api/oauth.v2.access\n"
               "      client_secret: hunter2\n") ==
        Lines{"integrations.yaml:7:22: integration 'slack': auth.client_secret: secrets do not "
              "belong in the file; write ${ENV_VAR} and set it in the environment"});
}

TEST_CASE("a key of another auth mode is an error, not silently ignored") {
  CHECK(errors("integrations:\n"
               "  github:\n"
               "    plugin: github\n"
               "    auth:\n"
               "      mode: BEARER\n"
               "      token_url: https://github.com/login/oauth/access_token\n"
               "      headers: { X-Key: '${accessToken}' }\n") ==
        Lines{"integrations.yaml:6:7: integration 'github': auth.token_url: only used with "
              "auth mode OAUTH2 (the mode is BEARER)",
              "integrations.yaml:7:7: integration 'github': auth.headers: only used with auth "
              "modes API_KEY and BASIC (the mode is BEARER)"});
}

TEST_CASE("API_KEY must say where the key goes") {
  CHECK(errors("integrations:\n"
               "  maps:\n"
               "    plugin: maps\n"
               "    auth: { mode: API_KEY }\n") ==
        Lines{"integrations.yaml:4:11: integration 'maps': auth: auth mode API_KEY needs headers "
              "or query to say where the key goes, e.g. headers: { X-Api-Key: \"${apiKey}\" }"});
  CHECK(errors("integrations:\n"
               "  maps:\n"
               "    plugin: maps\n"
               "    auth: { mode: API_KEY, headers: { X-Client: actionhost } }\n") ==
        Lines{"integrations.yaml:4:11: integration 'maps': auth: auth mode API_KEY: neither "
              "headers nor query uses ${apiKey}"});
}

TEST_CASE("header names must be HTTP tokens") {
  CHECK(errors("integrations:\n"
               "  maps:\n"
               "    plugin: maps\n"
               "    auth:\n"
               "      mode: API_KEY\n"
               "      headers: { 'X Api Key': '${apiKey}' }\n") ==
        Lines{"integrations.yaml:6:18: integration 'maps': auth.headers: 'X Api Key' is not a "
              "valid header name"});
}

TEST_CASE("URLs must be http or https") {
  CHECK(errors("integrations:\n"
               "  files:\n"
               "    plugin: files\n"
               "    proxy: { base_url: 'ftp://files.example.com' }\n") ==
        Lines{"integrations.yaml:4:24: integration 'files': proxy.base_url: expected an http:// "
              "or https:// URL, got 'ftp://files.example.com'"});
  CHECK(errors("integrations:\n"
               "  files:\n"
               "    plugin: files\n"
               "    auth: { mode: OAUTH2, token_url: 'https://exa mple.com:99999/token' }\n") ==
        Lines{"integrations.yaml:4:38: integration 'files': auth.token_url: not a valid URL "
              "(bad or invalid port number: 99999), got 'https://exa mple.com:99999/token'"});
  CHECK(errors("integrations:\n"
               "  files:\n"
               "    plugin: files\n"
               "    auth: { mode: OAUTH2, token_url: 'https://exa mple.com/token' }\n") ==
        Lines{"integrations.yaml:4:38: integration 'files': auth.token_url: 'exa mple.com' is "
              "not a host name, got 'https://exa mple.com/token'"});
}

TEST_CASE("a proxy needs a base_url") {
  CHECK(errors("integrations:\n"
               "  files:\n"
               "    plugin: files\n"
               "    proxy: { timeout: 5s }\n") ==
        Lines{"integrations.yaml:4:12: integration 'files': proxy: missing 'base_url' (the "
              "provider API's root, e.g. https://slack.com/api)"});
}

TEST_CASE("allowed_hosts are host names, not URLs") {
  CHECK(errors("integrations:\n"
               "  files:\n"
               "    plugin: files\n"
               "    proxy:\n"
               "      base_url: https://api.example.com\n"
               "      allowed_hosts: [cdn.example.com, 'https://files.example.com']\n") ==
        Lines{"integrations.yaml:6:40: integration 'files': proxy.allowed_hosts[1]: expected a "
              "host name such as files.slack.com or *.slack.com, got 'https://files.example.com'"});
}

TEST_CASE("durations need a unit") {
  CHECK(errors("integrations:\n"
               "  slow:\n"
               "    plugin: slow\n"
               "    proxy:\n"
               "      base_url: https://api.example.com\n"
               "      timeout: 30\n") ==
        Lines{"integrations.yaml:6:16: integration 'slow': proxy.timeout: expected a duration "
              "such as 500ms, 30s, 15m or 1h, got '30'"});
}

TEST_CASE("timeouts must be longer than zero") {
  CHECK(errors("server: { session_idle_timeout: 0s }\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:1:33: server.session_idle_timeout: expected a duration greater "
              "than zero, got '0s'"});
}

TEST_CASE("sizes are bytes, optionally with KiB, MiB or GiB") {
  CHECK(errors("server: { max_body_bytes: 4MB }\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:1:27: server.max_body_bytes: expected a size in bytes such as "
              "1048576 or 1MiB, got '4MB'"});
}

TEST_CASE("max_connections is an integer from 1 to 100000") {
  CHECK(errors("server: { max_connections: 0 }\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:1:28: server.max_connections: expected an integer from 1 to "
              "100000, got '0'"});
  CHECK(errors("server:\n"
               "  max_connections: 100001\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:2:20: server.max_connections: expected an integer from 1 to "
              "100000, got '100001'"});
  CHECK(errors("server: { max_connections: many }\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:1:28: server.max_connections: expected an integer from 1 to "
              "100000, got 'many'"});
}

TEST_CASE("execution_log is durable (the default) or buffered") {
  CHECK_FALSE(load("integrations: {}\n").server.execution_log_buffered);
  CHECK(load("server: { execution_log: buffered }\nintegrations: {}\n")
            .server.execution_log_buffered == true);
  CHECK(load("server: { execution_log: durable }\nintegrations: {}\n")
            .server.execution_log_buffered == false);
  CHECK(errors("server: { execution_log: async }\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:1:26: unknown execution log mode 'async' "
              "(expected durable, buffered)"});
}

TEST_CASE("listen is host:port") {
  CHECK(errors("server: { listen: 8080 }\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:1:19: server.listen: expected host:port such as "
              "127.0.0.1:8080 or [::1]:8080, got '8080'"});
}

TEST_CASE("allowed origins have no path") {
  CHECK(errors("server: { allowed_origins: ['http://localhost:6274/'] }\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:1:29: server.allowed_origins[0]: expected an origin such as "
              "http://localhost:6274 (no path), got 'http://localhost:6274/'"});
}

TEST_CASE("retry statuses are HTTP status codes") {
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    proxy:\n"
               "      base_url: https://api.example.com\n"
               "      retry: { on_status: [429, 600], max_attempts: 0 }\n") ==
        Lines{"integrations.yaml:6:33: integration 'api': proxy.retry.on_status[1]: expected an "
              "integer from 100 to 599, got '600'",
              "integrations.yaml:6:53: integration 'api': proxy.retry.max_attempts: expected an "
              "integer from 1 to 10, got '0'"});
}

TEST_CASE("backoff_max cannot be shorter than backoff_initial") {
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    proxy:\n"
               "      base_url: https://api.example.com\n"
               "      retry: { backoff_initial: 2s, backoff_max: 1s }\n") ==
        Lines{"integrations.yaml:6:50: integration 'api': proxy.retry.backoff_max: must not be "
              "shorter than backoff_initial"});
}

TEST_CASE("booleans are true or false") {
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    proxy:\n"
               "      base_url: https://api.example.com\n"
               "      retry: { retry_non_idempotent: sometimes }\n") ==
        Lines{"integrations.yaml:6:38: integration 'api': proxy.retry.retry_non_idempotent: "
              "expected true or false, got 'sometimes'"});
}

TEST_CASE("pagination styles and the keys each needs") {
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    proxy:\n"
               "      base_url: https://api.example.com\n"
               "      pagination: { style: page }\n") ==
        Lines{"integrations.yaml:6:28: integration 'api': unknown pagination style 'page' "
              "(expected cursor, link, offset)"});
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    proxy:\n"
               "      base_url: https://api.example.com\n"
               "      pagination: { style: offset, cursor_param: c }\n") ==
        Lines{"integrations.yaml:6:19: integration 'api': proxy.pagination: missing "
              "'offset_param' (required with style offset)",
              "integrations.yaml:6:36: integration 'api': proxy.pagination.cursor_param: only "
              "used with style cursor (the style is offset)"});
}

TEST_CASE("sha256 is 64 hexadecimal digits") {
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    sha256: abc123\n") ==
        Lines{"integrations.yaml:4:13: integration 'api': sha256: expected 64 hexadecimal "
              "digits, got 'abc123'"});
}

TEST_CASE("access is key or open") {
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    access: public\n") ==
        Lines{"integrations.yaml:4:13: integration 'api': unknown access 'public' (expected "
              "key, open)"});
}

TEST_CASE("actions is 'all' or a list of action names") {
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    actions: everything\n") ==
        Lines{"integrations.yaml:4:14: integration 'api': actions: expected 'all' or a list of "
              "action names, got 'everything'"});
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    actions: [list, 'send message', list]\n") ==
        Lines{"integrations.yaml:4:21: integration 'api': actions[1]: expected an action name "
              "(letters, digits, '_', '.', '-'), got 'send message'"});
  CHECK(errors("integrations:\n"
               "  api:\n"
               "    plugin: api\n"
               "    actions: [list, send, list]\n") ==
        Lines{"integrations.yaml:4:27: integration 'api': actions: 'list' is listed twice"});
}

TEST_CASE("an action cannot be both exposed and staged") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    actions: [post_message, beta_action]\n"
               "    staged: [beta_action]\n") ==
        Lines{"integrations.yaml:5:14: integration 'slack': 'beta_action' is listed in both "
              "actions and staged (staged actions are never exposed over MCP)"});
}

TEST_CASE("redact is a list of field names, each listed once whatever its case") {
  CHECK(errors("integrations:\n"
               "  crm:\n"
               "    plugin: crm\n"
               "    redact: email\n") ==
        Lines{"integrations.yaml:4:13: integration 'crm': redact: expected a list of field "
              "names, got 'email'"});
  CHECK(errors("integrations:\n"
               "  crm:\n"
               "    plugin: crm\n"
               "    redact: [email, '', phone number, {a: b}]\n") ==
        Lines{"integrations.yaml:4:21: integration 'crm': redact[1]: expected a non-empty string",
              "integrations.yaml:4:25: integration 'crm': redact[2]: expected a field name "
              "without spaces, got 'phone number'",
              "integrations.yaml:4:39: integration 'crm': redact[3]: expected a string, got a "
              "map"});
  CHECK(errors("integrations:\n"
               "  crm:\n"
               "    plugin: crm\n"
               "    redact: [email, phone, Email, phone]\n") ==
        Lines{"integrations.yaml:4:28: integration 'crm': redact: 'Email' is listed twice (as "
              "'email': field names are case-insensitive)",
              "integrations.yaml:4:35: integration 'crm': redact: 'phone' is listed twice"});
}

TEST_CASE("settings is a map") {
  CHECK(errors("integrations:\n"
               "  slack:\n"
               "    plugin: slack\n"
               "    settings: [team]\n") ==
        Lines{"integrations.yaml:4:15: integration 'slack': settings: expected a map, got a "
              "list"});
}

TEST_CASE("every problem of the file is reported in one pass") {
  std::string yaml = "server:\n"
                     "  listen: nowhere\n"
                     "integrations:\n"
                     "  slack:\n"
                     "    titel: Slack\n"
                     "    auth: { mode: oauth }\n"
                     "  github:\n"
                     "    plugin: github\n"
                     "    proxy: { base_url: 'https://api.github.com', timeout: soon }\n";
  Lines expected = {
      "integrations.yaml:2:11: server.listen: expected host:port such as 127.0.0.1:8080 or "
      "[::1]:8080, got 'nowhere'",
      "integrations.yaml:4:3: integration 'slack': missing 'plugin' (the plugin's file name in "
      "plugin_dir, or an absolute path)",
      "integrations.yaml:5:5: integration 'slack': unknown key 'titel' (did you mean 'title'?)",
      "integrations.yaml:6:19: integration 'slack': unknown auth mode 'oauth' (expected OAUTH2, "
      "API_KEY, BASIC, BEARER, NONE)",
      "integrations.yaml:9:59: integration 'github': proxy.timeout: expected a duration such as "
      "500ms, 30s, 15m or 1h, got 'soon'"};
  CHECK(errors(yaml) == expected);

  try {
    load(yaml);
    FAIL("expected a ConfigError");
  } catch (const ConfigError& error) {
    std::string joined;
    for (const auto& line : expected)
      joined += (joined.empty() ? "" : "\n") + line;
    CHECK(error.what() == joined);
  }
}

TEST_CASE("a file that cannot be read names the file") {
  try {
    load_file("/nonexistent/integrations.yaml");
    FAIL("expected a ConfigError");
  } catch (const ConfigError& error) {
    CHECK(std::string(error.what()) == "/nonexistent/integrations.yaml: cannot read the file");
  }
}

TEST_CASE("a file holds one YAML document") {
  CHECK(errors("integrations: {}\n"
               "---\n"
               "integrations: {}\n") ==
        Lines{"integrations.yaml:3:1: expected one YAML document, found 2"});
}
