// Invoking actions through the trampoline: arguments decoded, results encoded, and every
// exception turned into host->set_error plus a status. Nothing is thrown across the ABI.
#include "fake_host.hpp"
#include "json_text.hpp"

#include <catch2/catch.hpp>

namespace {

struct Sum {
  std::int32_t a = 0;
  std::int32_t b = 0;
  static auto fields() {
    return std::tuple{ah::field("a", &Sum::a).maximum(1000), ah::field("b", &Sum::b)};
  }
};
struct Total {
  std::int64_t total = 0;
  std::optional<std::string> note;
  static auto fields() {
    return std::tuple{ah::field("total", &Total::total), ah::field("note", &Total::note)};
  }
};

Total add(ah::Context&, const Sum& in) {
  return {in.a + in.b, std::nullopt};
}

struct Message {
  std::string kind;
  static auto fields() { return std::tuple{ah::field("kind", &Message::kind)}; }
};

// Throws what `kind` names, to show how each exception is reported.
ah::None fail(ah::Context&, const Message& in) {
  if (in.kind == "tool")
    throw ah::ToolError("calendar 'work' does not exist");
  if (in.kind == "not_found")
    throw ah::NotFound("no event with id 7");
  if (in.kind == "std")
    throw std::out_of_range("vector index 3");
  if (in.kind == "int")
    throw 7;
  if (in.kind == "input")
    throw ah::InputRequired{};
  return {};
}

void register_actions(ah::Plugin& plugin) {
  plugin.action("add", add);
  plugin.action("fail", fail);
  plugin.action<Sum, Total>("add_lambda", [](ah::Context&, const auto& in) {
    return Total{in.a + in.b, "from a generic lambda"};
  });
  plugin.action("nothing", [](ah::Context&, const ah::None&) {});
  plugin.action("rich", [](ah::Context&, const Message& in) {
    ah::ToolResult r;
    r.text("two blocks").image(std::string("\x89PNG", 4), "image/png");
    r.resource(ah::content::resource_text("note://1", "hello", "text/plain"));
    r.link("note://2", "second note", "The other one");
    r.structured_content(ah::json::parse_object(R"({"count": 2})"));
    if (in.kind == "error")
      return ah::ToolResult::error("quota exceeded, retry tomorrow");
    return r;
  });
  plugin.action("object", [](ah::Context&, const ah::None&) {
    return ah::json::parse_object(R"({"free": ["form"]})");
  });
  plugin.raw_action("raw", R"({"type": "object", "properties": {"q": {"type": "string"}}})",
                    [](ah::Context&, const ah::JsonObject& args) {
                      return ah::ToolResult().text("q=" + args->optValue<std::string>("q", "-"));
                    });
}

struct Fixture {
  Fixture() { REQUIRE(host.init(&ah::init_plugin<&register_actions>) == AH_OK); }
  FakeHost host;
  ah_call call;
};

} // namespace

TEST_CASE_METHOD(Fixture, "invoke: arguments are decoded and the result becomes structured "
                          "content") {
  CHECK(host.invoke("add", R"({"a": 2, "b": 3})", call) == AH_OK);
  CHECK(call.structured == std::vector<std::string>{R"({"total":5})"});
  CHECK(call.errors.empty());
  CHECK(call.content.empty()); // the host adds the text block from the structured result
}

TEST_CASE_METHOD(Fixture, "invoke: empty argument text is the empty object") {
  CHECK(host.invoke("nothing", "", call) == AH_OK);
}

TEST_CASE_METHOD(Fixture, "invoke: generic lambdas name their types") {
  CHECK(host.invoke("add_lambda", R"({"a": 1, "b": 1})", call) == AH_OK);
  CHECK(call.structured.at(0) == R"({"total":2,"note":"from a generic lambda"})");
}

TEST_CASE_METHOD(Fixture, "invoke: bad arguments are AH_ERR_INVALID_ARGUMENT listing every path") {
  CHECK(host.invoke("add", R"({"a": 5000, "b": "3", "c": 1})", call) == AH_ERR_INVALID_ARGUMENT);
  CHECK(call.errors == std::vector<std::string>{"invalid arguments: a: must be at most 1000; "
                                                "b: expected integer; c: unknown field"});
  CHECK(call.structured.empty());
}

TEST_CASE_METHOD(Fixture, "invoke: malformed argument JSON is an invalid argument too") {
  CHECK(host.invoke("add", "{nope", call) == AH_ERR_INVALID_ARGUMENT);
  CHECK(call.errors.at(0).rfind("invalid arguments: (root): invalid JSON", 0) == 0);
}

