// Slack channels through the real host: list_channels page by page, get_channel_history by id
// or name, and Slack's errors as tool errors a model can act on.
#include "slack_host.hpp"

using namespace slack_test;
using Catch::Matchers::Contains;

namespace {

std::vector<std::string> ids(const Poco::JSON::Array::Ptr& items) {
  std::vector<std::string> out;
  for (size_t i = 0; items && i < items->size(); ++i)
    out.push_back(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
  return out;
}

} // namespace

TEST_CASE("slack list_channels: the public and private channels this connection can see",
          "[providers][slack]") {
  SlackHost host;
  auto call = host.call("list_channels", "{}");
  INFO(call.text);
  REQUIRE_FALSE(call.is_error);
  auto channels = call.structured->getArray("channels");
  // Archived channels and private channels the app is not in are left out.
  CHECK(ids(channels) ==
        std::vector<std::string>{"C0GENERAL1", "C0OPS00001", "C0RANDOM01", "G0SECRET01"});
  auto general = channels->getObject(0);
  CHECK(general->getValue<std::string>("name") == "general");
  CHECK(general->getValue<std::string>("topic") == "Company news");
  CHECK(general->getValue<bool>("is_member"));
  CHECK(channels->getObject(3)->getValue<bool>("is_private"));
  CHECK_FALSE(call.structured->has("next_cursor"));
  auto request = host.slack.calls("conversations.list").at(0);
  CHECK(request.param("types") == "public_channel,private_channel");
  CHECK(request.param("exclude_archived") == "true");
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack list_channels: follows next_cursor up to the limit and hands back the cursor "
          "to continue",
          "[providers][slack]") {
  SlackHost host;
  host.slack.page_cap(2); // Slack may serve fewer than asked: two per page here
  auto first = host.call("list_channels", R"({"limit": 3, "include_archived": true})");
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  CHECK(ids(first.structured->getArray("channels")) ==
        std::vector<std::string>{"C0GENERAL1", "C0OPS00001", "C0RANDOM01"});
  REQUIRE(first.structured->has("next_cursor"));
  auto pages = host.slack.calls("conversations.list");
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].param("cursor").empty());
  CHECK(pages[0].param("limit") == "3");
  CHECK_FALSE(pages[1].param("cursor").empty());
  CHECK(pages[1].param("limit") == "1"); // only what is still missing

  auto rest = host.call("list_channels",
                        R"({"limit": 10, "include_archived": true, "cursor": ")" +
                            first.structured->getValue<std::string>("next_cursor") + R"("})");
  INFO(rest.text);
  REQUIRE_FALSE(rest.is_error);
  CHECK(ids(rest.structured->getArray("channels")) ==
        std::vector<std::string>{"C0OLDNEWS1", "G0SECRET01"});
  CHECK_FALSE(rest.structured->has("next_cursor"));
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack list_channels: keeps following the cursor through pages that the filters left "
          "empty",
          "[providers][slack]") {
  SlackHost host;
  host.slack.page_cap(1); // one channel looked at per page; archived and hidden ones drop out
  auto call = host.call("list_channels", R"({"limit": 10})");
  INFO(call.text);
  REQUIRE_FALSE(call.is_error);
  CHECK(ids(call.structured->getArray("channels")) ==
        std::vector<std::string>{"C0GENERAL1", "C0OPS00001", "C0RANDOM01", "G0SECRET01"});
  CHECK(host.slack.calls("conversations.list").size() == 6);
  CHECK_FALSE(call.structured->has("next_cursor"));
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack list_channels: a bad cursor and an expired token are tool errors that say what "
          "to do",
          "[providers][slack]") {
  SlackHost host;
  auto bad = host.call("list_channels", R"({"cursor": "not-a-cursor"})");
  CHECK(bad.is_error);
  CHECK_THAT(bad.text, Contains("start again without a cursor"));

  host.slack.missing_scope("conversations.list", "groups:read");
  auto scope = host.call("list_channels", "{}");
  CHECK(scope.is_error);
  CHECK(scope.text == "this Slack connection lacks the permission 'groups:read'; reconnect it "
                      "with that scope granted");

  host.slack.expire_token(kToken);
  auto expired = host.call("list_channels", "{}");
  CHECK(expired.is_error);
  CHECK_THAT(expired.text, Contains("token_expired"));
  CHECK_THAT(expired.text, Contains("must be reconnected"));
}

TEST_CASE("slack get_channel_history: newest first, by name, with times, paginated",
          "[providers][slack]") {
  SlackHost host;
  host.slack.page_cap(2);
  auto first = host.call("get_channel_history", R"({"channel": "#general", "limit": 3})");
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  CHECK(first.structured->getValue<std::string>("channel_id") == "C0GENERAL1");
  auto messages = first.structured->getArray("messages");
  REQUIRE(messages->size() == 3);
  CHECK(messages->getObject(0)->getValue<std::string>("text") == "update 5");
  CHECK(messages->getObject(0)->getValue<std::string>("ts") == "1700000005.000100");
  CHECK(messages->getObject(0)->getValue<std::string>("time") == "2023-11-14T22:13:25.000Z");
  CHECK(messages->getObject(2)->getValue<std::string>("text") == "update 3");
  REQUIRE(first.structured->has("next_cursor"));
  CHECK(host.slack.calls("conversations.history").size() == 2);
  CHECK(host.slack.calls("conversations.history").at(0).param("channel") == "C0GENERAL1");

  auto rest = host.call("get_channel_history",
                        R"({"channel": "C0GENERAL1", "cursor": ")" +
                            first.structured->getValue<std::string>("next_cursor") + R"("})");
  INFO(rest.text);
  REQUIRE_FALSE(rest.is_error);
  auto older = rest.structured->getArray("messages");
  REQUIRE(older->size() == 2);
  CHECK(older->getObject(1)->getValue<std::string>("text") == "update 1");
  CHECK_FALSE(rest.structured->has("next_cursor"));

  auto window = host.call("get_channel_history",
                          R"({"channel": "general", "oldest": "2023-11-14T22:13:21Z",
                              "latest": "2023-11-14T22:13:24Z"})");
  INFO(window.text);
  REQUIRE_FALSE(window.is_error);
  CHECK(window.structured->getArray("messages")->size() == 3); // updates 1 to 3
  CHECK(host.slack.calls("conversations.history").back().param("oldest") == "1700000001.000000");
  CHECK(host.slack.violations().empty());
}

TEST_CASE("slack get_channel_history: an unknown channel and one the app is not in are named in "
          "the error",
          "[providers][slack]") {
  SlackHost host;
  auto unknown = host.call("get_channel_history", R"({"channel": "nope"})");
  CHECK(unknown.is_error);
  CHECK(unknown.text ==
        "channel 'nope' not found; list_channels shows the channels this connection can see");
  auto outside = host.call("get_channel_history", R"({"channel": "random"})");
  CHECK(outside.is_error);
  CHECK_THAT(outside.text, Contains("not a member of channel 'random'"));
  auto bad_id = host.call("get_channel_history", R"({"channel": "C0MISSING9"})");
  CHECK(bad_id.is_error);
  CHECK_THAT(bad_id.text, Contains("channel 'C0MISSING9' not found"));
  CHECK(host.slack.violations().empty());
}
