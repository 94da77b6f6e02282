// Calling actions: validation before the plugin runs, the plugin's mistakes as tool errors,
// serialized actions, cancellation and the injected call services.
#include "fixtures.hpp"

#include "schema.hpp"

#include <atomic>
#include <thread>

using Catch::Matchers::Contains;
using namespace actionhost::plugins;

namespace {
Poco::JSON::Object::Ptr json(const std::string& text) {
  return actionhost::schema::parse_json_object(text);
}
} // namespace

TEST_CASE("a valid call returns content and structured content") {
  auto plugin = fixtures::load("good_minimal");
  auto result = plugin->action("echo")->call(json(R"({"text":"hi"})"));
  REQUIRE_FALSE(result.is_error);
  REQUIRE(result.structured_content);
  CHECK(actionhost::schema::to_json(result.structured_content) == R"({"echo":{"text":"hi"}})");
  CHECK(result.text() == R"({"text":"hi"})");
  std::string mcp = actionhost::schema::to_json(result.to_json());
  CHECK_THAT(mcp, Contains("\"structuredContent\""));
  CHECK_THAT(mcp, !Contains("isError"));
}

TEST_CASE("invalid arguments list every violation with its path and the plugin is not called") {
  auto plugin = fixtures::load("good_minimal");
  auto result = plugin->action("echo")->call(
      json(R"({"attendees":[{"email":"a@example.com"},{"email":5},{}]})"));
  CHECK(result.is_error);
  CHECK(result.status == AH_ERR_INVALID_ARGUMENT);
  CHECK_FALSE(result.structured_content);
  std::string text = result.text();
  INFO(text);
  CHECK_THAT(text, Contains("invalid arguments for tool 'echo'"));
  CHECK_THAT(text, Contains("(root): missing required property 'text'"));
  CHECK_THAT(text, Contains("/attendees/1/email: expected string, got integer"));
  CHECK_THAT(text, Contains("/attendees/2: missing required property 'email'"));
  CHECK_THAT(text, !Contains("could not be validated"));
  CHECK(std::string(R"({"isError":true})").size() > 0);
  CHECK_THAT(actionhost::schema::to_json(result.to_json()), Contains("\"isError\":true"));
}

TEST_CASE("an exception thrown by an action becomes a tool error and the host survives") {
  auto plugin = fixtures::load("throws_in_invoke");
  auto action = plugin->action("explode");
  for (int i = 0; i < 2; ++i) {
    auto result = action->call(nullptr);
    CHECK(result.is_error);
    CHECK(result.status == AH_ERR_INTERNAL);
    CHECK_THAT(result.text(), Contains("action 'explode' of plugin 'throws_in_invoke' let a C++ "
                                       "exception escape (widget index out of range)"));
  }
}

TEST_CASE("structured content that is not an object is a tool error") {
  auto plugin = fixtures::load("returns_malformed_structured");
  auto result = plugin->action("list_items")->call(nullptr);
  CHECK(result.is_error);
  CHECK_THAT(result.text(), Contains("action 'list_items' set structured content that is not a "
                                     "JSON object (expected a JSON object, got array)"));
  CHECK_FALSE(result.structured_content);
}

TEST_CASE("structured content that breaks the output schema is a tool error listing why") {
  auto plugin = fixtures::load("output_schema_mismatch");
  auto result = plugin->action("count_items")->call(nullptr);
  CHECK(result.is_error);
  std::string text = result.text();
  INFO(text);
  CHECK_THAT(text, Contains("does not match its output schema"));
  CHECK_THAT(text, Contains("/count: expected integer, got string"));
  CHECK_THAT(text, Contains("(root): missing required property 'items'"));
}

TEST_CASE("an error status without a message is a tool error naming the status") {
  auto plugin = fixtures::load("error_without_message");
  auto result = plugin->action("list_items")->call(nullptr);
  CHECK(result.is_error);
  CHECK(result.status == AH_ERR_UPSTREAM);
  CHECK(result.text() == "action 'list_items' failed with status 7 (upstream error) without an "
                         "error message");
}

TEST_CASE("text that is not UTF-8 is repaired with U+FFFD before it reaches JSON") {
  auto plugin = fixtures::load("invalid_utf8_text");
  auto result = plugin->action("list_items")->call(nullptr);
  CHECK_FALSE(result.is_error);
  CHECK(result.text() == "caf\xc3\xa9 \xef\xbf\xbd end \xef\xbf\xbd\xef\xbf\xbd");
}

