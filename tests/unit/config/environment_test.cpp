// ${...} in values: environment variables are expanded at load, runtime placeholders are kept
// for the proxy, and mistakes in either are reported where they were written.
#include "load_helpers.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::config;
using namespace actionhost::config::testing;

namespace {
// An integration whose description is `value`, to see what a plain string becomes.
std::string description_yaml(const std::string& value) {
  return "integrations:\n"
         "  api:\n"
         "    plugin: api\n"
         "    description: " +
         value + "\n";
}

std::string description(const std::string& value, Env env = {}) {
  return load(description_yaml(value), std::move(env)).integrations.at(0).description;
}

// An API_KEY integration whose base_url is `value`, to see what a template becomes.
std::string base_url_yaml(const std::string& value) {
  return "integrations:\n"
         "  api:\n"
         "    plugin: api\n"
         "    auth: { mode: API_KEY, query: { key: '${apiKey}' } }\n"
         "    proxy:\n"
         "      base_url: " +
         value + "\n";
}

Template base_url(const std::string& value, Env env = {}) {
  return load(base_url_yaml(value), std::move(env)).integrations.at(0).proxy->base_url;
}
} // namespace

TEST_CASE("${NAME} is replaced by the environment variable") {
  CHECK(description("${GREETING}", {{"GREETING", "hello"}}) == "hello");
}

TEST_CASE("references can sit anywhere inside a string, several at a time") {
  CHECK(description("'${A}-and-${B}!'", {{"A", "one"}, {"B", "two"}}) == "one-and-two!");
}

TEST_CASE("${NAME:-default} uses the default when the variable is unset or empty") {
  CHECK(description("${REGION:-us-east}") == "us-east");
  CHECK(description("${REGION:-us-east}", {{"REGION", ""}}) == "us-east");
  CHECK(description("${REGION:-us-east}", {{"REGION", "eu"}}) == "eu");
  CHECK(description("'${REGION:-}'") == "");
}

TEST_CASE("a default may itself contain references") {
  CHECK(description("${A:-${B:-none}}", {{"B", "b"}}) == "b");
  CHECK(description("${A:-${B:-none}}") == "none");
}

TEST_CASE("a set but empty variable without a default expands to nothing") {
  CHECK(description("'[${EMPTY}]'", {{"EMPTY", ""}}) == "[]");
}

TEST_CASE("OAuth client credentials that expand to nothing come from the database instead") {
  std::string yaml = "integrations:\n"
                     "  slack:\n"
                     "    plugin: slack\n"
                     "    auth:\n"
                     "      mode: OAUTH2\n"
                     "      token_url: https://slack.com/api/oauth.v2.access\n"
                     "      client_id: ${SLACK_CLIENT_ID:-}\n"
                     "      client_secret: ${SLACK_CLIENT_SECRET:-}\n";
  Config without_env = load(yaml);
  const OAuth2Config& unset = *without_env.integrations.at(0).auth.oauth2;
  CHECK_FALSE(unset.client_id);
  CHECK_FALSE(unset.client_secret);
  Config with_env = load(yaml, {{"SLACK_CLIENT_ID", "id"}, {"SLACK_CLIENT_SECRET", "secret"}});
  const OAuth2Config& set = *with_env.integrations.at(0).auth.oauth2;
  CHECK(set.client_id == "id");
  CHECK(set.client_secret == "secret");
}

TEST_CASE("a missing variable without a default is an error naming it") {
  CHECK(errors(description_yaml("${GREETING}")) ==
        Lines{"integrations.yaml:4:18: integration 'api': description: environment variable "
              "GREETING is not set"});
}

TEST_CASE("$${ writes a literal ${") {
  CHECK(description("'$${literal} costs $5'") == "${literal} costs $5");
}

TEST_CASE("a variable's value is used as is, never expanded again") {
  CHECK(description("${TRICKY}", {{"TRICKY", "${HOME}"}}) == "${HOME}");
}

