// `actionhost serve`: starts, answers health checks, stops cleanly on SIGTERM, and refuses bad
// flags and bad configuration with a message that says why.
#include "host_process.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::testing;

namespace {
const char* kEmptyConfig = "integrations: {}\n";
}

TEST_CASE("serve answers /healthz and /readyz, then stops cleanly on SIGTERM", "[serve]") {
  TempDir dir;
  auto config = dir.write("integrations.yaml", kEmptyConfig);
  HostProcess host({"--config", config.string(), "--data-dir", (dir.path() / "data").string()});
  REQUIRE(host.port() != 0);

  auto health = http_request(host.port(), "GET", "/healthz");
  CHECK(health.status == 200);
  CHECK(health.body == R"({"status":"ok"})");
  CHECK(health.headers["content-type"] == "application/json");

  auto ready = http_request(host.port(), "GET", "/readyz");
  CHECK(ready.status == 200);

  CHECK(http_request(host.port(), "GET", "/no-such-path").status == 404);
  auto wrong_method = http_request(host.port(), "POST", "/healthz", "{}");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.headers["allow"] == "GET");

  CHECK(host.stop() == 0);
  CHECK(host.output().find("stopped") != std::string::npos);
  // The data directory is created on first start.
  CHECK(std::filesystem::is_directory(dir.path() / "data"));
}

TEST_CASE("serve refuses an unknown flag with its usage and exit code 2", "[serve][cli]") {
  auto result = run_actionhost({"serve", "--no-such-flag"});
  CHECK(result.exit_code == 2);
  CHECK(result.output.find("unknown option '--no-such-flag'") != std::string::npos);
  CHECK(result.output.find("--listen") != std::string::npos);
}

TEST_CASE("serve --help documents its flags and exits 0", "[serve][cli]") {
  auto result = run_actionhost({"serve", "--help"});
  CHECK(result.exit_code == 0);
  for (const char* flag : {"--listen", "--config", "--data-dir", "--strict", "--plugin-dir"})
    CHECK(result.output.find(flag) != std::string::npos);
}

TEST_CASE("serve refuses a broken integrations file, naming file, line and column",
          "[serve][config]") {
  TempDir dir;
  auto config = dir.write("broken.yaml", "integrations:\n  demo:\n    plugin: sample\n"
                                         "    auth:\n      mode: oauth\n");
  auto result = run_actionhost({"serve", "--listen", "127.0.0.1:0", "--config", config.string(),
                                "--data-dir", (dir.path() / "data").string()});
  CHECK(result.exit_code == 1);
  CHECK(result.output.find("broken.yaml:5:") != std::string::npos);
  CHECK(result.output.find("unknown auth mode 'oauth'") != std::string::npos);
}

TEST_CASE("serve refuses a malformed --listen address", "[serve][cli]") {
  TempDir dir;
  auto config = dir.write("integrations.yaml", kEmptyConfig);
  auto result = run_actionhost({"serve", "--listen", "127.0.0.1", "--config", config.string()});
  CHECK(result.exit_code == 2);
  CHECK(result.output.find("invalid listen address '127.0.0.1': missing port") !=
        std::string::npos);
}

TEST_CASE("open access is refused on a non-loopback listener", "[serve][config]") {
  TempDir dir;
  auto config = dir.write("open.yaml", "integrations:\n  demo:\n    plugin: sample\n"
                                       "    access: open\n");
  auto result = run_actionhost({"serve", "--listen", "0.0.0.0:0", "--config", config.string(),
                                "--data-dir", (dir.path() / "data").string()});
  CHECK(result.exit_code == 1);
  CHECK(result.output.find("demo") != std::string::npos);
  CHECK(result.output.find("loopback") != std::string::npos);
}