TEST_CASE("content blocks become MCP JSON, binary data base64") {
  auto plugin = fixtures::load("good_minimal");
  auto result = plugin->action("blocks")->call(nullptr);
  REQUIRE_FALSE(result.is_error);
  REQUIRE(result.content->size() == 4);
  using actionhost::schema::to_json;
  CHECK(
      to_json(result.content->get(0)) ==
      R"({"annotations":{"audience":["user"]},"data":"AAEC/w==","mimeType":"image/png","type":"image"})");
  CHECK(to_json(result.content->get(1)) ==
        R"({"name":"readme","size":23,"type":"resource_link","uri":"good://readme"})");
  CHECK(to_json(result.content->get(2)) ==
        R"({"resource":{"blob":"aGk=","uri":"good://blob"},"type":"resource"})");
  CHECK(result.text() == "refused"); // the image without a mime type
}

TEST_CASE("a serialized action never runs twice at once") {
  auto plugin = fixtures::load("good_minimal");
  auto action = plugin->action("count_serial");
  std::vector<std::thread> threads;
  std::atomic<int> most{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      auto result = action->call(nullptr);
      if (result.structured_content)
        most = std::max(most.load(), result.structured_content->getValue<int>("most"));
    });
  for (auto& t : threads)
    t.join();
  CHECK(most == 1);
}

TEST_CASE("cancelling a call sets the flag the plugin polls") {
  auto plugin = fixtures::load("good_minimal");
  CallOptions options;
  options.cancel = std::make_shared<CancelToken>();
  std::thread canceller([token = options.cancel] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    token->cancel();
  });
  auto result = plugin->action("wait_for_cancel")->call(nullptr, options);
  canceller.join();
  CHECK(result.is_error);
  CHECK(result.status == AH_ERR_CANCELLED);
  CHECK(result.text() == "stopped: the call was cancelled");
}

TEST_CASE("a passed deadline reads as cancelled") {
  auto plugin = fixtures::load("good_minimal");
  CallOptions options;
  options.cancel = std::make_shared<CancelToken>();
  options.cancel->set_deadline(CancelToken::Clock::now() + std::chrono::milliseconds(20));
  auto result = plugin->action("wait_for_cancel")->call(nullptr, options);
  CHECK(result.status == AH_ERR_CANCELLED);
}

TEST_CASE("an action's own timeout_ms becomes the call's deadline") {
  auto plugin = fixtures::load("good_minimal");
  auto action = plugin->action("wait_for_timeout");
  CHECK(action->timeout_ms == 20);
  auto started = std::chrono::steady_clock::now();
  auto result = action->call(nullptr);
  CHECK(result.status == AH_ERR_CANCELLED);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(4));
}

TEST_CASE("a call cancelled before it starts never reaches the plugin") {
  auto plugin = fixtures::load("good_minimal");
  CallOptions options;
  options.cancel = std::make_shared<CancelToken>();
  options.cancel->cancel();
  auto result = plugin->action("echo")->call(json(R"({"text":"x"})"), options);
  CHECK(result.status == AH_ERR_CANCELLED);
  CHECK_THAT(result.text(), Contains("cancelled before it started"));
}

TEST_CASE("without a proxy, http_request fails with the default services' reason") {
  auto plugin = fixtures::load("good_minimal");
  auto result = plugin->action("fetch")->call(nullptr);
  CHECK(result.is_error);
  CHECK(result.status == AH_ERR_UNAVAILABLE);
  CHECK(result.text() == "no proxy is configured for this call");
}

namespace {
struct FakeProxy : DefaultCallServices {
  HttpRequest seen;
  ah_status http_request(const HttpRequest& request, HttpResponse& response) override {
    seen = request;
    response.status = 200;
    response.body = "three things";
    response.headers = {{"content-type", "text/plain"}};
    response.attempts = 1;
    return AH_OK;
  }
};
} // namespace

TEST_CASE("http_request goes through the caller's call services") {
  auto plugin = fixtures::load("good_minimal");
  FakeProxy proxy;
  CallOptions options;
  options.services = &proxy;
  auto result = plugin->action("fetch")->call(nullptr, options);
  CHECK_FALSE(result.is_error);
  CHECK(result.text() == "three things");
  CHECK(proxy.seen.method == "GET");
  CHECK(proxy.seen.url == "/things");
}

