// A complete file and the typed configuration it produces: the reference for the format.
#include "load_helpers.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::config;
using namespace actionhost::config::testing;
using namespace std::chrono_literals;

namespace {
const std::filesystem::path kDataDir = CONFIG_TEST_DATA;

Config load_example() {
  return load_file(kDataDir / "integrations.yaml",
                   fake_env({{"SLACK_CLIENT_ID", "id-1"}, {"SLACK_CLIENT_SECRET", "s3cret"}}));
}
} // namespace

TEST_CASE("server: settings come typed, relative paths resolve against the file's folder") {
  Config config = load_example();
  CHECK(config.file == (kDataDir / "integrations.yaml").string());
  CHECK(config.base_dir == kDataDir);

  const ServerConfig& server = config.server;
  REQUIRE(server.listen);
  CHECK(server.listen->host == "127.0.0.1");
  CHECK(server.listen->port == 8080);
  CHECK(server.plugin_dir == kDataDir / "plugins");
  CHECK(server.allowed_origins == std::vector<std::string>{"http://localhost:6274"});
  CHECK(server.max_body_bytes == 4u * 1024 * 1024);
  CHECK(server.session_idle_timeout == 30min);
}

TEST_CASE("integrations keep the file's order") {
  Config config = load_example();
  REQUIRE(config.integrations.size() == 3);
  CHECK(config.integrations[0].key == "slack");
  CHECK(config.integrations[1].key == "zendesk");
  CHECK(config.integrations[2].key == "local-tools");
  CHECK(config.find("zendesk") == &config.integrations[1]);
  CHECK(config.find("github") == nullptr);
}

