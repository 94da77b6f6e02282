// Resources, resource templates and prompts, in the same typed style as actions, with
// completions for their arguments.
#include "fake_host.hpp"
#include "json_text.hpp"

#include <catch2/catch.hpp>

namespace {

enum class Tone { formal, casual };
} // namespace

// Right after the enum: the names must be known before any code uses the enum as JSON.
template <> struct ah::enum_names<Tone> {
  static constexpr ah::enumerator<Tone> values[] = {{Tone::formal, "formal"},
                                                    {Tone::casual, "casual"}};
};

namespace {

struct NoteVars {
  std::string id;
  static auto fields() { return std::tuple{ah::field("id", &NoteVars::id)}; }
};

struct ReplyArgs {
  std::string message;
  std::optional<Tone> tone;
  std::optional<std::string> signature;
  static auto fields() {
    return std::tuple{ah::field("message", &ReplyArgs::message, "The message to answer"),
                      ah::field("tone", &ReplyArgs::tone, "formal or casual"),
                      ah::field("signature", &ReplyArgs::signature)};
  }
};

std::vector<ah::Content> read_note(ah::Context& ctx, const NoteVars& vars) {
  if (vars.id == "missing")
    throw ah::NotFound("no note '" + vars.id + "'");
  if (vars.id == "broken")
    throw std::logic_error("index corrupt");
  return {ah::content::resource_text({}, "note " + vars.id),
          ah::content::resource_blob(std::string(ctx.uri()) + "/raw", "\x01\x02",
                                     "application/octet-stream")};
}

std::vector<ah::PromptMessage> reply(ah::Context&, const ReplyArgs& args) {
  std::string tone(ah::enum_to_name(args.tone.value_or(Tone::formal)).value());
  return {ah::PromptMessage::user("Answer in a " + tone + " tone: " + args.message),
          ah::PromptMessage::assistant("Sure." + (args.signature ? " " + *args.signature : ""))};
}

void register_content(ah::Plugin& plugin) {
  plugin.resource("notes://readme", "readme", [](ah::Context&) { return std::string("# Notes"); })
      .title("Read me")
      .description("About the notes")
      .mime_type("text/markdown");
  plugin.resource_template("notes://notes/{id}", "note", read_note)
      .mime_type("text/plain")
      .complete("id", [](ah::Context&, std::string_view prefix) {
        return std::vector<std::string>{std::string(prefix) + "1", std::string(prefix) + "2"};
      });
  plugin.prompt("reply", reply)
      .title("Reply")
      .description("Drafts a reply")
      .complete("signature", ah::complete_from({"Ada", "Alan", "Grace"}));
}

struct Fixture {
  Fixture() { REQUIRE(host.init(&ah::init_plugin<&register_content>) == AH_OK); }
  FakeHost host;
  ah_call call;
};

} // namespace

TEST_CASE_METHOD(Fixture, "resources: registered with their URI, name and MIME type") {
  REQUIRE(host.registrar.resources.size() == 1);
  const RegisteredResource& r = host.registrar.resources[0];
  CHECK(r.uri == "notes://readme");
  CHECK(r.name == "readme");
  CHECK(r.title == "Read me");
  CHECK(r.description == "About the notes");
  CHECK(r.mime_type == "text/markdown");
}

TEST_CASE_METHOD(Fixture, "resources: a reader returning text sends it with the URI and MIME "
                          "type") {
  CHECK(host.read("notes://readme", call) == AH_OK);
  REQUIRE(call.content.size() == 1);
  CHECK(call.content[0].kind == AH_CONTENT_RESOURCE);
  CHECK(call.content[0].uri == "notes://readme");
  CHECK(call.content[0].mime_type == "text/markdown");
  CHECK(call.content[0].text == "# Notes");
}

TEST_CASE_METHOD(Fixture, "resources: a template decodes its variables and may send several "
                          "blocks") {
  CHECK(host.read_template("notes://notes/{id}", "notes://notes/7", R"({"id":"7"})", call) ==
        AH_OK);
  REQUIRE(call.content.size() == 2);
  CHECK(call.content[0].uri == "notes://notes/7"); // filled in from the URI being read
  CHECK(call.content[0].mime_type == "text/plain");
  CHECK(call.content[0].text == "note 7");
  CHECK(call.content[1].uri == "notes://notes/7/raw");
  CHECK(call.content[1].data == "\x01\x02");
  CHECK(call.content[1].mime_type == "application/octet-stream");
}