namespace {
struct FakeClient : DefaultCallServices {
  std::vector<ClientRequest> questions;
  bool answer = true;
  ah_status client_request(const ClientRequest& request, ClientReply& reply) override {
    questions.push_back(request);
    if (!answer)
      return AH_ERR_INPUT_REQUIRED;
    reply.result_json = R"({"action":"accept","key":")" + request.key + R"("})";
    return AH_OK;
  }
};
} // namespace

TEST_CASE("client requests reach the caller's services, keyed in the order asked") {
  auto plugin = fixtures::load("good_minimal");
  FakeClient client;
  CallOptions options;
  options.services = &client;
  auto result = plugin->action("ask")->call(nullptr, options);
  REQUIRE_FALSE(result.is_error);
  REQUIRE(client.questions.size() == 2);
  CHECK(client.questions[0].method == "elicitation/create");
  CHECK(client.questions[0].key == "1");
  CHECK(client.questions[1].key == "color");
  CHECK_THAT(result.text(), Contains(R"("key":"color")"));
}

TEST_CASE("AH_ERR_INPUT_REQUIRED passes through to the caller") {
  auto plugin = fixtures::load("good_minimal");
  FakeClient client;
  client.answer = false;
  CallOptions options;
  options.services = &client;
  auto result = plugin->action("ask")->call(nullptr, options);
  CHECK(result.is_error);
  CHECK(result.status == AH_ERR_INPUT_REQUIRED);
}

TEST_CASE("without a client, client requests are unsupported") {
  auto plugin = fixtures::load("good_minimal");
  auto result = plugin->action("ask")->call(nullptr);
  CHECK(result.status == AH_ERR_UNSUPPORTED);
  CHECK_THAT(result.text(), Contains("'elicitation/create' is unsupported"));
}

TEST_CASE("notify reaches the load options' sink, from init and from a call") {
  std::mutex mutex;
  std::vector<std::string> seen;
  LoadOptions options;
  fixtures::Log log;
  options.log = log.sink();
  options.notify = [&](const std::string& id, ah_notify_kind kind, const std::string& uri) {
    std::lock_guard lock(mutex);
    seen.push_back(id + " " + std::to_string(kind) + " " + uri);
  };
  auto plugin = load_plugin(fixtures::path("good_minimal"), options);
  FakeClient client;
  CallOptions call;
  call.services = &client;
  plugin->action("ask")->call(nullptr, call);
  CHECK(seen == std::vector<std::string>{"good_minimal 2 ", "good_minimal 1 good://readme"});
}

TEST_CASE("resources, templates, prompts and completions") {
  auto plugin = fixtures::load("good_minimal");

  auto readme = plugin->read_resource("good://readme");
  REQUIRE(readme.status == AH_OK);
  REQUIRE(readme.contents->size() == 1);
  CHECK(readme.contents->getObject(0)->getValue<std::string>("text") == "hello from good_minimal");
  CHECK(readme.contents->getObject(0)->getValue<std::string>("uri") == "good://readme");

  auto item = plugin->read_resource("good://items/a%20b");
  REQUIRE(item.status == AH_OK);
  CHECK(item.contents->getObject(0)->getValue<std::string>("text") == R"({"id":"a b"})");

  auto missing = plugin->read_resource("good://nothing/here");
  CHECK(missing.status == AH_ERR_NOT_FOUND);
  CHECK_THAT(missing.error, Contains("no resource or resource template for 'good://nothing/here'"));

  auto prompt = plugin->get_prompt("greet", json(R"({"who":"ada"})"));
  REQUIRE(prompt.status == AH_OK);
  REQUIRE(prompt.messages->size() == 1);
  CHECK(prompt.messages->getObject(0)->getValue<std::string>("role") == "user");
  CHECK(prompt.description == "Greets someone.");

  auto incomplete = plugin->get_prompt("greet", nullptr);
  CHECK(incomplete.status == AH_ERR_INVALID_ARGUMENT);
  CHECK(incomplete.error == "prompt 'greet' needs the argument 'who'");

  auto names = plugin->complete(Plugin::CompletionRef::prompt, "greet", "who", "a", nullptr);
  REQUIRE(names.status == AH_OK);
  CHECK(names.values == std::vector<std::string>{"ada", "alan"});
  CHECK_FALSE(names.has_more);
}

TEST_CASE("calls after shutdown are refused") {
  auto plugin = fixtures::load("good_minimal");
  auto echo = plugin->action("echo");
  plugin->shutdown();
  auto result = echo->call(json(R"({"text":"late"})"));
  CHECK(result.is_error);
  CHECK(result.text() == "plugin 'good_minimal' is shut down");
}