TEST_CASE_METHOD(Fixture, "invoke: ah::ToolError becomes AH_ERR_TOOL with its message") {
  CHECK(host.invoke("fail", R"({"kind": "tool"})", call) == AH_ERR_TOOL);
  CHECK(call.errors == std::vector<std::string>{"calendar 'work' does not exist"});
}

TEST_CASE_METHOD(Fixture, "invoke: other ah::Error types keep their status") {
  CHECK(host.invoke("fail", R"({"kind": "not_found"})", call) == AH_ERR_NOT_FOUND);
  CHECK(call.errors == std::vector<std::string>{"no event with id 7"});
}

TEST_CASE_METHOD(Fixture, "invoke: a std::exception is an internal error naming the action") {
  CHECK(host.invoke("fail", R"({"kind": "std"})", call) == AH_ERR_INTERNAL);
  CHECK(call.errors == std::vector<std::string>{"internal error in action 'fail': vector index 3"});
}

TEST_CASE_METHOD(Fixture, "invoke: anything else thrown is an unknown exception") {
  CHECK(host.invoke("fail", R"({"kind": "int"})", call) == AH_ERR_INTERNAL);
  CHECK(call.errors ==
        std::vector<std::string>{"internal error in action 'fail': unknown exception"});
}

TEST_CASE_METHOD(Fixture, "invoke: ah::InputRequired returns AH_ERR_INPUT_REQUIRED silently") {
  CHECK(host.invoke("fail", R"({"kind": "input"})", call) == AH_ERR_INPUT_REQUIRED);
  CHECK(call.errors.empty());
}

TEST_CASE_METHOD(Fixture, "invoke: ah::None and void results set nothing") {
  CHECK(host.invoke("fail", R"({"kind": "fine"})", call) == AH_OK);
  CHECK(host.invoke("nothing", "{}", call) == AH_OK);
  CHECK(call.structured.empty());
  CHECK(call.content.empty());
}

TEST_CASE_METHOD(Fixture, "invoke: an ah::ToolResult adds its blocks and structured content") {
  CHECK(host.invoke("rich", R"({"kind": "ok"})", call) == AH_OK);
  REQUIRE(call.content.size() == 4);
  CHECK(call.content[0].kind == AH_CONTENT_TEXT);
  CHECK(call.content[0].text == "two blocks");
  CHECK(call.content[1].kind == AH_CONTENT_IMAGE);
  CHECK(call.content[1].data == std::string("\x89PNG", 4));
  CHECK(call.content[1].mime_type == "image/png");
  CHECK(call.content[2].kind == AH_CONTENT_RESOURCE);
  CHECK(call.content[2].uri == "note://1");
  CHECK(call.content[2].text == "hello");
  CHECK(call.content[3].kind == AH_CONTENT_RESOURCE_LINK);
  CHECK(call.content[3].name == "second note");
  CHECK(call.structured == std::vector<std::string>{R"({"count":2})"});
}

TEST_CASE_METHOD(Fixture, "invoke: an ah::ToolResult marked as an error is AH_ERR_TOOL") {
  CHECK(host.invoke("rich", R"({"kind": "error"})", call) == AH_ERR_TOOL);
  CHECK(call.content.at(0).text == "quota exceeded, retry tomorrow");
  CHECK(call.errors == std::vector<std::string>{"quota exceeded, retry tomorrow"});
}

TEST_CASE_METHOD(Fixture, "invoke: a JSON object result is structured content without a schema") {
  CHECK(host.action("object").output_schema.empty());
  CHECK(host.invoke("object", "{}", call) == AH_OK);
  CHECK(call.structured == std::vector<std::string>{R"({"free":["form"]})"});
}

TEST_CASE_METHOD(Fixture, "invoke: raw actions get the argument object and keep their schema") {
  CHECK(canonical(host.action("raw").input_schema) ==
        canonical(R"({"type": "object", "properties": {"q": {"type": "string"}}})"));
  CHECK(host.invoke("raw", R"({"q": "cats"})", call) == AH_OK);
  CHECK(call.content.at(0).text == "q=cats");
  ah_call bad;
  CHECK(host.invoke("raw", "[]", bad) == AH_ERR_INVALID_ARGUMENT);
  CHECK(bad.errors ==
        std::vector<std::string>{"invalid arguments: (root): expected a JSON object"});
}
