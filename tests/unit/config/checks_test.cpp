// Checks that need more than the file: the listen address (the CLI may override it) and the
// plugin files on disk.
#include "load_helpers.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::config;
using namespace actionhost::config::testing;

namespace {
const std::filesystem::path kPluginDir = std::filesystem::path(CONFIG_TEST_DATA) / "plugins";

const char* kOpenIntegration = "integrations:\n"
                               "  demo:\n"
                               "    plugin: demo\n"
                               "    access: open\n"
                               "  private:\n"
                               "    plugin: private\n";
} // namespace

TEST_CASE("access: open is allowed on loopback addresses") {
  Config config = load(kOpenIntegration);
  CHECK_FALSE(check_open_access(config, "127.0.0.1"));
  CHECK_FALSE(check_open_access(config, "127.0.0.2"));
  CHECK_FALSE(check_open_access(config, "localhost"));
  CHECK_FALSE(check_open_access(config, "::1"));
}

TEST_CASE("access: open on a reachable address is refused, pointing at the access line") {
  Config config = load(kOpenIntegration);
  CHECK(check_open_access(config, "0.0.0.0") ==
        "integrations.yaml:4:13: integration 'demo': access: open is only allowed when the "
        "server listens on a loopback address, but it listens on 0.0.0.0 (use access: key, or "
        "listen on 127.0.0.1)");
  CHECK(check_open_access(config, "example.com").has_value());
}

TEST_CASE("integrations that require keys may listen anywhere") {
  Config config = load("integrations:\n  private: { plugin: private }\n");
  CHECK_FALSE(check_open_access(config, "0.0.0.0"));
}

TEST_CASE("parse_listen_address accepts host:port and [IPv6]:port") {
  auto v4 = parse_listen_address("0.0.0.0:0");
  REQUIRE(v4);
  CHECK(v4->host == "0.0.0.0");
  CHECK(v4->port == 0);
  auto v6 = parse_listen_address("[::1]:8080");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->port == 8080);
  CHECK_FALSE(parse_listen_address("::1:8080"));
  CHECK_FALSE(parse_listen_address("localhost:65536"));
  CHECK_FALSE(parse_listen_address(":8080"));
  CHECK_FALSE(parse_listen_address("localhost"));
}

TEST_CASE("plugin files: a bare name in plugin_dir, '.so' optional, or an absolute path") {
  Config config = load("integrations:\n"
                       "  a: { plugin: slack }\n"
                       "  b: { plugin: slack.so }\n"
                       "  c: { plugin: /opt/plugins/github.so }\n"
                       "  d: { plugin: google.calendar }\n");
  CHECK(plugin_path(config.integrations[0], "/srv/plugins") == "/srv/plugins/slack.so");
  CHECK(plugin_path(config.integrations[1], "/srv/plugins") == "/srv/plugins/slack.so");
  CHECK(plugin_path(config.integrations[2], "/srv/plugins") == "/opt/plugins/github.so");
  CHECK(plugin_path(config.integrations[3], "/srv/plugins") == "/srv/plugins/google.calendar.so");
}

TEST_CASE("plugin files that are missing are reported at the plugin line") {
  Config config = load("integrations:\n"
                       "  echo: { plugin: echo }\n"
                       "  ghost:\n"
                       "    plugin: ghost\n");
  auto problems = check_plugin_files(config, kPluginDir);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].to_string() ==
        "integrations.yaml:4:13: integration 'ghost': plugin 'ghost' not found (looked for " +
            (kPluginDir / "ghost.so").string() + ")");
}

TEST_CASE("a missing plugin given by path is named once") {
  Config config = load("integrations:\n"
                       "  ghost: { plugin: /nonexistent/ghost.so }\n");
  auto problems = check_plugin_files(config, kPluginDir);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message == "integration 'ghost': plugin file /nonexistent/ghost.so not found");
}

TEST_CASE("a sha256 pin must match the plugin file") {
  const std::string digest = "028bd89a935f1d34bee5f38e6d02672df236a0c88510764823a13e77e0bfee50";
  Config pinned = load("integrations:\n"
                       "  echo: { plugin: echo, sha256: " +
                       digest + " }\n");
  CHECK(check_plugin_files(pinned, kPluginDir).empty());

  Config wrong = load("integrations:\n"
                      "  echo:\n"
                      "    plugin: echo\n"
                      "    sha256: " +
                      std::string(64, '0') + "\n");
  auto problems = check_plugin_files(wrong, kPluginDir);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].to_string() == "integrations.yaml:4:13: integration 'echo': sha256 does not "
                                   "match " +
                                       (kPluginDir / "echo.so").string() + " (the file's is " +
                                       digest + ")");
}
