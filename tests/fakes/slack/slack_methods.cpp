// The fake Slack's Web API methods, with the arguments, answers and error codes Slack documents.
#include "slack_fake.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <regex>
#include <sstream>

namespace actionhost::fakes {

namespace {

using Object = Poco::JSON::Object::Ptr;

Object ok() {
  Object body = new Poco::JSON::Object;
  body->set("ok", true);
  return body;
}

// Slack's cursors are opaque base64 strings; this one carries the next item's position.
std::string cursor_for(size_t position) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << "next:" << position;
  encoder.close();
  return out.str();
}

std::optional<size_t> position_of(const std::string& cursor) {
  try {
    std::istringstream in(cursor);
    Poco::Base64Decoder decoder(in);
    std::string text((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    if (text.rfind("next:", 0) != 0)
      return std::nullopt;
    return static_cast<size_t>(std::stoul(text.substr(5)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool truthy(const std::string& value) {
  return value == "true" || value == "1";
}

// Slack reads a missing limit as its default; a present one must be a whole number in range.
std::optional<int> limit_of(const std::map<std::string, std::string>& args, int fallback,
                            int most) {
  auto found = args.find("limit");
  if (found == args.end())
    return fallback;
  static const std::regex digits("^[0-9]{1,6}$");
  if (!std::regex_match(found->second, digits))
    return std::nullopt;
  int limit = std::stoi(found->second);
  if (limit < 1 || limit > most)
    return std::nullopt;
  return limit;
}

bool is_ts(const std::string& text) {
  static const std::regex ts("^[0-9]+\\.[0-9]{6}$");
  return std::regex_match(text, ts);
}

Object next_cursor(const std::string& cursor) {
  Object metadata = new Poco::JSON::Object;
  metadata->set("next_cursor", cursor);
  return metadata;
}

} // namespace

const SlackChannel* SlackFake::channel(const std::string& id_or_name) const {
  std::string name = id_or_name.rfind('#', 0) == 0 ? id_or_name.substr(1) : id_or_name;
  for (const auto& c : channels_)
    if (c.id == id_or_name || (!c.name.empty() && c.name == name))
      return &c;
  return nullptr;
}

const SlackUser* SlackFake::user_by_id(const std::string& id) const {
  for (const auto& u : users_)
    if (u.id == id)
      return &u;
  return nullptr;
}

Object SlackFake::conversations_list(const Args& args) {
  auto limit = limit_of(args, 100, 1000);
  if (!limit)
    return error("invalid_limit", "conversations.list: limit '" + args.at("limit") + "'");
  std::string types = args.count("types") ? args.at("types") : "public_channel";
  static const std::regex known("^(public_channel|private_channel|mpim|im)(,(public_channel|"
                                "private_channel|mpim|im))*$");
  if (!std::regex_match(types, known))
    return error("invalid_types", "conversations.list: types '" + types + "'");
  bool exclude_archived = args.count("exclude_archived") && truthy(args.at("exclude_archived"));
  auto wanted = [&](const SlackChannel& c) {
    std::string type = !c.im_user.empty() ? "im"
                       : c.is_private     ? "private_channel"
                                          : "public_channel";
    // Private channels are visible only to their members.
    if (type == "private_channel" && !c.is_member)
      return false;
    return types.find(type) != std::string::npos && !(exclude_archived && c.is_archived);
  };
  size_t start = 0;
  if (args.count("cursor") && !args.at("cursor").empty()) {
    auto position = position_of(args.at("cursor"));
    if (!position)
      return error("invalid_cursor", "conversations.list: cursor '" + args.at("cursor") + "'");
    start = *position;
  }
  size_t page = static_cast<size_t>(page_cap_ > 0 ? std::min(*limit, page_cap_) : *limit);
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  size_t i = start;
  // Slack counts the channels it looked at, not the ones that passed the filter, so a page can
  // hold fewer than `limit`, even none, and still have a next_cursor.
  for (; i < channels_.size() && i < start + page; ++i) {
    const auto& c = channels_[i];
    if (!wanted(c))
      continue;
    Object item = new Poco::JSON::Object;
    item->set("id", c.id);
    item->set("created", 1600000000);
    if (!c.im_user.empty()) {
      item->set("is_im", true);
      item->set("user", c.im_user);
    } else {
      item->set("name", c.name);
      item->set("is_channel", !c.is_private);
      item->set("is_group", c.is_private);
      item->set("is_im", false);
      item->set("is_private", c.is_private);
      item->set("is_archived", c.is_archived);
      item->set("is_member", c.is_member);
      Object topic = new Poco::JSON::Object, purpose = new Poco::JSON::Object;
      topic->set("value", c.topic);
      purpose->set("value", c.purpose);
      item->set("topic", topic);
      item->set("purpose", purpose);
      item->set("num_members", 3);
    }
    list->add(item);
  }
  Object body = ok();
  body->set("channels", list);
  body->set("response_metadata", next_cursor(i < channels_.size() ? cursor_for(i) : ""));
  return body;
}

Object SlackFake::conversations_history(const Args& args) {
  if (!args.count("channel"))
    return error("channel_not_found", "conversations.history: no channel argument");
  const SlackChannel* c = channel(args.at("channel"));
  if (!c || c->id != args.at("channel") || (c->is_private && !c->is_member))
    return error("channel_not_found");
  if (!c->is_member)
    return error("not_in_channel");
  auto limit = limit_of(args, 100, 999);
  if (!limit)
    return error("invalid_limit", "conversations.history: limit '" + args.at("limit") + "'");
  for (const char* bound : {"oldest", "latest"})
    if (args.count(bound) && !is_ts(args.at(bound)))
      return error("invalid_ts_" + std::string(bound),
                   "conversations.history: " + std::string(bound) + " '" + args.at(bound) + "'");
  auto after = [&](const std::string& a, const std::string& b) {
    return std::stod(a) > std::stod(b);
  };
  std::vector<const SlackMessage*> newest_first;
  const auto& all = messages_[c->id];
  for (auto m = all.rbegin(); m != all.rend(); ++m)
    if ((!args.count("oldest") || after(m->ts, args.at("oldest"))) &&
        (!args.count("latest") || after(args.at("latest"), m->ts)))
      newest_first.push_back(&*m);
  size_t start = 0;
  if (args.count("cursor") && !args.at("cursor").empty()) {
    auto position = position_of(args.at("cursor"));
    if (!position)
      return error("invalid_cursor", "conversations.history: cursor '" + args.at("cursor") + "'");
    start = *position;
  }
  size_t page = static_cast<size_t>(page_cap_ > 0 ? std::min(*limit, page_cap_) : *limit);
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  size_t i = start;
  for (; i < newest_first.size() && i < start + page; ++i) {
    const SlackMessage& m = *newest_first[i];
    Object item = new Poco::JSON::Object;
    item->set("type", "message");
    item->set("user", m.user);
    item->set("text", m.text);
    item->set("ts", m.ts);
    if (!m.thread_ts.empty())
      item->set("thread_ts", m.thread_ts);
    list->add(item);
  }
  bool more = i < newest_first.size();
  Object body = ok();
  body->set("messages", list);
  body->set("has_more", more);
  body->set("pin_count", 0);
  if (more)
    body->set("response_metadata", next_cursor(cursor_for(i)));
  return body;
}

Object SlackFake::conversations_open(const Args& args) {
  if (!args.count("users") && !args.count("channel"))
    return error("users_list_not_supplied", "conversations.open: neither users nor channel");
  std::string id = args.count("users") ? args.at("users") : "";
  if (id.find(',') != std::string::npos)
    return error("not_enough_users"); // multi-person DMs are not modelled here
  const SlackUser* u = user_by_id(id);
  if (!u)
    return error("user_not_found");
  if (u->deleted)
    return error("user_disabled");
  std::string dm = "D" + u->id.substr(1);
  if (!channel(dm))
    channels_.push_back({dm, "", true, false, true, "", "", u->id});
  Object opened = new Poco::JSON::Object;
  opened->set("id", dm);
  Object body = ok();
  body->set("channel", opened);
  return body;
}

Object SlackFake::chat_post_message(const Args& args) {
  if (!args.count("channel"))
    return error("channel_not_found", "chat.postMessage: no channel argument");
  const SlackChannel* c = channel(args.at("channel"));
  if (!c || (c->is_private && !c->is_member))
    return error("channel_not_found");
  if (c->is_archived)
    return error("is_archived");
  if (!c->is_member)
    return error("not_in_channel");
  std::string text = args.count("text") ? args.at("text") : "";
  if (text.empty())
    return error("no_text", "chat.postMessage: no text");
  if (text.size() > 40000)
    return error("msg_too_long");
  std::string thread = args.count("thread_ts") ? args.at("thread_ts") : "";
  if (!thread.empty() && !is_ts(thread))
    return error("invalid_thread_ts", "chat.postMessage: thread_ts '" + thread + "'");
  char ts[32];
  std::snprintf(ts, sizeof ts, "%lld.%06d", ++next_ts_, 100);
  messages_[c->id].push_back({ts, "UBOT", text, thread});
  Object message = new Poco::JSON::Object;
  message->set("type", "message");
  message->set("user", "UBOT");
  message->set("text", text);
  message->set("ts", std::string(ts));
  if (!thread.empty())
    message->set("thread_ts", thread);
  Object body = ok();
  body->set("channel", c->id);
  body->set("ts", std::string(ts));
  body->set("message", message);
  return body;
}

Object SlackFake::users_lookup_by_email(const Args& args) {
  if (!args.count("email") || args.at("email").empty())
    return error("invalid_arguments", "users.lookupByEmail: no email argument");
  for (const auto& u : users_) {
    if (u.email != args.at("email"))
      continue;
    Object profile = new Poco::JSON::Object;
    profile->set("email", u.email);
    profile->set("real_name", u.real_name);
    profile->set("display_name", u.name);
    Object user = new Poco::JSON::Object;
    user->set("id", u.id);
    user->set("team_id", "T0001");
    user->set("name", u.name);
    user->set("deleted", u.deleted);
    user->set("real_name", u.real_name);
    user->set("tz", u.tz);
    user->set("is_bot", false);
    user->set("profile", profile);
    Object body = ok();
    body->set("user", user);
    return body;
  }
  return error("users_not_found");
}

} // namespace actionhost::fakes