TEST_CASE_METHOD(Fixture, "resources: errors while reading become statuses") {
  ah_call missing, broken, bad_vars;
  CHECK(host.read_template("notes://notes/{id}", "notes://notes/missing", R"({"id":"missing"})",
                           missing) == AH_ERR_NOT_FOUND);
  CHECK(missing.errors == std::vector<std::string>{"no note 'missing'"});
  CHECK(host.read_template("notes://notes/{id}", "notes://notes/broken", R"({"id":"broken"})",
                           broken) == AH_ERR_INTERNAL);
  CHECK(broken.errors ==
        std::vector<std::string>{"internal error in resource template 'notes://notes/{id}': "
                                 "index corrupt"});
  CHECK(host.read_template("notes://notes/{id}", "notes://x", R"({"name":"x"})", bad_vars) ==
        AH_ERR_INVALID_ARGUMENT);
}

TEST_CASE_METHOD(Fixture, "resources: template variables complete through their completer") {
  CHECK(host.complete_template("notes://notes/{id}", "id", "4", call) == AH_OK);
  CHECK(call.completions == std::vector<std::string>{"41", "42"});
}

TEST_CASE_METHOD(Fixture, "prompts: arguments are derived from the argument struct") {
  REQUIRE(host.registrar.prompts.size() == 1);
  const RegisteredPrompt& p = host.registrar.prompts[0];
  CHECK(p.title == "Reply");
  CHECK(p.description == "Drafts a reply");
  CHECK(canonical(p.arguments) == canonical(R"([
    {"name": "message", "description": "The message to answer", "required": true},
    {"name": "tone", "description": "formal or casual", "required": false},
    {"name": "signature", "required": false}])"));
}

TEST_CASE_METHOD(Fixture, "prompts: get decodes the arguments and sends the messages") {
  CHECK(host.get_prompt("reply", R"({"message":"Hi!","tone":"casual","signature":"Ada"})", call) ==
        AH_OK);
  REQUIRE(call.prompt_messages.size() == 2);
  CHECK(call.prompt_messages[0].first == "user");
  CHECK(call.prompt_messages[0].second.text == "Answer in a casual tone: Hi!");
  CHECK(call.prompt_messages[1].first == "assistant");
  CHECK(call.prompt_messages[1].second.text == "Sure. Ada");
}

TEST_CASE_METHOD(Fixture, "prompts: missing or bad arguments are invalid arguments") {
  CHECK(host.get_prompt("reply", R"({"tone":"angry"})", call) == AH_ERR_INVALID_ARGUMENT);
  CHECK(call.errors == std::vector<std::string>{"invalid arguments: message: required field "
                                                "missing; tone: expected one of formal, casual"});
}

TEST_CASE_METHOD(Fixture, "prompts: enum arguments complete from their names by themselves") {
  CHECK(host.complete_prompt("reply", "tone", "CA", call) == AH_OK);
  CHECK(call.completions == std::vector<std::string>{"casual"});
}

TEST_CASE_METHOD(Fixture, "prompts: complete_from offers the values starting with the prefix") {
  CHECK(host.complete_prompt("reply", "signature", "a", call) == AH_OK);
  CHECK(call.completions == std::vector<std::string>{"Ada", "Alan"});
}

TEST_CASE_METHOD(Fixture, "prompts: an argument without a completer gets no values") {
  CHECK(host.complete_prompt("reply", "message", "H", call) == AH_OK);
  CHECK(call.completions.empty());
}

namespace {
void register_many_completions(ah::Plugin& plugin) {
  plugin
      .prompt("p", [](ah::Context&, const ReplyArgs&) { return std::vector<ah::PromptMessage>{}; })
      .complete("message",
                [](ah::Context&, std::string_view) { return std::vector<std::string>(150, "x"); })
      .complete("signature", [](ah::Context&, std::string_view) -> std::vector<std::string> {
        throw std::runtime_error("directory offline");
      });
}
} // namespace

TEST_CASE("prompts: completions are capped at 100 and completer errors are reported") {
  FakeHost host;
  REQUIRE(host.init(&ah::init_plugin<&register_many_completions>) == AH_OK);
  ah_call many, failing;
  CHECK(host.complete_prompt("p", "message", "", many) == AH_OK);
  CHECK(many.completions.size() == 100);
  CHECK(host.complete_prompt("p", "signature", "", failing) == AH_ERR_INTERNAL);
  CHECK(failing.errors ==
        std::vector<std::string>{"internal error in prompt 'p': directory offline"});
}
