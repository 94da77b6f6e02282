// A fake Slack workspace behind a fake Slack Web API, following Slack's documentation: methods at
// /<method> (GET with query arguments, POST form-encoded or, for the methods that accept it,
// JSON), the token only in `Authorization: Bearer`, HTTP 200 with {"ok": false, "error": ...}
// for errors, cursor pagination through response_metadata.next_cursor, 429 with Retry-After
// when rate limited, and token rotation through oauth.v2.access.
//
// Whatever a real Slack would refuse because the caller got it wrong (no token, the token in
// the URL, a JSON body to a method that takes none, a missing argument, a bad limit) is answered
// as Slack answers it and also recorded in violations(): tests check that list stays empty.
#pragma once

#include "fake_provider.hpp"

#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace actionhost::fakes {

struct SlackChannel {
  std::string id; // C... public/private, D... direct message
  std::string name;
  bool is_private = false;
  bool is_archived = false;
  bool is_member = true; // the app's bot is in it
  std::string topic;
  std::string purpose;
  std::string im_user; // direct messages: the other person
};

struct SlackMessage {
  std::string ts;
  std::string user;
  std::string text;
  std::string thread_ts;
};

struct SlackUser {
  std::string id;
  std::string name;
  std::string real_name;
  std::string email;
  std::string tz = "Europe/Paris";
  bool deleted = false;
};

class SlackFake {
public:
  SlackFake();

  std::string url() const { return server_.url(); } // the Web API base (SLACK_BASE_URL)
  FakeProvider& server() { return server_; }

  void add_channel(SlackChannel channel);
  void add_user(SlackUser user);
  // Messages are kept oldest first; ts must grow.
  void add_message(const std::string& channel_id, SlackMessage message);
  std::vector<SlackMessage> messages(const std::string& channel_id) const;

  // Tokens: only accepted ones pass; expired ones get token_expired.
  void accept_token(const std::string& token);
  void expire_token(const std::string& token);
  // oauth.v2.access with grant_type=refresh_token: this client and refresh token get a new
  // access token (accepted from then on) and a rotated refresh token.
  void oauth_client(const std::string& id, const std::string& secret,
                    const std::string& refresh_token);
  int refreshes() const;

  // The next `times` calls of `method` get 429 with Retry-After: `seconds`.
  void rate_limit(const std::string& method, int times, int seconds);
  // The next `times` calls of `method` fail with HTTP `status` (Slack's edge answers 5xx so).
  void fail(const std::string& method, int times, int status);
  // The next call of `method` is refused for want of the scope `needed`.
  void missing_scope(const std::string& method, const std::string& needed);
  // Slack may return fewer items than `limit`; serve at most this many per page (0: limit).
  void page_cap(int items);

  // Calls of one method, in order.
  std::vector<Request> calls(const std::string& method) const;
  // What a real Slack would have refused because the caller got it wrong.
  std::vector<std::string> violations() const;

private:
  using Object = Poco::JSON::Object::Ptr;
  using Args = std::map<std::string, std::string>;
  using Method = Object (SlackFake::*)(const Args&);

  void serve(const std::string& method, Method handler, bool accepts_json);
  Reply answer(const std::string& method, Method handler, bool accepts_json,
               const Request& request);
  Reply refresh(const Request& request);
  void violation(const std::string& what);

  Object conversations_list(const Args& args);
  Object conversations_history(const Args& args);
  Object conversations_open(const Args& args);
  Object chat_post_message(const Args& args);
  Object users_lookup_by_email(const Args& args);

  const SlackChannel* channel(const std::string& id_or_name) const;
  const SlackUser* user_by_id(const std::string& id) const;
  Object error(const std::string& code, const std::string& violation_text = "");

  FakeProvider server_;
  mutable std::mutex mutex_;
  std::vector<SlackChannel> channels_;
  std::vector<SlackUser> users_;
  std::map<std::string, std::vector<SlackMessage>> messages_;
  std::set<std::string> tokens_, expired_;
  std::string client_id_, client_secret_, refresh_token_;
  int refreshes_ = 0;
  std::map<std::string, std::pair<int, int>> rate_limits_; // method -> (times, seconds)
  std::map<std::string, std::vector<Reply>> canned_;       // method -> its next replies
  int page_cap_ = 0;
  long long next_ts_ = 1700000000;
  std::vector<std::string> violations_;
};

} // namespace actionhost::fakes
