// The fake Slack's plumbing: routes, the token check, argument parsing, rate limits and
// oauth.v2.access.
#include "slack_fake.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <algorithm>
#include <sstream>

namespace actionhost::fakes {

namespace {

std::map<std::string, std::string> decoded(const std::string& raw, bool plus_as_space) {
  std::string text = raw;
  if (plus_as_space)
    std::replace(text.begin(), text.end(), '+', ' ');
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : Poco::URI("/?" + text).getQueryParameters())
    out[name] = value;
  return out;
}

std::string json_text(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

} // namespace

SlackFake::SlackFake() {
  serve("conversations.list", &SlackFake::conversations_list, false);
  serve("conversations.history", &SlackFake::conversations_history, false);
  serve("conversations.open", &SlackFake::conversations_open, true);
  serve("chat.postMessage", &SlackFake::chat_post_message, true);
  serve("users.lookupByEmail", &SlackFake::users_lookup_by_email, false);
  server_.on("POST", "/oauth.v2.access", [this](const Request& r) { return refresh(r); });
}

void SlackFake::serve(const std::string& method, Method handler, bool accepts_json) {
  for (const char* verb : {"GET", "POST"})
    server_.on(verb, "/" + method, [this, method, handler, accepts_json](const Request& r) {
      return answer(method, handler, accepts_json, r);
    });
}

void SlackFake::violation(const std::string& what) {
  violations_.push_back(what);
}

SlackFake::Object SlackFake::error(const std::string& code, const std::string& violation_text) {
  if (!violation_text.empty())
    violation(violation_text);
  Object body = new Poco::JSON::Object;
  body->set("ok", false);
  body->set("error", code);
  return body;
}

Reply SlackFake::answer(const std::string& method, Method handler, bool accepts_json,
                        const Request& request) {
  std::lock_guard lock(mutex_);
  const std::string where = request.method + " /" + method + ": ";
  Args args = decoded(request.query, false);
  std::string type = request.header("Content-Type");
  Object warning;
  if (request.method == "GET" && !request.body.empty())
    violation(where + "a GET with a body");
  if (request.method == "POST" && type.rfind("application/json", 0) == 0) {
    if (!accepts_json) {
      violation(where + "a JSON body, which this method does not accept");
    } else {
      try {
        auto parsed = Poco::JSON::Parser().parse(request.body).extract<Object>();
        for (const auto& [name, value] : *parsed)
          args[name] = value.toString();
      } catch (const std::exception&) {
        return Reply::json(json_text(error("invalid_json", where + "a body that is not JSON")));
      }
      if (type.find("charset") == std::string::npos)
        violation(where + "a JSON body without charset (Slack warns missing_charset)");
    }
  } else if (request.method == "POST" && !request.body.empty()) {
    if (type.rfind("application/x-www-form-urlencoded", 0) != 0)
      violation(where + "a body of type '" + type + "'");
    for (const auto& [name, value] : decoded(request.body, true))
      args[name] = value;
  }
  if (args.count("token"))
    violation(where + "the token as an argument; it belongs in the Authorization header");

  std::string auth = request.header("Authorization");
  if (auth.rfind("Bearer ", 0) != 0)
    return Reply::json(json_text(error("not_authed", where + "no Authorization: Bearer token")));
  std::string token = auth.substr(7);
  if (expired_.count(token))
    return Reply::json(json_text(error("token_expired")));
  if (!tokens_.count(token))
    return Reply::json(json_text(error("invalid_auth", where + "unknown token '" + token + "'")));

  auto canned = canned_.find(method);
  if (canned != canned_.end() && !canned->second.empty()) {
    Reply reply = canned->second.front();
    canned->second.erase(canned->second.begin());
    return reply;
  }
  auto limited = rate_limits_.find(method);
  if (limited != rate_limits_.end() && limited->second.first > 0) {
    --limited->second.first;
    Reply reply = Reply::json(json_text(error("ratelimited")), 429);
    reply.headers.emplace_back("Retry-After", std::to_string(limited->second.second));
    return reply;
  }
  return Reply::json(json_text((this->*handler)(args)));
}

Reply SlackFake::refresh(const Request& request) {
  std::lock_guard lock(mutex_);
  if (request.header("Content-Type").rfind("application/x-www-form-urlencoded", 0) != 0)
    return Reply::json(json_text(error("invalid_arguments", "oauth.v2.access: not form-encoded")));
  auto form = decoded(request.body, true);
  if (form["client_id"] != client_id_)
    return Reply::json(json_text(error("invalid_client_id", "oauth.v2.access: wrong client_id")));
  if (form["client_secret"] != client_secret_)
    return Reply::json(
        json_text(error("bad_client_secret", "oauth.v2.access: wrong client_secret")));
  if (form["grant_type"] != "refresh_token")
    return Reply::json(json_text(error("invalid_grant_type", "oauth.v2.access: grant_type")));
  if (form["refresh_token"] != refresh_token_)
    return Reply::json(json_text(error("invalid_refresh_token")));
  ++refreshes_;
  std::string access = "xoxe.xoxb-1-refreshed-" + std::to_string(refreshes_);
  refresh_token_ = "xoxe-1-rotated-" + std::to_string(refreshes_);
  tokens_.insert(access);
  Object body = new Poco::JSON::Object;
  body->set("ok", true);
  body->set("access_token", access);
  body->set("token_type", "bot");
  body->set("scope", "channels:read,chat:write");
  body->set("bot_user_id", "UBOT");
  body->set("app_id", "A0001");
  body->set("expires_in", 43200);
  body->set("refresh_token", refresh_token_);
  return Reply::json(json_text(body));
}

void SlackFake::add_channel(SlackChannel channel) {
  std::lock_guard lock(mutex_);
  channels_.push_back(std::move(channel));
}

void SlackFake::add_user(SlackUser user) {
  std::lock_guard lock(mutex_);
  users_.push_back(std::move(user));
}

void SlackFake::add_message(const std::string& channel_id, SlackMessage message) {
  std::lock_guard lock(mutex_);
  messages_[channel_id].push_back(std::move(message));
}

std::vector<SlackMessage> SlackFake::messages(const std::string& channel_id) const {
  std::lock_guard lock(mutex_);
  auto found = messages_.find(channel_id);
  return found == messages_.end() ? std::vector<SlackMessage>{} : found->second;
}

void SlackFake::accept_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  tokens_.insert(token);
}

