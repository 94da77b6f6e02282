// Channels: listing them page by page, finding one by name, reading its history.
#include "types.hpp"
#include "web_api.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>

namespace slack {

namespace {

// Slack documents 200 as the largest page it serves reliably; it may return fewer, even none,
// with a next_cursor, so the loop below stops on the cursor, not on the page size.
constexpr int kPageSize = 200;
// A workspace with more pages than this is not walked to the end in one action.
constexpr int kMaxPages = 100;

const std::string kNotFoundHint = "; list_channels shows the channels this connection can see";

std::optional<std::string> optional_text(const ah::JsonObject& object, const std::string& name) {
  std::string value = text(object, name);
  if (value.empty())
    return std::nullopt;
  return value;
}

std::optional<std::int64_t> optional_int(const ah::JsonObject& object, const std::string& name) {
  if (!object->has(name) || !object->get(name).isNumeric())
    return std::nullopt;
  return object->getValue<std::int64_t>(name);
}

Channel channel_of(const ah::JsonObject& c) {
  Channel out;
  out.id = text(c, "id");
  out.name = optional_text(c, "name");
  out.user = optional_text(c, "user");
  out.is_private = c->optValue<bool>("is_private", false) || c->optValue<bool>("is_im", false);
  out.is_archived = c->optValue<bool>("is_archived", false);
  out.is_member = c->optValue<bool>("is_member", false) || c->optValue<bool>("is_im", false);
  if (auto topic = c->getObject("topic"))
    out.topic = optional_text(topic, "value");
  if (auto purpose = c->getObject("purpose"))
    out.purpose = optional_text(purpose, "value");
  out.num_members = optional_int(c, "num_members");
  return out;
}

std::string types_param(const std::optional<std::vector<ChannelType>>& types) {
  if (!types)
    return "public_channel,private_channel";
  std::string out;
  for (ChannelType t : *types)
    out += (out.empty() ? "" : ",") + std::string(*ah::enum_to_name(t));
  return out;
}

// "1512085950.000216" -> the instant; Slack's ts is epoch seconds with microseconds.
ah::DateTime time_of(const std::string& ts) {
  long long seconds = 0, micros = 0;
  auto dot = ts.find('.');
  try {
    seconds = std::stoll(ts.substr(0, dot));
    if (dot != std::string::npos) {
      std::string fraction = (ts.substr(dot + 1) + "000000").substr(0, 6);
      micros = std::stoll(fraction);
    }
  } catch (const std::exception&) {
    throw ah::HttpError(AH_ERR_UPSTREAM, "Slack sent a message ts that is not a time: " + ts);
  }
  return ah::DateTime::from(Poco::Timestamp(seconds * 1000000 + micros));
}

std::string ts_of(const ah::DateTime& time) {
  auto micros = time.timestamp().epochMicroseconds();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%lld.%06lld", static_cast<long long>(micros / 1000000),
                static_cast<long long>(micros % 1000000));
  return buf;
}

Message message_of(const ah::JsonObject& m) {
  Message out;
  out.ts = text(m, "ts");
  out.time = time_of(out.ts);
  out.user = optional_text(m, "user");
  out.bot_id = optional_text(m, "bot_id");
  out.text = text(m, "text");
  out.thread_ts = optional_text(m, "thread_ts");
  out.reply_count = optional_int(m, "reply_count");
  out.subtype = optional_text(m, "subtype");
  return out;
}

bool looks_like_id(const std::string& channel) {
  static const std::regex id("^[CGD][A-Z0-9]{6,}$");
  return std::regex_match(channel, id);
}

} // namespace

std::string channel_error(const SlackError& e, const std::string& channel) {
  const std::string& code = e.code();
  if (code == "channel_not_found")
    return "channel '" + channel + "' not found" + kNotFoundHint;
  if (code == "not_in_channel")
    return "this connection is not a member of channel '" + channel +
           "'; invite the app to it in Slack (/invite), or pick a channel where list_channels "
           "shows is_member";
  if (code == "is_archived")
    return "channel '" + channel + "' is archived; nothing can be posted to it";
  return e.what();
}

