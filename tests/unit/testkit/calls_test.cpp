// Calling actions with typed input and asserting on typed output or tool errors, against the
// sample plugin (no provider requests) and the one-defect fixture plugins.
#include "actions.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

#include <sstream>

using ah::testkit::FailsWith;
using ah::testkit::LoadedPlugin;
using ah::testkit::Succeeds;

TEST_CASE("A typed call returns the plugin's own output struct", "[testkit]") {
  LoadedPlugin plugin(SAMPLE_PLUGIN);
  CHECK(plugin.id() == "sample");

  auto echoed = plugin.call<sample::EchoOut>("echo", sample::EchoIn{"hello"});
  REQUIRE_THAT(echoed, Succeeds());
  CHECK(echoed.output().text == "hello");
  CHECK(echoed.structured_json == R"({"text":"hello"})");

  auto sum = plugin.call<sample::AddOut>("add", sample::AddIn{2.5, 4});
  REQUIRE_THAT(sum, Succeeds());
  CHECK(sum->sum == 6.5);
}

TEST_CASE("Input the action's schema rejects is a tool error before the plugin runs", "[testkit]") {
  LoadedPlugin plugin(SAMPLE_PLUGIN);
  // The struct can hold it, the schema (maxLength 100000) cannot: the host's check catches it.
  auto result = plugin.call<sample::EchoOut>("echo", sample::EchoIn{std::string(100001, 'x')});
  CHECK_THAT(result, FailsWith(AH_ERR_INVALID_ARGUMENT, "/text"));
  CHECK_THROWS_WITH(result.output(), Catch::Contains("failed with AH_ERR_INVALID_ARGUMENT"));

  ah::testkit::Provider none;
  auto raw = plugin.call_json("add", R"({"a": "one", "b": 2})", none);
  CHECK_THAT(raw, FailsWith(AH_ERR_INVALID_ARGUMENT, "/a"));
}

TEST_CASE("Output that breaks the action's output schema is a tool error", "[testkit]") {
  LoadedPlugin plugin(std::string(FIXTURE_PLUGIN_DIR) + "/output_schema_mismatch.so");
  ah::testkit::Provider none;
  auto result = plugin.call_json("count_items", "{}", none);
  CHECK_THAT(result,
             FailsWith(AH_ERR_INTERNAL, "returned structured content that does not match its "
                                        "output schema"));
}

TEST_CASE("A test whose output type does not match what came back is told so", "[testkit]") {
  LoadedPlugin plugin(SAMPLE_PLUGIN);
  auto result = plugin.call<sample::AddOut>("echo", sample::EchoIn{"hi"});
  REQUIRE(result.ok());
  CHECK_THROWS_WITH(result.output(), Catch::Contains("the test's type cannot hold") &&
                                         Catch::Contains("sum: required field missing"));
}

TEST_CASE("Unknown actions and plugins the host would refuse are named", "[testkit]") {
  LoadedPlugin plugin(SAMPLE_PLUGIN);
  CHECK_THROWS_WITH(plugin.call<sample::EchoOut>("ecco", sample::EchoIn{"hi"}),
                    Catch::Contains("plugin 'sample' has no action 'ecco'") &&
                        Catch::Contains("echo"));
  CHECK_THROWS_WITH(LoadedPlugin(std::string(FIXTURE_PLUGIN_DIR) + "/wrong_major.so"),
                    Catch::Contains("wrong_major.so") && Catch::Contains("major"));
  CHECK_THROWS_WITH(LoadedPlugin("/nonexistent/plugin.so"),
                    Catch::Contains("/nonexistent/plugin.so"));
}

TEST_CASE("The action's schemas are there to inspect", "[testkit]") {
  LoadedPlugin plugin(SAMPLE_PLUGIN);
  auto actions = plugin.actions();
  CHECK(std::find(actions.begin(), actions.end(), "current_time") != actions.end());
  CHECK_THAT(plugin.input_schema("echo"), Catch::Contains(R"("maxLength":100000)"));
  CHECK_THAT(plugin.output_schema("add"), Catch::Contains(R"("sum")"));
}

TEST_CASE("A result prints with its status, output and logs", "[testkit]") {
  ah::testkit::CallResult failed;
  failed.action = "list_issues";
  failed.is_error = true;
  failed.status = AH_ERR_TOOL;
  failed.text = "no repository named 'acme/nope'";
  failed.logs = {"info: asking"};
  failed.problems = {"no handler for GET /repos/acme/nope/issues"};
  std::ostringstream out;
  out << failed;
  CHECK(out.str() ==
        "action 'list_issues': tool error (AH_ERR_TOOL): no repository named 'acme/nope'\n"
        "  log info: asking\n"
        "  problem: no handler for GET /repos/acme/nope/issues");
  CHECK(FailsWith(AH_ERR_TOOL, "no repository").describe() ==
        "fails with AH_ERR_TOOL saying \"no repository\"");
}
