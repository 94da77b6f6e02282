// What every Slack method can answer (a rejected token, a missing scope, a rate limit that
// outlasted the proxy's retries, an HTTP failure) and arguments the input schemas refuse before
// anything is sent.
#include "slack_replies.hpp"
#include "types.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace slack_test;

TEST_CASE("A rejected token or a missing scope tells the model the connection must change") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  slack::ListChannelsIn in;

  provider.on("GET", "/conversations.list", slack_error("token_revoked"));
  CHECK_THAT(plugin.call<slack::ListChannelsOut>("list_channels", in, provider),
             FailsWith(AH_ERR_TOOL, "Slack rejected this connection's token (token_revoked); the "
                                    "connection must be reconnected"));

  provider.on("GET", "/conversations.list",
              slack_error("missing_scope", R"("needed":"groups:read")"));
  CHECK_THAT(plugin.call<slack::ListChannelsOut>("list_channels", in, provider),
             FailsWith(AH_ERR_TOOL, "this Slack connection lacks the permission 'groups:read'; "
                                    "reconnect it with that scope granted"));

  provider.on("GET", "/conversations.list", ProviderResponse::json(R"({"ok":false})"));
  CHECK_THAT(plugin.call<slack::ListChannelsOut>("list_channels", in, provider),
             FailsWith(AH_ERR_TOOL, "Slack refused conversations.list: unknown_error"));
}

TEST_CASE("A rate limit or an HTTP failure the proxy could not retry away says when to try again") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  slack::LookupUserIn in{{"ada@example.com"}};

  auto limited = ProviderResponse::json(R"({"ok":false,"error":"ratelimited"})", 429);
  limited.headers.emplace_back("Retry-After", "30");
  provider.on("GET", "/users.lookupByEmail", limited);
  CHECK_THAT(plugin.call<slack::User>("lookup_user_by_email", in, provider),
             FailsWith(AH_ERR_TOOL, "Slack is still rate limiting this connection after waiting; "
                                    "retry in 30 seconds"));

  provider.on("GET", "/users.lookupByEmail", ProviderResponse::text("upstream connect error", 503));
  CHECK_THAT(plugin.call<slack::User>("lookup_user_by_email", in, provider),
             FailsWith(AH_ERR_TOOL, "Slack answered HTTP 503 to users.lookupByEmail; try again "
                                    "later"));

  provider.on("GET", "/users.lookupByEmail", ProviderResponse::fail(AH_ERR_TIMEOUT, "no answer"));
  CHECK_THAT(plugin.call<slack::User>("lookup_user_by_email", in, provider),
             FailsWith(AH_ERR_TIMEOUT, "no answer"));
}

TEST_CASE("Arguments the input schemas refuse never reach Slack") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;

  CHECK_THAT(plugin.call_json("send_direct_message", R"({"email":"ada","text":"hi"})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "email"));
  CHECK_THAT(plugin.call_json("send_message",
                              R"({"channel":"ops","text":"hi","thread_ts":"yesterday"})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "thread_ts"));
  CHECK_THAT(plugin.call_json("send_message", R"({"channel":"ops","text":""})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "text"));
  CHECK_THAT(plugin.call_json("list_channels", R"({"limit":1001})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "limit"));
  CHECK_THAT(plugin.call_json("list_channels", R"({"types":["dm"]})", provider),
             FailsWith(AH_ERR_INVALID_ARGUMENT, "types"));
  CHECK_THAT(
      plugin.call_json("get_channel_history", R"({"channel":"ops","oldest":"today"})", provider),
      FailsWith(AH_ERR_INVALID_ARGUMENT, "oldest"));
  CHECK(provider.requests().empty());
}