ListChannelsOut list_channels(ah::Context& ctx, const ListChannelsIn& in) {
  ListChannelsOut out;
  std::string cursor = in.cursor.value_or("");
  const auto limit = static_cast<size_t>(in.limit);
  for (int page = 0; out.channels.size() < limit && page < kMaxPages; ++page) {
    ctx.throw_if_cancelled();
    ah::Pairs args{
        {"types", types_param(in.types)},
        {"exclude_archived", in.include_archived ? "false" : "true"},
        {"limit", std::to_string(std::min<size_t>(limit - out.channels.size(), kPageSize))}};
    if (!cursor.empty())
      args.emplace_back("cursor", cursor);
    auto body = call_get(ctx, "conversations.list", args);
    if (auto channels = body->getArray("channels"))
      for (size_t i = 0; i < channels->size() && out.channels.size() < limit; ++i)
        out.channels.push_back(channel_of(channels->getObject(static_cast<unsigned>(i))));
    cursor = next_cursor(body);
    if (cursor.empty())
      break;
  }
  if (!cursor.empty())
    out.next_cursor = cursor;
  return out;
}

std::string resolve_channel(ah::Context& ctx, const std::string& channel) {
  std::string name = channel;
  if (!name.empty() && name.front() == '#')
    name.erase(0, 1);
  else if (looks_like_id(name))
    return name;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string cursor;
  for (int page = 0; page < kMaxPages; ++page) {
    ctx.throw_if_cancelled();
    ah::Pairs args{{"types", "public_channel,private_channel"},
                   {"exclude_archived", "false"},
                   {"limit", std::to_string(kPageSize)}};
    if (!cursor.empty())
      args.emplace_back("cursor", cursor);
    auto body = call_get(ctx, "conversations.list", args);
    if (auto channels = body->getArray("channels"))
      for (size_t i = 0; i < channels->size(); ++i) {
        auto c = channels->getObject(static_cast<unsigned>(i));
        if (c && text(c, "name") == name)
          return text(c, "id");
      }
    cursor = next_cursor(body);
    if (cursor.empty())
      break;
  }
  throw ah::ToolError("channel '" + channel + "' not found" + kNotFoundHint);
}

HistoryOut get_channel_history(ah::Context& ctx, const HistoryIn& in) {
  HistoryOut out;
  out.channel_id = resolve_channel(ctx, in.channel);
  std::string cursor = in.cursor.value_or("");
  const auto limit = static_cast<size_t>(in.limit);
  try {
    for (int page = 0; out.messages.size() < limit && page < kMaxPages; ++page) {
      ctx.throw_if_cancelled();
      ah::Pairs args{
          {"channel", out.channel_id},
          {"limit", std::to_string(std::min<size_t>(limit - out.messages.size(), kPageSize))}};
      if (in.oldest)
        args.emplace_back("oldest", ts_of(*in.oldest));
      if (in.latest)
        args.emplace_back("latest", ts_of(*in.latest));
      if (!cursor.empty())
        args.emplace_back("cursor", cursor);
      auto body = call_get(ctx, "conversations.history", args);
      if (auto messages = body->getArray("messages"))
        for (size_t i = 0; i < messages->size() && out.messages.size() < limit; ++i)
          out.messages.push_back(message_of(messages->getObject(static_cast<unsigned>(i))));
      cursor = body->optValue<bool>("has_more", false) ? next_cursor(body) : "";
      if (cursor.empty())
        break;
    }
  } catch (const SlackError& e) {
    throw ah::ToolError(channel_error(e, in.channel));
  }
  if (!cursor.empty())
    out.next_cursor = cursor;
  return out;
}

} // namespace slack
