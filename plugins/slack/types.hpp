// The Slack actions' inputs and outputs: what the model sends and gets back.
#pragma once

#include <actionhost/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slack {

enum class ChannelType { public_channel, private_channel, mpim, im };

} // namespace slack

template <> struct ah::enum_names<slack::ChannelType> {
  static constexpr ah::enumerator<slack::ChannelType> values[] = {
      {slack::ChannelType::public_channel, "public_channel"},
      {slack::ChannelType::private_channel, "private_channel"},
      {slack::ChannelType::mpim, "mpim"},
      {slack::ChannelType::im, "im"}};
};

namespace slack {

inline constexpr const char* kTsPattern = "^[0-9]+\\.[0-9]+$";

struct Channel {
  std::string id;
  std::optional<std::string> name;
  std::optional<std::string> user; // direct messages: the other person
  bool is_private = false;
  bool is_archived = false;
  bool is_member = false;
  std::optional<std::string> topic;
  std::optional<std::string> purpose;
  std::optional<std::int64_t> num_members;
  static auto fields() {
    return std::tuple{
        ah::field("id", &Channel::id, "Channel id (C..., G... or D...), usable as `channel`"),
        ah::field("name", &Channel::name, "Channel name without '#'; absent for direct messages"),
        ah::field("user", &Channel::user, "Direct messages: the user id of the other person"),
        ah::field("is_private", &Channel::is_private, "Private channel"),
        ah::field("is_archived", &Channel::is_archived, "Archived: no new messages"),
        ah::field("is_member", &Channel::is_member, "This connection is a member"),
        ah::field("topic", &Channel::topic, "Channel topic"),
        ah::field("purpose", &Channel::purpose, "Channel purpose"),
        ah::field("num_members", &Channel::num_members, "Number of members")};
  }
};

struct ListChannelsIn {
  std::int32_t limit = 100;
  std::optional<std::vector<ChannelType>> types;
  bool include_archived = false;
  std::optional<std::string> cursor;
  static auto fields() {
    return std::tuple{
        ah::field("limit", &ListChannelsIn::limit, "Most channels to return")
            .minimum(1)
            .maximum(1000)
            .default_value(100),
        ah::field("types", &ListChannelsIn::types,
                  "Kinds of conversation (default: public_channel and private_channel)")
            .min_items(1),
        ah::field("include_archived", &ListChannelsIn::include_archived,
                  "Also list archived channels")
            .default_value(false),
        ah::field("cursor", &ListChannelsIn::cursor,
                  "next_cursor of an earlier call, to continue where it stopped")
            .min_length(1)};
  }
};
struct ListChannelsOut {
  std::vector<Channel> channels;
  std::optional<std::string> next_cursor;
  static auto fields() {
    return std::tuple{
        ah::field("channels", &ListChannelsOut::channels, "The channels, in Slack's order"),
        ah::field("next_cursor", &ListChannelsOut::next_cursor,
                  "Present when there are more: pass it as `cursor` to continue")};
  }
};

struct SendMessageIn {
  std::string channel;
  std::string text;
  std::optional<std::string> thread_ts;
  static auto fields() {
    return std::tuple{ah::field("channel", &SendMessageIn::channel,
                                "Channel id (C0123ABCD) or name ('ops' or '#ops')")
                          .min_length(1)
                          .max_length(200),
                      ah::field("text", &SendMessageIn::text, "Message text (Slack mrkdwn)")
                          .min_length(1)
                          .max_length(40000),
                      ah::field("thread_ts", &SendMessageIn::thread_ts,
                                "Reply in this thread: the ts of the thread's first message")
                          .pattern(kTsPattern)};
  }
};
struct SendMessageOut {
  std::string channel_id;
  std::string ts;
  std::optional<std::string> thread_ts;
  static auto fields() {
    return std::tuple{
        ah::field("channel_id", &SendMessageOut::channel_id, "Channel the message went to"),
        ah::field("ts", &SendMessageOut::ts, "The message's ts (its id within the channel)"),
        ah::field("thread_ts", &SendMessageOut::thread_ts, "The thread it was posted in")};
  }
};

struct SendDirectMessageIn {
  ah::Email email;
  std::string text;
  static auto fields() {
    return std::tuple{
        ah::field("email", &SendDirectMessageIn::email, "The recipient's email address in Slack"),
        ah::field("text", &SendDirectMessageIn::text, "Message text (Slack mrkdwn)")
            .min_length(1)
            .max_length(40000)};
  }
};
struct SendDirectMessageOut {
  std::string user_id;
  std::string channel_id;
  std::string ts;
  static auto fields() {
    return std::tuple{
        ah::field("user_id", &SendDirectMessageOut::user_id, "The recipient's Slack user id"),
        ah::field("channel_id", &SendDirectMessageOut::channel_id,
                  "The direct-message channel (D...)"),
        ah::field("ts", &SendDirectMessageOut::ts, "The message's ts")};
  }
};

struct Message {
  std::string ts;
  ah::DateTime time;
  std::optional<std::string> user;
  std::optional<std::string> bot_id;
  std::string text;
  std::optional<std::string> thread_ts;
  std::optional<std::int64_t> reply_count;
  std::optional<std::string> subtype;
  static auto fields() {
    return std::tuple{
        ah::field("ts", &Message::ts, "The message's ts (its id; use as thread_ts to reply)"),
        ah::field("time", &Message::time, "When it was posted (UTC)"),
        ah::field("user", &Message::user, "Author's user id"),
        ah::field("bot_id", &Message::bot_id, "Author's bot id, for bot messages"),
        ah::field("text", &Message::text, "Message text"),
        ah::field("thread_ts", &Message::thread_ts, "The thread it belongs to"),
        ah::field("reply_count", &Message::reply_count, "Replies in its thread"),
        ah::field("subtype", &Message::subtype, "Slack's subtype (channel_join, bot_message...)")};
  }
};

struct HistoryIn {
  std::string channel;
  std::int32_t limit = 50;
  std::optional<ah::DateTime> oldest;
  std::optional<ah::DateTime> latest;
  std::optional<std::string> cursor;
  static auto fields() {
    return std::tuple{
        ah::field("channel", &HistoryIn::channel, "Channel id or name ('ops' or '#ops')")
            .min_length(1)
            .max_length(200),
        ah::field("limit", &HistoryIn::limit, "Most messages to return, newest first")
            .minimum(1)
            .maximum(1000)
            .default_value(50),
        ah::field("oldest", &HistoryIn::oldest, "Only messages after this time"),
        ah::field("latest", &HistoryIn::latest, "Only messages before this time"),
        ah::field("cursor", &HistoryIn::cursor,
                  "next_cursor of an earlier call, to continue where it stopped")
            .min_length(1)};
  }
};
struct HistoryOut {
  std::string channel_id;
  std::vector<Message> messages;
  std::optional<std::string> next_cursor;
  static auto fields() {
    return std::tuple{
        ah::field("channel_id", &HistoryOut::channel_id, "The channel read"),
        ah::field("messages", &HistoryOut::messages, "Messages, newest first"),
        ah::field("next_cursor", &HistoryOut::next_cursor,
                  "Present when there are older messages: pass it as `cursor` to continue")};
  }
};

struct LookupUserIn {
  ah::Email email;
  static auto fields() {
    return std::tuple{ah::field("email", &LookupUserIn::email, "Email address to look up")};
  }
};
struct User {
  std::string id;
  std::string name;
  std::optional<std::string> real_name;
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<std::string> time_zone;
  bool is_bot = false;
  bool deleted = false;
  static auto fields() {
    return std::tuple{ah::field("id", &User::id, "Slack user id (U...)"),
                      ah::field("name", &User::name, "Username"),
                      ah::field("real_name", &User::real_name, "Full name"),
                      ah::field("display_name", &User::display_name, "Display name"),
                      ah::field("email", &User::email, "Email address"),
                      ah::field("time_zone", &User::time_zone, "IANA time zone"),
                      ah::field("is_bot", &User::is_bot, "A bot user"),
                      ah::field("deleted", &User::deleted, "Deactivated account")};
  }
};

ListChannelsOut list_channels(ah::Context& ctx, const ListChannelsIn& in);
HistoryOut get_channel_history(ah::Context& ctx, const HistoryIn& in);
SendMessageOut send_message(ah::Context& ctx, const SendMessageIn& in);
SendDirectMessageOut send_direct_message(ah::Context& ctx, const SendDirectMessageIn& in);
User lookup_user_by_email(ah::Context& ctx, const LookupUserIn& in);

// The channel id for `channel`: an id as it is, a name ('ops', '#ops') looked up with
// conversations.list. Throws a tool error naming the channel when no channel has that name.
std::string resolve_channel(ah::Context& ctx, const std::string& channel);

// The user with this email (users.lookupByEmail); a tool error naming the email when none.
User find_user(ah::Context& ctx, const std::string& email);

} // namespace slack