void SlackFake::expire_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  tokens_.erase(token);
  expired_.insert(token);
}

void SlackFake::oauth_client(const std::string& id, const std::string& secret,
                             const std::string& refresh_token) {
  std::lock_guard lock(mutex_);
  client_id_ = id;
  client_secret_ = secret;
  refresh_token_ = refresh_token;
}

int SlackFake::refreshes() const {
  std::lock_guard lock(mutex_);
  return refreshes_;
}

void SlackFake::rate_limit(const std::string& method, int times, int seconds) {
  std::lock_guard lock(mutex_);
  rate_limits_[method] = {times, seconds};
}

void SlackFake::fail(const std::string& method, int times, int status) {
  std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i)
    canned_[method].push_back(Reply{status, {{"Content-Type", "text/plain"}}, "upstream failure"});
}

void SlackFake::missing_scope(const std::string& method, const std::string& needed) {
  std::lock_guard lock(mutex_);
  Object body = new Poco::JSON::Object;
  body->set("ok", false);
  body->set("error", "missing_scope");
  body->set("needed", needed);
  body->set("provided", "channels:read,chat:write");
  canned_[method].push_back(Reply::json(json_text(body)));
}

void SlackFake::page_cap(int items) {
  std::lock_guard lock(mutex_);
  page_cap_ = items;
}

std::vector<Request> SlackFake::calls(const std::string& method) const {
  std::vector<Request> out;
  for (const auto& request : server_.requests())
    if (request.path == "/" + method)
      out.push_back(request);
  return out;
}

std::vector<std::string> SlackFake::violations() const {
  std::lock_guard lock(mutex_);
  return violations_;
}

} // namespace actionhost::fakes
