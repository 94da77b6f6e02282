// list_channels and get_channel_history against handlers written here: the cursor loops, the
// arguments built from the input, channel names resolved to ids, and Slack's channel errors.
#include "slack_replies.hpp"
#include "types.hpp"

#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using namespace slack_test;

namespace {

// Answers conversations.list from `pages`, keyed by the cursor the request sends ("" first).
Handler paged(std::map<std::string, ProviderResponse> pages) {
  return [pages](const ProviderRequest& request) {
    auto page = pages.find(request.query_param("cursor").value_or(""));
    if (page == pages.end())
      return slack_error("invalid_cursor");
    return page->second;
  };
}

} // namespace

TEST_CASE("list_channels follows next_cursor and asks each page only for the channels still "
          "missing") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/conversations.list",
              paged({{"", channels_page({channel("C01", "a"), channel("C02", "b")}, "p2")},
                     // Slack may send fewer than asked, even none, and still have more.
                     {"p2", channels_page({}, "p3")},
                     {"p3", channels_page({channel("C03", "c"), channel("C04", "d")}, "p4")}}));

  slack::ListChannelsIn in;
  in.limit = 3;
  auto result = plugin.call<slack::ListChannelsOut>("list_channels", in, provider);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->channels.size() == 3);
  CHECK(result->channels[2].id == "C03");
  CHECK(result->next_cursor == "p4");
  auto sent = provider.requests();
  REQUIRE(sent.size() == 3);
  CHECK(
      sent[0].line() ==
      "GET /conversations.list?types=public_channel,private_channel&exclude_archived=true&limit=3");
  CHECK(sent[1].query_param("limit") == "1");
  CHECK(sent[1].query_param("cursor") == "p2");
  CHECK(sent[2].query_param("limit") == "1");
  CHECK(sent[2].query_param("cursor") == "p3");
}

TEST_CASE("list_channels asks for the kinds and archived channels requested, at most 200 a page, "
          "and gives no cursor after the last page") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/conversations.list",
              paged({{"", channels_page({R"({"id":"D01","user":"U07","is_im":true})"}, "p2")},
                     {"p2", channels_page({R"({"id":"G01","name":"leads","is_private":true,
                          "is_archived":true,"topic":{"value":"Q3"},"purpose":{"value":""},
                          "num_members":4})"})}}));

  slack::ListChannelsIn in;
  in.limit = 450;
  in.types = {slack::ChannelType::im, slack::ChannelType::mpim};
  in.include_archived = true;
  auto result = plugin.call<slack::ListChannelsOut>("list_channels", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK_FALSE(result->next_cursor);
  REQUIRE(result->channels.size() == 2);
  const auto& dm = result->channels[0];
  CHECK(dm.user == "U07");
  CHECK_FALSE(dm.name);
  CHECK(dm.is_private); // a direct message is private and the connection is in it
  CHECK(dm.is_member);
  const auto& leads = result->channels[1];
  CHECK(leads.is_archived);
  CHECK(leads.topic == "Q3");
  CHECK_FALSE(leads.purpose); // an empty purpose is no purpose
  CHECK(leads.num_members == 4);
  auto sent = provider.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].query_param("types") == "im,mpim");
  CHECK(sent[0].query_param("exclude_archived") == "false");
  CHECK(sent[0].query_param("limit") == "200");
  CHECK(sent[1].query_param("limit") == "200"); // 449 still missing: a full page again
}

TEST_CASE("list_channels starts from the cursor it is given and reports an expired one") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/conversations.list", paged({{"p7", channels_page({channel("C07", "g")})}}));

  slack::ListChannelsIn in;
  in.cursor = "p7";
  auto result = plugin.call<slack::ListChannelsOut>("list_channels", in, provider);
  REQUIRE_THAT(result, Succeeds());
  CHECK(result->channels.at(0).name == "g");

  in.cursor = "stale";
  auto stale = plugin.call<slack::ListChannelsOut>("list_channels", in, provider);
  CHECK_THAT(stale, FailsWith(AH_ERR_TOOL, "the cursor is not valid (it may have expired); start "
                                           "again without a cursor"));
}

