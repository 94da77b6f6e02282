// The sample plugin, loaded from its shared library as the host loads it, and driven through
// the fake host: its actions, resource and prompt behave as its descriptions say.
#include "fake_host.hpp"
#include "json_text.hpp"

#include <catch2/catch.hpp>
#include <dlfcn.h>

namespace {

struct SamplePlugin {
  SamplePlugin() {
    library = dlopen(ACTIONHOST_SAMPLE_PLUGIN, RTLD_NOW | RTLD_LOCAL);
    REQUIRE(library != nullptr);
    auto entry = reinterpret_cast<ah_plugin_entry_fn>(dlsym(library, AH_PLUGIN_ENTRY_SYMBOL));
    REQUIRE(entry != nullptr);
    def = entry();
    host = std::make_unique<FakeHost>();
    REQUIRE(host->init(def->init, def->shutdown) == AH_OK);
  }
  ~SamplePlugin() {
    host.reset(); // shutdown runs before the library goes away
    dlclose(library);
  }
  // The structured result of one action call, parsed.
  ah::JsonObject call(const std::string& action, const std::string& arguments) {
    ah_call c;
    REQUIRE(host->invoke(action, arguments, c) == AH_OK);
    REQUIRE(c.structured.size() == 1);
    return ah::json::parse_object(c.structured[0]);
  }
  void* library = nullptr;
  const ah_plugin_def* def = nullptr;
  std::unique_ptr<FakeHost> host;
};

} // namespace

TEST_CASE("sample plugin: identifies itself and registers its actions") {
  SamplePlugin p;
  CHECK(ah::view(p.def->id) == "sample");
  std::vector<std::string> names;
  for (const auto& a : p.host->registrar.actions)
    names.push_back(a.name);
  CHECK(names == std::vector<std::string>{"echo", "add", "current_time"});
  CHECK(p.host->action("echo").read_only == AH_TRUE);
  CHECK(p.host->action("current_time").idempotent == AH_FALSE);
}

TEST_CASE("sample plugin: echo and add") {
  SamplePlugin p;
  CHECK(p.call("echo", R"({"text":"héllo"})")->getValue<std::string>("text") == "héllo");
  CHECK(p.call("add", R"({"a":1.5,"b":2})")->getValue<double>("sum") == 3.5);
  ah_call bad;
  CHECK(p.host->invoke("add", R"({"a":"1"})", bad) == AH_ERR_INVALID_ARGUMENT);
  CHECK(bad.errors == std::vector<std::string>{
                          "invalid arguments: a: expected number; b: required field missing"});
}

TEST_CASE("sample plugin: current_time answers in UTC, in the format asked") {
  SamplePlugin p;
  auto plain = p.call("current_time", "{}");
  std::string utc = plain->getValue<std::string>("utc");
  CHECK(ah::DateTime::valid(utc));
  CHECK(utc.back() == 'Z');
  CHECK(ah::DateTime::valid(plain->getValue<std::string>("formatted")));
  auto http = p.call("current_time", R"({"format":"rfc1123"})");
  CHECK(http->getValue<std::string>("formatted").find(" GMT") != std::string::npos);
  auto epoch = p.call("current_time", R"({"format":"unix_seconds"})");
  auto seconds = std::stoll(epoch->getValue<std::string>("formatted"));
  CHECK(std::abs(seconds -
                 ah::DateTime{epoch->getValue<std::string>("utc")}.timestamp().epochTime()) <= 1);
}

TEST_CASE("sample plugin: the readme resource and the summarize prompt") {
  SamplePlugin p;
  ah_call read;
  REQUIRE(p.host->read("sample://readme", read) == AH_OK);
  CHECK(read.content.at(0).mime_type == "text/markdown");
  CHECK(read.content.at(0).text.rfind("# Sample plugin", 0) == 0);

  ah_call prompt;
  REQUIRE(p.host->get_prompt("summarize",
                             R"({"text":"Long text.","style":"bullet_points",)"
                             R"("language":"French"})",
                             prompt) == AH_OK);
  CHECK(prompt.prompt_messages.at(0).second.text ==
        "Summarize the following text (style: bullet_points) in French:\n\nLong text.");

  ah_call languages, styles;
  REQUIRE(p.host->complete_prompt("summarize", "language", "Fr", languages) == AH_OK);
  CHECK(languages.completions == std::vector<std::string>{"French"});
  REQUIRE(p.host->complete_prompt("summarize", "style", "b", styles) == AH_OK);
  CHECK(styles.completions == std::vector<std::string>{"brief", "bullet_points"});
}
