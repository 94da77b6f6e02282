// Posting and people through the real host: send_message by name or id and in threads,
// send_direct_message by email (three Slack methods in one action), lookup_user_by_email, the
// proxy waiting out Slack's 429 Retry-After, token rotation, and honest tool annotations.
#include "slack_host.hpp"

#include <Poco/JSON/Parser.h>

#include <chrono>

using namespace slack_test;
using Catch::Matchers::Contains;

namespace {

Poco::JSON::Object::Ptr json_body(const actionhost::fakes::Request& request) {
  return Poco::JSON::Parser().parse(request.body).extract<Poco::JSON::Object::Ptr>();
}

} // namespace

TEST_CASE("slack send_message: a channel name is resolved to its id, threads are kept",
          "[providers][slack]") {
  SlackHost host;
  auto sent = host.call("send_message", R"({"channel": "#ops", "text": "Deploy done :rocket:"})");
  INFO(sent.text);
  REQUIRE_FALSE(sent.is_error);
  CHECK(sent.structured->getValue<std::string>("channel_id") == "C0OPS00001");
  std::string ts = sent.structured->getValue<std::string>("ts");
  auto posted = host.slack.messages("C0OPS00001");
  REQUIRE(posted.size() == 1);
  CHECK(posted[0].text == "Deploy done :rocket:");
  CHECK(posted[0].ts == ts);
  auto request = host.slack.calls("chat.postMessage").at(0);
  CHECK(request.method == "POST");
  CHECK_THAT(request.header("Content-Type"), Contains("application/json"));
  CHECK(json_body(request)->getValue<std::string>("channel") == "C0OPS00001");
  CHECK(request.header("Authorization") == std::string("Bearer ") + kToken);

  auto reply = host.call("send_message", R"({"channel": "C0OPS00001", "text": "Logs attached",
                                             "thread_ts": ")" +
                                             ts + R"("})");
  INFO(reply.text);
  REQUIRE_FALSE(reply.is_error);
  CHECK(reply.structured->getValue<std::string>("thread_ts") == ts);
  CHECK(host.slack.messages("C0OPS00001").at(1).thread_ts == ts);
  // An id needs no lookup: one conversations.list call in all, for '#ops'.
  CHECK(host.slack.calls("conversations.list").size() == 1);
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack send_message: unknown, archived and foreign channels are tool errors naming "
          "the channel",
          "[providers][slack]") {
  SlackHost host;
  auto unknown = host.call("send_message", R"({"channel": "ops-eu", "text": "hi"})");
  CHECK(unknown.is_error);
  CHECK(unknown.text ==
        "channel 'ops-eu' not found; list_channels shows the channels this connection can see");
  auto archived = host.call("send_message", R"({"channel": "old-news", "text": "hi"})");
  CHECK(archived.is_error);
  CHECK_THAT(archived.text, Contains("channel 'old-news' is archived"));
  auto outside = host.call("send_message", R"({"channel": "C0RANDOM01", "text": "hi"})");
  CHECK(outside.is_error);
  CHECK_THAT(outside.text, Contains("not a member of channel 'C0RANDOM01'"));
  auto bad_thread = host.call("send_message", R"({"channel": "ops", "text": "hi",
                                                  "thread_ts": "yesterday"})");
  CHECK(bad_thread.is_error); // refused by the schema before Slack is asked
  CHECK(host.slack.messages("C0OPS00001").empty());
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack send_direct_message: looks the person up by email, opens the conversation and "
          "posts, in one action",
          "[providers][slack]") {
  SlackHost host;
  auto sent = host.call("send_direct_message",
                        R"({"email": "ada@example.com", "text": "Your report is ready"})");
  INFO(sent.text);
  REQUIRE_FALSE(sent.is_error);
  CHECK(sent.structured->getValue<std::string>("user_id") == "U0ADA00001");
  std::string dm = sent.structured->getValue<std::string>("channel_id");
  CHECK(dm == "D0ADA00001");
  REQUIRE(host.slack.messages(dm).size() == 1);
  CHECK(host.slack.messages(dm)[0].text == "Your report is ready");
  CHECK(host.slack.calls("users.lookupByEmail").at(0).param("email") == "ada@example.com");
  CHECK(json_body(host.slack.calls("conversations.open").at(0))->getValue<std::string>("users") ==
        "U0ADA00001");
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack send_direct_message: an unknown email or a deactivated account stops before "
          "anything is posted",
          "[providers][slack]") {
  SlackHost host;
  auto unknown =
      host.call("send_direct_message", R"({"email": "nobody@example.com", "text": "hello"})");
  CHECK(unknown.is_error);
  CHECK_THAT(unknown.text, Contains("no Slack user has the email 'nobody@example.com'"));
  auto gone = host.call("send_direct_message", R"({"email": "gone@example.com", "text": "hi"})");
  CHECK(gone.is_error);
  CHECK_THAT(gone.text, Contains("deactivated"));
  CHECK(host.slack.calls("conversations.open").empty());
  CHECK(host.slack.calls("chat.postMessage").empty());
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack lookup_user_by_email: the person's ids, names and time zone, or users_not_found "
          "named",
          "[providers][slack]") {
  SlackHost host;
  auto found = host.call("lookup_user_by_email", R"({"email": "ada@example.com"})");
  INFO(found.text);
  REQUIRE_FALSE(found.is_error);
  CHECK(found.structured->getValue<std::string>("id") == "U0ADA00001");
  CHECK(found.structured->getValue<std::string>("real_name") == "Ada Lovelace");
  CHECK(found.structured->getValue<std::string>("email") == "ada@example.com");
  CHECK(found.structured->getValue<std::string>("time_zone") == "Europe/Paris");
  CHECK_FALSE(found.structured->getValue<bool>("deleted"));
  CHECK(host.slack.calls("users.lookupByEmail").at(0).method == "GET");

  auto missing = host.call("lookup_user_by_email", R"({"email": "eve@example.com"})");
  CHECK(missing.is_error);
  CHECK_THAT(missing.text, Contains("'eve@example.com'"));
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack rate limits: the proxy waits out 429 Retry-After, and the message is posted "
          "once",
          "[providers][slack]") {
  SlackHost host;
  host.slack.rate_limit("chat.postMessage", 1, 1);
  host.slack.rate_limit("conversations.history", 1, 1);
  auto start = std::chrono::steady_clock::now();
  auto sent = host.call("send_message", R"({"channel": "C0OPS00001", "text": "after the wait"})");
  INFO(sent.text);
  REQUIRE_FALSE(sent.is_error);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(950));
  CHECK(host.slack.calls("chat.postMessage").size() == 2);
  CHECK(host.slack.messages("C0OPS00001").size() == 1);

  auto history = host.call("get_channel_history", R"({"channel": "C0GENERAL1", "limit": 1})");
  INFO(history.text);
  REQUIRE_FALSE(history.is_error);
  CHECK(host.slack.calls("conversations.history").size() == 2);

  // Still limited after every attempt: a tool error that says so.
  host.slack.rate_limit("users.lookupByEmail", 10, 1);
  auto limited = host.call("lookup_user_by_email", R"({"email": "ada@example.com"})");
  CHECK(limited.is_error);
  CHECK_THAT(limited.text, Contains("rate limiting"));
  CHECK(host.slack.calls("users.lookupByEmail").size() == 4); // max_attempts in integration.yaml
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack server errors: reads are retried, a post is not (it may have gone through)",
          "[providers][slack]") {
  SlackHost host;
  host.slack.fail("conversations.list", 1, 503);
  auto listed = host.call("list_channels", R"({"limit": 1})");
  INFO(listed.text);
  REQUIRE_FALSE(listed.is_error);
  CHECK(host.slack.calls("conversations.list").size() == 2);

  host.slack.fail("chat.postMessage", 1, 503);
  auto sent = host.call("send_message", R"({"channel": "C0OPS00001", "text": "once"})");
  CHECK(sent.is_error);
  CHECK(sent.text == "Slack answered HTTP 503 to chat.postMessage; try again later");
  CHECK(host.slack.calls("chat.postMessage").size() == 1);
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack token rotation: an expiring token is refreshed through oauth.v2.access before "
          "the call",
          "[providers][slack]") {
  // The CLI records the token as expiring in 60 s, inside the 5 min refresh margin; Slack
  // already considers it expired.
  SlackHost host("xoxe.xoxb-1-about-to-expire", "60");
  host.slack.expire_token("xoxe.xoxb-1-about-to-expire");
  auto listed = host.call("list_channels", R"({"limit": 1})");
  INFO(listed.text);
  REQUIRE_FALSE(listed.is_error);
  CHECK(host.slack.refreshes() == 1);
  CHECK(host.slack.calls("conversations.list").at(0).header("Authorization") ==
        "Bearer xoxe.xoxb-1-refreshed-1");
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack tools: reads are read-only, sends are not idempotent, every tool has an output "
          "schema",
          "[providers][slack]") {
  SlackHost host;
  auto list = host.tools();
  for (const char* name : {"list_channels", "get_channel_history", "lookup_user_by_email",
                           "send_message", "send_direct_message"}) {
    INFO(name);
    auto tool = provider_test::tool_named(list, name);
    REQUIRE(tool);
    CHECK(tool->getObject("outputSchema"));
    auto annotations = tool->getObject("annotations");
    REQUIRE(annotations);
    bool sends = std::string(name).rfind("send_", 0) == 0;
    CHECK(annotations->getValue<bool>("readOnlyHint") == !sends);
    CHECK(annotations->getValue<bool>("idempotentHint") == !sends);
    CHECK(annotations->getValue<bool>("openWorldHint"));
    if (sends)
      CHECK_FALSE(annotations->getValue<bool>("destructiveHint"));
  }
}
