// What a good plugin's registrations become, and how long its library stays loaded.
#include "fixtures.hpp"

#include "schema.hpp"

using Catch::Matchers::Contains;

TEST_CASE("the good fixture loads with everything it registered") {
  auto plugin = fixtures::load("good_minimal");
  CHECK(plugin->id() == "good_minimal");
  CHECK(plugin->version() == "1.0.0");
  CHECK(plugin->title() == "Good minimal");
  CHECK(plugin->description() == "A plugin with nothing wrong.");
  CHECK(plugin->abi_version() == "1.0");
  CHECK(plugin->file() == fixtures::path("good_minimal"));
  CHECK(plugin->sha256() == actionhost::plugins::sha256_of_file(plugin->file()));
  CHECK(plugin->sha256().size() == 64);

  auto actions = plugin->actions();
  REQUIRE(actions.size() == 7);
  auto echo = plugin->action("echo");
  REQUIRE(echo);
  CHECK(echo->title == "Echo");
  CHECK(echo->description == "Returns its arguments.");
  CHECK(echo->annotations.read_only == true);
  CHECK(echo->annotations.destructive == false);
  CHECK_FALSE(echo->annotations.idempotent.has_value());
  CHECK(echo->scopes == std::vector<std::string>{"things:read"});
  CHECK(echo->input_schema->getValue<std::string>("type") == "object");
  REQUIRE(echo->output_schema);
  CHECK(echo->output_validator);
  CHECK_FALSE(echo->serialized());
  CHECK(plugin->action("count_serial")->serialized());
  CHECK_FALSE(plugin->action("no_such_action"));

  std::string tool = actionhost::schema::to_json(echo->to_mcp());
  CHECK_THAT(tool, Contains("\"name\":\"echo\""));
  CHECK_THAT(tool, Contains("\"annotations\":{\"readOnlyHint\":true,\"destructiveHint\":false}"));
  CHECK_THAT(tool, Contains("\"outputSchema\""));
  CHECK(echo->task_support == AH_TASK_FORBIDDEN);
  CHECK_FALSE(echo->to_mcp()->has("execution")); // forbidden is the default: left out

  auto waits = plugin->action("wait_for_cancel");
  CHECK(waits->task_support == AH_TASK_OPTIONAL);
  CHECK(std::string(waits->task_support_name()) == "optional");
  CHECK_THAT(actionhost::schema::to_json(waits->to_mcp()),
             Contains("\"execution\":{\"taskSupport\":\"optional\"}"));
  CHECK_FALSE(waits->to_mcp(false)->has("execution")); // versions before 2025-11-25
  CHECK(plugin->action("wait_for_timeout")->task_support == AH_TASK_FORBIDDEN);

  REQUIRE(plugin->resources().size() == 1);
  CHECK(plugin->resources()[0].uri == "good://readme");
  CHECK(plugin->resources()[0].mime_type == "text/plain");
  REQUIRE(plugin->resource_templates().size() == 1);
  CHECK(plugin->resource_templates()[0].uri_template == "good://items/{id}");
  REQUIRE(plugin->prompts().size() == 1);
  const auto& prompt = plugin->prompts()[0];
  CHECK(prompt.name == "greet");
  REQUIRE(prompt.arguments.size() == 1);
  CHECK(prompt.arguments[0].name == "who");
  CHECK(prompt.arguments[0].required);
  CHECK(prompt.completes());
}

TEST_CASE("an action keeps its plugin loaded after the plugin handle is dropped") {
  auto plugin = fixtures::load("good_minimal");
  auto echo = plugin->action("echo");
  std::weak_ptr<actionhost::plugins::Plugin> weak = plugin;
  plugin.reset();
  CHECK_FALSE(weak.expired());
  Poco::JSON::Object::Ptr args = new Poco::JSON::Object;
  args->set("text", "still here");
  auto result = echo->call(args);
  CHECK_FALSE(result.is_error);
  CHECK(echo->plugin().id() == "good_minimal");
  echo.reset();
  CHECK(weak.expired());
}

TEST_CASE("a plugin built with older, smaller structs loads and works") {
  auto plugin = fixtures::load("older_smaller_structs");
  CHECK(plugin->abi_version() == "1.0");
  auto action = plugin->action("old_action");
  REQUIRE(action);
  CHECK_FALSE(action->meta);                        // meta_json lies past its struct_size
  CHECK(action->task_support == AH_TASK_FORBIDDEN); // so does task_support
  auto result = action->call(nullptr);
  INFO(result.text());
  CHECK_FALSE(result.is_error);
  CHECK(result.text() == "old plugin ok");
  auto block = result.content->getObject(0);
  CHECK_FALSE(block->has("annotations"));
  plugin->shutdown(); // its shutdown lies past ah_plugin_def.struct_size: it would abort
}

TEST_CASE("registration after init is refused with AH_ERR_WRONG_PHASE") {
  fixtures::Log log;
  auto plugin = fixtures::load("register_after_init", &log);
  auto result = plugin->action("register_later")->call(nullptr);
  CHECK_FALSE(result.is_error);
  CHECK(result.text() == "register_action returned " + std::to_string(AH_ERR_WRONG_PHASE));
  CHECK(plugin->actions().size() == 1);
  std::lock_guard lock(log.mutex);
  REQUIRE_FALSE(log.lines.empty());
  CHECK_THAT(log.lines.back(), Contains("register_action was called after init returned"));
}

TEST_CASE("status codes have readable names") {
  using actionhost::plugins::status_name;
  CHECK(status_name(AH_OK) == "ok");
  CHECK(status_name(AH_ERR_TOOL) == "tool error");
  CHECK(status_name(AH_ERR_UPSTREAM) == "upstream error");
  CHECK(status_name(AH_ERR_DUPLICATE) == "duplicate");
  CHECK(status_name(999) == "status 999");
}
