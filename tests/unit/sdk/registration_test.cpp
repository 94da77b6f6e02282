// Registration: what a plugin's registration function turns into at the host's registrar, and
// how init fails cleanly.
#include "fake_host.hpp"
#include "json_text.hpp"

#include <catch2/catch.hpp>

namespace {

struct Note {
  std::string text;
  static auto fields() { return std::tuple{ah::field("text", &Note::text, "The note")}; }
};
struct Saved {
  std::string id;
  static auto fields() { return std::tuple{ah::field("id", &Saved::id, "Id of the new note")}; }
};

Saved save_note(ah::Context&, const Note&) {
  return {"n1"};
}

void register_notes(ah::Plugin& plugin) {
  plugin.action("save_note", save_note)
      .title("Save note")
      .description("Stores a note")
      .destructive(false)
      .idempotent(false)
      .open_world()
      .scopes({"notes.write", "notes.read"})
      .serialized()
      .timeout(std::chrono::seconds(5))
      .meta(R"({"category":"notes"})")
      .task_support(ah::TaskSupport::optional);
  plugin.action("list_notes", [](ah::Context&, const ah::None&) { return ah::None{}; }).read_only();
  plugin.action("export_notes", [](ah::Context&, const ah::None&) { return ah::None{}; })
      .task_support(ah::TaskSupport::required);
}

} // namespace

TEST_CASE("registration: an action's descriptor carries everything declared") {
  FakeHost host;
  REQUIRE(host.init(&ah::init_plugin<&register_notes>) == AH_OK);
  REQUIRE(host.registrar.actions.size() == 3);
  const RegisteredAction& a = host.action("save_note");
  CHECK(a.title == "Save note");
  CHECK(a.description == "Stores a note");
  CHECK(canonical(a.input_schema) == canonical(ah::schema_json<Note>()));
  CHECK(canonical(a.output_schema) == canonical(R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "properties": {"id": {"type": "string", "description": "Id of the new note"}},
    "required": ["id"], "additionalProperties": false})"));
  CHECK(a.scopes == std::vector<std::string>{"notes.write", "notes.read"});
  CHECK(a.flags == AH_ACTION_SERIALIZED);
  CHECK(a.timeout_ms == 5000);
  CHECK(a.meta == R"({"category":"notes"})");
  CHECK(a.task_support == AH_TASK_OPTIONAL);
  CHECK(host.action("list_notes").task_support == AH_TASK_FORBIDDEN); // never declared
  CHECK(host.action("export_notes").task_support == AH_TASK_REQUIRED);
  CHECK(a.invoke != nullptr);
  CHECK(a.state != nullptr);
}

TEST_CASE("registration: annotations map to tri-states, unset unless declared") {
  FakeHost host;
  REQUIRE(host.init(&ah::init_plugin<&register_notes>) == AH_OK);
  const RegisteredAction& save = host.action("save_note");
  CHECK(save.read_only == AH_UNSET);
  CHECK(save.destructive == AH_FALSE);
  CHECK(save.idempotent == AH_FALSE);
  CHECK(save.open_world == AH_TRUE);
  const RegisteredAction& list = host.action("list_notes");
  CHECK(list.read_only == AH_TRUE);
  CHECK(list.destructive == AH_UNSET);
}

TEST_CASE("registration: actions without structured output publish no output schema") {
  FakeHost host;
  REQUIRE(host.init(&ah::init_plugin<&register_notes>) == AH_OK);
  CHECK(host.action("list_notes").output_schema.empty());
  CHECK(canonical(host.action("list_notes").input_schema) ==
        canonical(ah::schema_json<ah::None>()));
}

TEST_CASE("registration: a refusal names the entry and init returns the registrar's status") {
  FakeHost host;
  host.registrar.refuse_name = "save_note";
  CHECK(host.init(&ah::init_plugin<&register_notes>) == AH_ERR_DUPLICATE);
  CHECK(host.registrar.errors ==
        std::vector<std::string>{"registering action 'save_note' failed: AH_ERR_DUPLICATE"});
  CHECK(host.registrar.actions.empty()); // registration stops at the first refusal
}

namespace {
void register_throws(ah::Plugin&) {
  throw std::runtime_error("settings file missing");
}
void register_throws_tool_error(ah::Plugin&) {
  throw ah::ToolError("no region configured");
}
void register_throws_int(ah::Plugin&) {
  throw 42;
}
} // namespace

