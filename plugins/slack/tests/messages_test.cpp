// send_message, send_direct_message and lookup_user_by_email against handlers written here: the
// JSON bodies the plugin posts, the three steps of a direct message, and the errors of each step.
#include "slack_replies.hpp"
#include "types.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace slack_test;

namespace {

const char* kAda = R"({"ok":true,"user":{"id":"U0ADA00001","name":"ada","tz":"Europe/London",
  "profile":{"real_name":"Ada Lovelace","display_name":"ada.l","email":"ada@example.com"}}})";

ProviderResponse posted(const std::string& channel, const std::string& ts) {
  return ProviderResponse::json(R"({"ok":true,"channel":")" + channel + R"(","ts":")" + ts +
                                R"(","message":{"text":"hi"}})");
}

} // namespace

TEST_CASE("send_message posts JSON with a charset to chat.postMessage and keeps the thread") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("POST", "/chat.postMessage", posted("C0OPS00001", "1700000100.000100"));

  auto result = plugin.call<slack::SendMessageOut>(
      "send_message", slack::SendMessageIn{"C0OPS00001", "Deploy *done*", "1700000001.000100"},
      provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->channel_id == "C0OPS00001");
  CHECK(result->ts == "1700000100.000100");
  CHECK(result->thread_ts == "1700000001.000100");
  auto sent = provider.requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].header("Content-Type") == "application/json; charset=utf-8");
  CHECK(ah::json::stringify(sent[0].json()) ==
        R"({"channel":"C0OPS00001","text":"Deploy *done*","thread_ts":"1700000001.000100"})");
}

TEST_CASE("send_message explains what Slack refused in the message's own terms") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  slack::SendMessageIn in{"C0OPS00001", "hello", std::nullopt};

  provider.on("POST", "/chat.postMessage", slack_error("msg_too_long"));
  CHECK_THAT(plugin.call<slack::SendMessageOut>("send_message", in, provider),
             FailsWith(AH_ERR_TOOL, "the message text is too long for Slack; shorten it"));

  provider.on("POST", "/chat.postMessage", slack_error("thread_not_found"));
  CHECK_THAT(plugin.call<slack::SendMessageOut>("send_message", in, provider),
             FailsWith(AH_ERR_TOOL, "no thread with that thread_ts in channel 'C0OPS00001'"));

  provider.on("POST", "/chat.postMessage", slack_error("is_archived"));
  CHECK_THAT(plugin.call<slack::SendMessageOut>("send_message", in, provider),
             FailsWith(AH_ERR_TOOL, "channel 'C0OPS00001' is archived; nothing can be posted"));

  // Accepted, but the answer says neither where nor which message: not a success to report.
  provider.on("POST", "/chat.postMessage", ProviderResponse::json(R"({"ok":true})"));
  CHECK_THAT(plugin.call<slack::SendMessageOut>("send_message", in, provider),
             FailsWith(AH_ERR_UPSTREAM, "Slack accepted the message but sent no channel or ts"));
}

TEST_CASE("send_message to an unknown channel name posts nothing") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/conversations.list", channels_page({channel("C01", "general")}));

  auto result = plugin.call<slack::SendMessageOut>(
      "send_message", slack::SendMessageIn{"ops", "hello", std::nullopt}, provider);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "channel 'ops' not found"));
  for (const auto& request : provider.requests())
    CHECK(request.method == "GET");
}

TEST_CASE("send_direct_message finds the person, opens the conversation and posts to it") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/users.lookupByEmail", ProviderResponse::json(kAda));
  provider.on("POST", "/conversations.open",
              ProviderResponse::json(R"({"ok":true,"channel":{"id":"D0ADA00001"}})"));
  provider.on("POST", "/chat.postMessage", posted("D0ADA00001", "1700000200.000100"));

  auto result = plugin.call<slack::SendDirectMessageOut>(
      "send_direct_message", slack::SendDirectMessageIn{{"ada@example.com"}, "Lunch?"}, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->user_id == "U0ADA00001");
  CHECK(result->channel_id == "D0ADA00001");
  CHECK(result->ts == "1700000200.000100");
  auto sent = provider.requests();
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].line() == "GET /users.lookupByEmail?email=ada@example.com");
  CHECK(ah::json::stringify(sent[1].json()) == R"({"users":"U0ADA00001"})");
  CHECK(ah::json::stringify(sent[2].json()) == R"({"channel":"D0ADA00001","text":"Lunch?"})");
}

TEST_CASE("send_direct_message stops before opening a conversation with a deactivated account "
          "or one Slack cannot message") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/users.lookupByEmail",
              ProviderResponse::json(R"({"ok":true,"user":{"id":"U0GONE0001","name":"gone",
                                        "deleted":true}})"));
  slack::SendDirectMessageIn in{{"gone@example.com"}, "hello"};

  CHECK_THAT(plugin.call<slack::SendDirectMessageOut>("send_direct_message", in, provider),
             FailsWith(AH_ERR_TOOL, "the Slack account of 'gone@example.com' is deactivated"));
  CHECK(provider.requests().size() == 1);

  provider.on("GET", "/users.lookupByEmail", ProviderResponse::json(kAda));
  provider.on("POST", "/conversations.open", slack_error("cannot_dm_bot"));
  in.email.value = "ada@example.com";
  CHECK_THAT(plugin.call<slack::SendDirectMessageOut>("send_direct_message", in, provider),
             FailsWith(AH_ERR_TOOL, "Slack cannot open a direct message with 'ada@example.com' "
                                    "(cannot_dm_bot)"));
  for (const auto& request : provider.requests())
    CHECK(request.path != "/chat.postMessage");
}

TEST_CASE("lookup_user_by_email reads names from the profile, and says when nobody has the email") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/users.lookupByEmail", [](const ProviderRequest& request) {
    if (request.query_param("email") == "ada@example.com")
      return ProviderResponse::json(kAda);
    return slack_error("users_not_found");
  });

  auto ada = plugin.call<slack::User>("lookup_user_by_email",
                                      slack::LookupUserIn{{"ada@example.com"}}, provider);
  REQUIRE_THAT(ada, Succeeds());
  CHECK(ada->real_name == "Ada Lovelace"); // from the profile: the user has none of its own
  CHECK(ada->display_name == "ada.l");
  CHECK(ada->time_zone == "Europe/London");
  CHECK_FALSE(ada->is_bot);

  auto nobody = plugin.call<slack::User>("lookup_user_by_email",
                                         slack::LookupUserIn{{"nobody@example.com"}}, provider);
  CHECK_THAT(nobody, FailsWith(AH_ERR_TOOL, "no Slack user has the email 'nobody@example.com' in "
                                            "this workspace"));

  provider.on("GET", "/users.lookupByEmail", ProviderResponse::json(R"({"ok":true,"user":{}})"));
  CHECK_THAT(plugin.call<slack::User>("lookup_user_by_email",
                                      slack::LookupUserIn{{"ada@example.com"}}, provider),
             FailsWith(AH_ERR_UPSTREAM, "Slack's users.lookupByEmail answer has no user id"));
}