TEST_CASE("get_channel_history resolves '#Name' through every page of channels, then reads the "
          "channel by id between the times given as Slack timestamps") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/conversations.list",
              paged({{"", channels_page({channel("C01", "general")}, "p2")},
                     {"p2", channels_page({channel("C0OPS00001", "ops")})}}));
  provider.on(
      "GET", "/conversations.history",
      history_page({message("1700000002.000200", "second"), message("1700000001.000100", "first")},
                   false));

  slack::HistoryIn in;
  in.channel = "#Ops";
  in.oldest = ah::DateTime{"2023-11-14T22:13:20.25Z"};
  in.latest = ah::DateTime{"2023-11-14T23:00:00Z"};
  auto result = plugin.call<slack::HistoryOut>("get_channel_history", in, provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->channel_id == "C0OPS00001");
  REQUIRE(result->messages.size() == 2);
  CHECK(result->messages[0].text == "second");
  // The ts's instant, to the millisecond an RFC 3339 time in the output carries.
  CHECK(result->messages[1].time.timestamp().epochMicroseconds() == 1700000001000000);
  CHECK_FALSE(result->next_cursor);
  auto sent = provider.requests();
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].query_param("exclude_archived") == "false"); // archived channels have history
  CHECK(sent[1].query_param("cursor") == "p2");
  CHECK(sent[2].line() == "GET /conversations.history?channel=C0OPS00001&limit=50&"
                          "oldest=1700000000.250000&latest=1700002800.000000");
}

TEST_CASE("get_channel_history reads a channel id without looking it up, stops at the limit and "
          "hands back the cursor only while Slack says there is more") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/conversations.history", [](const ProviderRequest& request) {
    if (!request.query_param("cursor"))
      return history_page({message("1700000009.000000", "nine")}, true, "h2");
    return history_page(
        {message("1700000008.000000", "eight"), message("1700000007.000000", "seven")}, true, "h3");
  });

  slack::HistoryIn in;
  in.channel = "C0GENERAL1";
  in.limit = 2;
  auto result = plugin.call<slack::HistoryOut>("get_channel_history", in, provider);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->messages.size() == 2);
  CHECK(result->messages[1].text == "eight");
  CHECK(result->next_cursor == "h3");
  auto sent = provider.requests();
  REQUIRE(sent.size() == 2); // no conversations.list: an id needs no lookup
  CHECK(sent[0].line() == "GET /conversations.history?channel=C0GENERAL1&limit=2");
  CHECK(sent[1].line() == "GET /conversations.history?channel=C0GENERAL1&limit=1&cursor=h2");

  // has_more false: the cursor Slack still sends is not a next page.
  provider.on("GET", "/conversations.history",
              history_page({message("1700000009.000000", "nine")}, false, "leftover"));
  auto last = plugin.call<slack::HistoryOut>("get_channel_history", in, provider);
  REQUIRE_THAT(last, Succeeds());
  CHECK_FALSE(last->next_cursor);
}

TEST_CASE("get_channel_history names the channel as it was asked for when Slack refuses it") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/conversations.list", channels_page({channel("C01", "general")}));
  provider.on("GET", "/conversations.history", slack_error("not_in_channel"));

  slack::HistoryIn unknown;
  unknown.channel = "#nope";
  CHECK_THAT(plugin.call<slack::HistoryOut>("get_channel_history", unknown, provider),
             FailsWith(AH_ERR_TOOL, "channel '#nope' not found; list_channels shows the channels "
                                    "this connection can see"));

  slack::HistoryIn foreign;
  foreign.channel = "C0RANDOM01";
  CHECK_THAT(plugin.call<slack::HistoryOut>("get_channel_history", foreign, provider),
             FailsWith(AH_ERR_TOOL, "this connection is not a member of channel 'C0RANDOM01'; "
                                    "invite the app to it in Slack (/invite)"));

  provider.on("GET", "/conversations.history", slack_error("channel_not_found"));
  CHECK_THAT(plugin.call<slack::HistoryOut>("get_channel_history", foreign, provider),
             FailsWith(AH_ERR_TOOL, "channel 'C0RANDOM01' not found"));
}

TEST_CASE("get_channel_history refuses a message whose ts is not a Slack timestamp") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/conversations.history", history_page({message("yesterday", "hi")}, false));

  slack::HistoryIn in;
  in.channel = "C0GENERAL1";
  auto result = plugin.call<slack::HistoryOut>("get_channel_history", in, provider);

  CHECK_THAT(result, FailsWith(AH_ERR_UPSTREAM, "Slack sent a message ts that is not a time: "
                                                "yesterday"));
}
