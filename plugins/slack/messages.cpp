// Posting messages: to a channel (by id or name), and to a person by their email in one action.
#include "types.hpp"
#include "web_api.hpp"

namespace slack {

namespace {

std::string message_error(const SlackError& e, const std::string& channel) {
  const std::string& code = e.code();
  if (code == "msg_too_long")
    return "the message text is too long for Slack; shorten it or split it into several messages";
  if (code == "no_text")
    return "Slack refused an empty message; give it some text";
  if (code == "thread_not_found" || code == "invalid_thread_ts")
    return "no thread with that thread_ts in channel '" + channel +
           "'; use the ts of the thread's first message (get_channel_history shows them)";
  return channel_error(e, channel);
}

ah::JsonObject post_message(ah::Context& ctx, const std::string& channel_id,
                            const std::string& text, const std::optional<std::string>& thread_ts) {
  ah::JsonObject body = ah::json::object();
  body->set("channel", channel_id);
  body->set("text", text);
  if (thread_ts)
    body->set("thread_ts", *thread_ts);
  return call_post(ctx, "chat.postMessage", body);
}

} // namespace

SendMessageOut send_message(ah::Context& ctx, const SendMessageIn& in) {
  std::string channel_id = resolve_channel(ctx, in.channel);
  ah::JsonObject posted;
  try {
    posted = post_message(ctx, channel_id, in.text, in.thread_ts);
  } catch (const SlackError& e) {
    throw ah::ToolError(message_error(e, in.channel));
  }
  SendMessageOut out;
  out.channel_id = text(posted, "channel");
  out.ts = text(posted, "ts");
  if (out.channel_id.empty() || out.ts.empty())
    throw ah::HttpError(AH_ERR_UPSTREAM, "Slack accepted the message but sent no channel or ts");
  out.thread_ts = in.thread_ts;
  return out;
}

SendDirectMessageOut send_direct_message(ah::Context& ctx, const SendDirectMessageIn& in) {
  User user = find_user(ctx, in.email.value);
  if (user.deleted)
    throw ah::ToolError("the Slack account of '" + in.email.value +
                        "' is deactivated; it cannot receive messages");
  SendDirectMessageOut out;
  out.user_id = user.id;
  ah::JsonObject open = ah::json::object();
  open->set("users", user.id);
  try {
    auto opened = call_post(ctx, "conversations.open", open);
    out.channel_id = text(opened->getObject("channel"), "id");
  } catch (const SlackError& e) {
    if (e.code() == "user_disabled" || e.code() == "user_not_found" || e.code() == "cannot_dm_bot")
      throw ah::ToolError("Slack cannot open a direct message with '" + in.email.value + "' (" +
                          e.code() + ")");
    throw;
  }
  if (out.channel_id.empty())
    throw ah::HttpError(AH_ERR_UPSTREAM, "Slack opened a direct message but sent no channel id");
  try {
    out.ts = text(post_message(ctx, out.channel_id, in.text, std::nullopt), "ts");
  } catch (const SlackError& e) {
    throw ah::ToolError(message_error(e, "direct message with " + in.email.value));
  }
  return out;
}

} // namespace slack