TEST_CASE("typed values are expanded before they are interpreted") {
  Config config = load("server:\n"
                       "  session_idle_timeout: ${IDLE:-45s}\n"
                       "  max_body_bytes: ${BODY}\n"
                       "  max_connections: ${CONNS:-2048}\n"
                       "integrations: {}\n",
                       {{"BODY", "1MiB"}});
  CHECK(config.server.session_idle_timeout == std::chrono::seconds(45));
  CHECK(config.server.max_body_bytes == 1024 * 1024);
  CHECK(config.server.max_connections == 2048);
}

TEST_CASE("runtime placeholders are kept for the proxy to fill at call time") {
  Template url = base_url("https://${connection.subdomain}.example.com/${API_VERSION}?k=${apiKey}",
                          {{"API_VERSION", "v2"}});
  CHECK(url.parts == std::vector<Template::Part>{{false, "https://"},
                                                 {true, "connection.subdomain"},
                                                 {false, ".example.com/v2?k="},
                                                 {true, "apiKey"}});
  CHECK(url.has_placeholders());
}

TEST_CASE("a literal ${ in a template stays literal, and text() writes it back escaped") {
  Template url = base_url("'https://api.example.com/$${raw}'");
  CHECK_FALSE(url.has_placeholders());
  CHECK(url.render([](const std::string&) { return "?"; }) == "https://api.example.com/${raw}");
  CHECK(url.text() == "https://api.example.com/$${raw}");
}

TEST_CASE("an environment default can supply runtime placeholders") {
  Template url = base_url("${BASE:-https://${connection.host}/api}");
  CHECK(url.text() == "https://${connection.host}/api");
}

TEST_CASE("a URL whose scheme comes from a placeholder is checked per call, not at load") {
  CHECK(base_url("${connection.base_url}").text() == "${connection.base_url}");
}

TEST_CASE("a misspelt lowercase placeholder is an error suggesting the right one") {
  CHECK(errors(base_url_yaml("https://x.test/${apikey}")) ==
        Lines{"integrations.yaml:6:17: integration 'api': proxy.base_url: unknown placeholder "
              "'${apikey}' (did you mean '${apiKey}'?)"});
  CHECK(errors(base_url_yaml("https://${conection.subdomain}.x.test")) ==
        Lines{"integrations.yaml:6:17: integration 'api': proxy.base_url: unknown placeholder "
              "'${conection.subdomain}' (did you mean '${connection.subdomain}'?)"});
}

TEST_CASE("a placeholder the auth mode does not supply is an error listing those it does") {
  CHECK(errors(base_url_yaml("https://x.test/${password}")) ==
        Lines{"integrations.yaml:6:17: integration 'api': proxy.base_url: '${password}' is not "
              "available with auth mode API_KEY (available: ${apiKey}, ${connection.<field>})"});
}

TEST_CASE("runtime placeholders are refused where nothing fills them") {
  CHECK(errors(description_yaml("'key ${apiKey}'")) ==
        Lines{"integrations.yaml:4:18: integration 'api': description: '${apiKey}' is filled in "
              "at call time and is only allowed in auth.headers, auth.query and proxy.base_url"});
}

TEST_CASE("malformed references") {
  CHECK(errors(description_yaml("'${UNCLOSED'")) ==
        Lines{"integrations.yaml:4:18: integration 'api': description: '${UNCLOSED' is missing "
              "its closing '}'"});
  CHECK(errors(description_yaml("'${}'")) ==
        Lines{"integrations.yaml:4:18: integration 'api': description: empty '${}' (write $${ "
              "for a literal '${')"});
  CHECK(errors(description_yaml("'${A:default}'")) ==
        Lines{"integrations.yaml:4:18: integration 'api': description: unsupported '${A:' "
              "(write ${A:-default})"});
  CHECK(errors(base_url_yaml("'${apiKey:-none}'")) ==
        Lines{"integrations.yaml:6:17: integration 'api': proxy.base_url: '${apiKey}' is filled "
              "in at call time and cannot have a default"});
  CHECK(errors(base_url_yaml("'https://${connection.}'")) ==
        Lines{"integrations.yaml:6:17: integration 'api': proxy.base_url: '${connection.}' is "
              "not a connection field (expected ${connection.<field>} with letters, digits, '_', "
              "'.' or '-')"});
}
