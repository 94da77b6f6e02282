// Registration of the Slack plugin: its actions and honest annotations.
#include "types.hpp"

AH_PLUGIN("slack", "1.0.0", "Slack", "Read Slack channels and send messages") {
  using namespace slack;
  plugin.action("list_channels", list_channels)
      .title("List channels")
      .description("Lists the Slack channels this connection can see (public and private by "
                   "default), up to `limit`; pass next_cursor back as `cursor` for more.")
      .read_only()
      .idempotent()
      .open_world();
  plugin.action("get_channel_history", get_channel_history)
      .title("Get channel history")
      .description("Reads a channel's messages, newest first, optionally between two times. The "
                   "channel is an id or a name.")
      .read_only()
      .idempotent()
      .open_world();
  plugin.action("lookup_user_by_email", lookup_user_by_email)
      .title("Look up user by email")
      .description("Finds the Slack user with an email address: id, names, time zone.")
      .read_only()
      .idempotent()
      .open_world();
  // Posting twice posts two messages: not idempotent. Nothing existing is changed or removed.
  plugin.action("send_message", send_message)
      .title("Send message")
      .description("Posts a message to a channel, given by id or name ('ops' or '#ops'), "
                   "optionally as a reply in a thread (thread_ts).")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
  plugin.action("send_direct_message", send_direct_message)
      .title("Send direct message")
      .description("Sends a direct message to a person identified by their email address: "
                   "finds their Slack account, opens the conversation and posts the text.")
      .read_only(false)
      .destructive(false)
      .idempotent(false)
      .open_world();
}
