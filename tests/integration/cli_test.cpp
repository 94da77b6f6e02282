// The actionhost command line as a user meets it: inspect on every plugin the build produces,
// config check on good and broken files, and usage errors.
#include "host_process.hpp"

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>

using namespace actionhost::testing;
using Catch::Matchers::Contains;

TEST_CASE("inspect loads every plugin the build produces", "[cli][inspect]") {
  std::vector<std::filesystem::path> plugins;
  for (const auto& entry : std::filesystem::directory_iterator(plugin_dir()))
    if (entry.path().extension() == ".so")
      plugins.push_back(entry.path());
  REQUIRE_FALSE(plugins.empty());
  for (const auto& plugin : plugins) {
    INFO(plugin);
    auto text = run_actionhost({"inspect", plugin.string()});
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.output, Contains("ABI          1.0"));
    CHECK_THAT(text.output, Contains("input schema:"));

    // --json is one document a script can read: id, version and every action's schemas.
    auto json = run_actionhost({"inspect", "--json", plugin.string()});
    REQUIRE(json.exit_code == 0);
    auto doc = Poco::JSON::Parser().parse(json.output).extract<Poco::JSON::Object::Ptr>();
    CHECK(doc->getValue<std::string>("id") == plugin.stem().string());
    auto actions = doc->getArray("actions");
    REQUIRE(actions->size() > 0);
    for (unsigned i = 0; i < actions->size(); ++i)
      CHECK(actions->getObject(i)->getObject("inputSchema")->getValue<std::string>("type") ==
            "object");
  }
}

TEST_CASE("inspect refuses a broken plugin with the reason and exit code 1", "[cli][inspect]") {
  auto result = run_actionhost({"inspect", (fixture_dir() / "wrong_major.so").string()});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Contains("wrong_major.so: built for plugin ABI 2.0"));
}

TEST_CASE("config check accepts the repository's integrations.yaml", "[cli][config]") {
  auto result = run_actionhost({"config", "check", "--config", "integrations.yaml",
                                "--plugin-dir", plugin_dir().string()});
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Contains("integrations.yaml: OK"));
}

TEST_CASE("config check lists every problem with file, line and column", "[cli][config]") {
  TempDir dir;
  auto file = dir.write("bad.yaml", "integrations:\n"
                                    "  slack:\n"
                                    "    plugin: slack\n"
                                    "    auth:\n"
                                    "      mode: OAUTH\n"
                                    "    acions: all\n");
  auto result = run_actionhost(
      {"config", "check", "--config", file.string(), "--plugin-dir", dir.path().string()});
  INFO(result.output);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Contains("bad.yaml:5:13: integration 'slack': unknown auth mode"));
  CHECK_THAT(result.output, Contains("bad.yaml:6:5:"));
  CHECK_THAT(result.output, Contains("did you mean 'actions'"));
}

TEST_CASE("an unknown command or flag prints the usage and exits 2", "[cli]") {
  auto unknown = run_actionhost({"frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.output, Contains("unknown command 'frobnicate'"));
  CHECK_THAT(unknown.output, Contains("config check"));

  auto flag = run_actionhost({"inspect", "--bogus", "x.so"});
  CHECK(flag.exit_code == 2);
  CHECK_THAT(flag.output, Contains("unknown option '--bogus'"));
}