TEST_CASE("registration: whatever the registration function throws fails init with a message") {
  FakeHost a, b, c;
  CHECK(a.init(&ah::init_plugin<&register_throws>) == AH_ERR_INTERNAL);
  CHECK(a.registrar.errors ==
        std::vector<std::string>{"plugin initialisation failed: settings file missing"});
  CHECK(b.init(&ah::init_plugin<&register_throws_tool_error>) == AH_ERR_TOOL);
  CHECK(b.registrar.errors == std::vector<std::string>{"no region configured"});
  CHECK(c.init(&ah::init_plugin<&register_throws_int>) == AH_ERR_INTERNAL);
  CHECK(c.registrar.errors ==
        std::vector<std::string>{"plugin initialisation failed: unknown exception"});
}

namespace {
struct Twice {
  std::string a, b;
  static auto fields() { return std::tuple{ah::field("a", &Twice::a), ah::field("a", &Twice::b)}; }
};
void register_twice(ah::Plugin& plugin) {
  plugin.action("twice", [](ah::Context&, const Twice&) {});
}
} // namespace

TEST_CASE("registration: a struct that declares a field name twice fails init") {
  FakeHost host;
  CHECK(host.init(&ah::init_plugin<&register_twice>) == AH_ERR_INTERNAL);
  CHECK(host.registrar.errors ==
        std::vector<std::string>{"plugin initialisation failed: field 'a' is declared twice"});
}

TEST_CASE("registration: a host table smaller than ABI 1.0 is refused") {
  FakeHost host;
  host.api.struct_size = offsetof(ah_host_api, add_completion);
  CHECK(host.init(&ah::init_plugin<&register_notes>) == AH_ERR_UNSUPPORTED);
  CHECK(host.registrar.errors.size() == 1);
  CHECK(host.registrar.actions.empty());
}

namespace {
struct Tracker {
  bool* destroyed;
  ~Tracker() { *destroyed = true; }
};
bool tracker_destroyed = false;
void register_with_state(ah::Plugin& plugin) {
  auto& tracker = plugin.make<Tracker>(&tracker_destroyed);
  plugin.log(ah::LogLevel::info, "state ready");
  plugin.action("check", [&tracker](ah::Context&, const ah::None&) {
    return ah::ToolResult().text(*tracker.destroyed ? "gone" : "alive");
  });
}
} // namespace

TEST_CASE("registration: plugin-wide state lives until shutdown, which frees it") {
  tracker_destroyed = false;
  {
    FakeHost host;
    REQUIRE(host.init(&ah::init_plugin<&register_with_state>) == AH_OK);
    CHECK(host.init_logs ==
          std::vector<std::pair<ah_log_level, std::string>>{{AH_LOG_INFO, "state ready"}});
    ah_call call;
    CHECK(host.invoke("check", "{}", call) == AH_OK);
    CHECK(call.content.at(0).text == "alive");
    CHECK_FALSE(tracker_destroyed);
  }
  CHECK(tracker_destroyed);
}

namespace {
// Handlers may keep the Plugin (it lives until shutdown), e.g. to announce changes later.
void register_watcher(ah::Plugin& plugin) {
  plugin.action("refresh", [&plugin](ah::Context&, const ah::None&) {
    plugin.notify(ah::Change::resources);
    plugin.notify(ah::Change::resource_updated, "notes://all");
  });
}
} // namespace

TEST_CASE("registration: the plugin can tell the host about changes without a call") {
  FakeHost host;
  REQUIRE(host.init(&ah::init_plugin<&register_watcher>) == AH_OK);
  ah_call call;
  CHECK(host.invoke("refresh", "{}", call) == AH_OK);
  CHECK(call.notifications.empty());
  CHECK(host.notifications ==
        std::vector<std::pair<ah_notify_kind, std::string>>{
            {AH_NOTIFY_RESOURCES_CHANGED, ""}, {AH_NOTIFY_RESOURCE_UPDATED, "notes://all"}});
}

// The entry point, as a plugin library defines it.
AH_PLUGIN("notes", "1.2.3", "Notes", "Keeps notes") {
  plugin.action("save_note", save_note).description("Stores a note");
}

TEST_CASE("registration: AH_PLUGIN defines the entry point and its static definition") {
  const ah_plugin_def* def = actionhost_plugin();
  REQUIRE(def == actionhost_plugin()); // one static definition
  CHECK(def->struct_size == sizeof(ah_plugin_def));
  CHECK(def->abi_major == AH_ABI_VERSION_MAJOR);
  CHECK(def->abi_minor == AH_ABI_VERSION_MINOR);
  CHECK(ah::view(def->id) == "notes");
  CHECK(ah::view(def->version) == "1.2.3");
  CHECK(ah::view(def->title) == "Notes");
  CHECK(ah::view(def->description) == "Keeps notes");
  FakeHost host;
  REQUIRE(host.init(def->init, def->shutdown) == AH_OK);
  CHECK(host.action("save_note").description == "Stores a note");
}
