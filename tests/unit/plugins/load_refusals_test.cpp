// Every refusal names the file, the plugin when known, and the reason, and never crashes the host.
#include "fixtures.hpp"

using actionhost::plugins::LoadError;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {
void check(const LoadError& e, const std::string& name, const std::string& id,
           const std::string& reason_part) {
  CHECK(e.file() == fixtures::path(name));
  CHECK(e.plugin_id() == id);
  CHECK_THAT(e.reason(), Contains(reason_part));
  std::string prefix = fixtures::path(name) + ": " + (id.empty() ? "" : "plugin '" + id + "': ");
  CHECK_THAT(std::string(e.what()), StartsWith(prefix));
  CHECK(std::string(e.what()) == prefix + e.reason());
}
} // namespace

TEST_CASE("a missing file is refused as not found") {
  check(fixtures::refusal("does_not_exist"), "does_not_exist", "", "not found");
}

TEST_CASE("a text file is refused as not a shared library") {
  auto e = fixtures::refusal("not_a_library");
  check(e, "not_a_library", "", "not a loadable shared library");
  CHECK_THAT(e.reason(), Contains("invalid ELF header") || Contains("file too short"));
}

TEST_CASE("a library without the entry point is refused") {
  check(fixtures::refusal("missing_entry"), "missing_entry", "",
        "missing entry point 'actionhost_plugin'");
}

TEST_CASE("an entry point returning NULL is refused") {
  check(fixtures::refusal("entry_returns_null"), "entry_returns_null", "", "returned NULL");
}

TEST_CASE("another ABI major is refused with both versions") {
  auto e = fixtures::refusal("wrong_major");
  check(e, "wrong_major", "", "built for plugin ABI 2.0");
  CHECK_THAT(e.reason(), Contains("speaks plugin ABI 1.0"));
  CHECK_THAT(e.reason(), Contains("actionhost 0.1.0"));
}

TEST_CASE("a newer ABI minor is refused naming the plugin, its version and the host's") {
  auto e = fixtures::refusal("newer_minor");
  check(e, "newer_minor", "newer_minor", "version 3.1.0 was built for plugin ABI 1.1");
  CHECK_THAT(e.reason(), Contains("but this host (actionhost 0.1.0) speaks plugin ABI 1.0"));
}

TEST_CASE("a sha256 mismatch is refused before the library is opened") {
  actionhost::plugins::LoadOptions options;
  options.expected_sha256 = std::string(64, '0');
  auto e = fixtures::refusal("good_minimal", options);
  check(e, "good_minimal", "", "sha256 mismatch: expected 0000");
  CHECK_THAT(e.reason(),
             Contains(actionhost::plugins::sha256_of_file(fixtures::path("good_minimal"))));
}

TEST_CASE("a matching sha256 in upper case loads") {
  std::string hash = actionhost::plugins::sha256_of_file(fixtures::path("good_minimal"));
  for (char& c : hash)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  actionhost::plugins::LoadOptions options;
  options.expected_sha256 = hash;
  fixtures::Log log;
  options.log = log.sink();
  auto plugin = actionhost::plugins::load_plugin(fixtures::path("good_minimal"), options);
  CHECK(plugin->id() == "good_minimal");
}

TEST_CASE("a failing init is refused with the plugin's own message") {
  check(fixtures::refusal("init_fails"), "init_fails", "init_fails",
        "init failed with status 5 (unavailable): the widget service settings are missing");
}

TEST_CASE("an invalid plugin id is refused") {
  check(fixtures::refusal("invalid_plugin_id"), "invalid_plugin_id", "",
        "invalid plugin id 'Bad Id'");
}

TEST_CASE("a duplicate action name is refused") {
  check(fixtures::refusal("duplicate_action"), "duplicate_action", "duplicate_action",
        "action 'list_items' is registered twice");
}

TEST_CASE("an action name outside the MCP tool-name rules is refused") {
  check(fixtures::refusal("invalid_action_name"), "invalid_action_name", "invalid_action_name",
        "invalid action name 'list items!'");
}

TEST_CASE("an input schema that is not JSON is refused") {
  check(fixtures::refusal("bad_input_schema_json"), "bad_input_schema_json",
        "bad_input_schema_json", "action 'list_items': input schema is not valid JSON");
}

TEST_CASE("an input schema that is not an object schema is refused") {
  auto e = fixtures::refusal("input_schema_not_object");
  check(e, "input_schema_not_object", "input_schema_not_object",
        "action 'list_items': input schema is not an object schema");
  CHECK_THAT(e.reason(), Contains("\"array\""));
}

TEST_CASE("an input schema valijson cannot compile is refused with its reason") {
  auto e = fixtures::refusal("invalid_json_schema");
  check(e, "invalid_json_schema", "invalid_json_schema",
        "action 'list_items': input schema is not a valid JSON Schema");
  CHECK_THAT(e.reason(), Contains("integr"));
}

TEST_CASE("an output schema that is not an object schema is refused") {
  check(fixtures::refusal("bad_output_schema"), "bad_output_schema", "bad_output_schema",
        "action 'list_items': output schema is not an object schema");
}

TEST_CASE("an action without an invoke function is refused") {
  check(fixtures::refusal("missing_invoke"), "missing_invoke", "missing_invoke",
        "action 'list_items' has no invoke function");
}

TEST_CASE("the host keeps loading plugins after refusals") {
  for (const char* name : {"not_a_library", "wrong_major", "init_fails", "duplicate_action"})
    CHECK_THROWS_AS(fixtures::load(name), LoadError);
  CHECK(fixtures::load("good_minimal")->actions().size() == 7);
}