TEST_CASE("an OAUTH2 integration with every option") {
  Config config = load_example();
  const Integration& slack = *config.find("slack");
  CHECK(slack.plugin == "slack");
  CHECK(slack.sha256 == "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  CHECK(slack.title == "Slack");
  CHECK(slack.description == "Post messages and read channels");
  CHECK(slack.instructions == "Prefer channel names over ids.");
  CHECK(slack.access == Access::Key);

  CHECK(slack.auth.mode == AuthMode::OAuth2);
  REQUIRE(slack.auth.oauth2);
  const OAuth2Config& oauth2 = *slack.auth.oauth2;
  CHECK(oauth2.authorization_url == "https://slack.com/oauth/v2/authorize");
  CHECK(oauth2.token_url == "https://slack.com/api/oauth.v2.access");
  CHECK(oauth2.scopes == std::vector<std::string>{"chat:write", "channels:read"});
  CHECK(oauth2.scope_separator == ",");
  CHECK(oauth2.client_id == "id-1");
  CHECK(oauth2.client_secret == "s3cret");
  CHECK(oauth2.refresh_margin == 15min);
}

TEST_CASE("proxy, retry and pagination of the OAUTH2 integration") {
  Config config = load_example();
  const Integration& slack = *config.find("slack");
  REQUIRE(slack.proxy);
  const ProxyConfig& proxy = *slack.proxy;
  CHECK(proxy.base_url.text() == "https://slack.com/api"); // the ${SLACK_BASE_URL:-...} default
  CHECK(proxy.allowed_hosts == std::vector<std::string>{"files.slack.com", "*.slack-edge.com"});
  CHECK(proxy.timeout == 30s);
  CHECK(proxy.max_response_bytes == 10485760u);
  CHECK(proxy.ca_file == kDataDir / "certs/private-ca.pem");

  CHECK(proxy.retry.max_attempts == 4);
  CHECK(proxy.retry.on_status == std::vector<int>{429, 503});
  CHECK(proxy.retry.retry_non_idempotent);
  CHECK(proxy.retry.backoff_initial == 250ms);
  CHECK(proxy.retry.backoff_max == 1min);
  CHECK(proxy.retry.rate_limit_reset_headers == std::vector<std::string>{"x-ratelimit-reset"});

  REQUIRE(proxy.pagination);
  CHECK(proxy.pagination->style == PaginationStyle::Cursor);
  CHECK(proxy.pagination->cursor_param == "cursor");
  CHECK(proxy.pagination->cursor_path == "response_metadata.next_cursor");
  CHECK(proxy.pagination->limit_param == "limit");
  CHECK(proxy.pagination->limit == 200);
  CHECK(proxy.pagination->results_path == "channels");
}

TEST_CASE("exposed and staged actions") {
  Config config = load_example();
  const Integration& slack = *config.find("slack");
  CHECK(slack.actions == std::vector<std::string>{"post_message", "list_channels"});
  CHECK(slack.staged == std::vector<std::string>{"beta_action"});
  CHECK(slack.exposes("post_message"));
  CHECK_FALSE(slack.exposes("beta_action"));
  CHECK_FALSE(slack.exposes("delete_channel"));

  const Integration& zendesk = *config.find("zendesk");
  CHECK_FALSE(zendesk.actions); // all
  CHECK(zendesk.exposes("anything"));
}

TEST_CASE("fields to redact in dry runs and fixtures") {
  Config config = load_example();
  CHECK(config.find("slack")->redact == std::vector<std::string>{"email", "real_name"});
  CHECK(config.find("zendesk")->redact.empty()); // only the built-in secret-looking names
}

TEST_CASE("settings become JSON typed by YAML 1.2's core schema") {
  Config config = load_example();
  CHECK(config.find("slack")->settings_json ==
        R"({"team":"T123","retries":2,"strict":true,"country":"no","quoted":"42",)"
        R"("nested":{"ids":[1,2]}})");
  CHECK(config.find("zendesk")->settings_json == "{}");
}

TEST_CASE("an API_KEY integration keeps its runtime placeholders for the proxy") {
  Config config = load_example();
  const Integration& zendesk = *config.find("zendesk");
  CHECK(zendesk.plugin == "/opt/actionhost/zendesk.so");
  CHECK(zendesk.title == "zendesk"); // defaults to the key
  CHECK(zendesk.access == Access::Open);
  CHECK(zendesk.auth.mode == AuthMode::ApiKey);
  CHECK_FALSE(zendesk.auth.oauth2);
  REQUIRE(zendesk.auth.headers.count("Authorization"));
  CHECK(zendesk.auth.headers.at("Authorization").parts ==
        std::vector<Template::Part>{{false, "Bearer "}, {true, "apiKey"}});
  CHECK(zendesk.auth.query.at("locale").text() == "${connection.locale}");

  REQUIRE(zendesk.proxy);
  const Template& base_url = zendesk.proxy->base_url;
  CHECK(base_url.text() == "https://${connection.subdomain}.zendesk.com/api/v2");
  CHECK(base_url.render([](const std::string& name) {
    return name == "connection.subdomain" ? "acme" : "?";
  }) == "https://acme.zendesk.com/api/v2");
  REQUIRE(zendesk.proxy->pagination);
  CHECK(zendesk.proxy->pagination->style == PaginationStyle::Link);
  CHECK(zendesk.proxy->pagination->link_path == "links.next");
}

TEST_CASE("defaults of an integration that names only its plugin") {
  Config config = load_example();
  const Integration& tools = *config.find("local-tools");
  CHECK(tools.plugin == (kDataDir.parent_path() / "tools/local_tools.so").string());
  CHECK(tools.auth.mode == AuthMode::None);
  CHECK_FALSE(tools.proxy);
  CHECK_FALSE(tools.sha256);
  CHECK(tools.description.empty());
  CHECK_FALSE(tools.instructions);
}

TEST_CASE("proxy defaults") {
  Config config = load("integrations:\n"
                       "  api:\n"
                       "    plugin: api\n"
                       "    proxy: { base_url: https://api.example.com }\n");
  const ProxyConfig& proxy = *config.integrations.at(0).proxy;
  CHECK(proxy.timeout == 30s);
  CHECK(proxy.max_response_bytes == 10u * 1024 * 1024);
  CHECK(proxy.retry.max_attempts == 3);
  CHECK(proxy.retry.on_status == std::vector<int>{429, 500, 502, 503, 504});
  CHECK_FALSE(proxy.retry.retry_non_idempotent);
  CHECK(proxy.retry.backoff_initial == 500ms);
  CHECK(proxy.retry.backoff_max == 30s);
  CHECK_FALSE(proxy.pagination);
}

TEST_CASE("load_string resolves relative paths against the base directory it is given") {
  Config config = load("server: { plugin_dir: ../lib/plugins }\n"
                       "integrations:\n"
                       "  api: { plugin: ./api.so, proxy: { base_url: 'https://x.test', "
                       "ca_file: ca.pem } }\n");
  CHECK(config.base_dir == "/etc/actionhost");
  CHECK(config.server.plugin_dir == "/etc/lib/plugins");
  CHECK(config.integrations[0].plugin == "/etc/actionhost/api.so");
  CHECK(config.integrations[0].proxy->ca_file == "/etc/actionhost/ca.pem");
}

TEST_CASE("integrations remember where each field was written") {
  Config config = load_example();
  const Integration& slack = *config.find("slack");
  CHECK(slack.where("").line == 9);
  CHECK(slack.where("auth.mode").line == 16);
  CHECK(slack.where("auth.mode").column == 13);
  CHECK(slack.where("actions[1]").line == 44);
  CHECK(slack.where("actions[1]").column == 29);
  CHECK(slack.where("no.such.field").line == 9);
  CHECK(config.diagnostic(slack, "auth.mode", "why").to_string() ==
        config.file + ":16:13: integration 'slack': why");
}

TEST_CASE("an empty integrations map is valid") {
  CHECK(load("integrations: {}\n").integrations.empty());
}
