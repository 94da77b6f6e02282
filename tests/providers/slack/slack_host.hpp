// A deployment serving the slack plugin exactly as plugins/slack/integration.yaml ships it, with
// SLACK_BASE_URL pointing at a fake Slack, one OAuth2 connection (c1) made with the CLI, and a
// secret key; tools are called as an MCP client does.
#pragma once

#include "provider_host.hpp"
#include "slack_fake.hpp"

namespace slack_test {

using actionhost::fakes::SlackChannel;
using actionhost::fakes::SlackFake;
using actionhost::fakes::SlackMessage;
using actionhost::fakes::SlackUser;

inline constexpr const char* kToken = "xoxb-1-valid-token";
inline constexpr const char* kRefreshToken = "xoxe-1-refresh-0";

// A small workspace: channels the app is in or not, archived and private ones, two people.
inline void seed(SlackFake& slack) {
  slack.add_channel({"C0GENERAL1", "general", false, false, true, "Company news", "Everyone", ""});
  slack.add_channel({"C0OPS00001", "ops", false, false, true, "Incidents", "On-call", ""});
  slack.add_channel({"C0RANDOM01", "random", false, false, false, "", "", ""});
  slack.add_channel({"C0OLDNEWS1", "old-news", false, true, true, "", "", ""});
  slack.add_channel({"G0SECRET01", "secret", true, false, true, "", "Leads only", ""});
  slack.add_channel({"G0HIDDEN01", "hidden", true, false, false, "", "", ""});
  slack.add_user({"U0ADA00001", "ada", "Ada Lovelace", "ada@example.com"});
  slack.add_user({"U0GONE0001", "gone", "Gone Person", "gone@example.com", "UTC", true});
  for (int i = 1; i <= 5; ++i)
    slack.add_message("C0GENERAL1", {"170000000" + std::to_string(i) + ".000100", "U0ADA00001",
                                     "update " + std::to_string(i), ""});
}

class SlackHost {
public:
  // `token`: the connection's access token; `expires_in`: its lifetime as the CLI records it.
  explicit SlackHost(const std::string& token = kToken, const std::string& expires_in = "43200")
      : host_(provider_test::integration_block(SLACK_INTEGRATION_YAML)) {
    seed(slack);
    slack.accept_token(kToken);
    slack.oauth_client("slack-client", "slack-secret", kRefreshToken);
    host_.extra_env = {{"SLACK_BASE_URL", slack.url()},
                       {"SLACK_CLIENT_ID", "slack-client"},
                       {"SLACK_CLIENT_SECRET", "slack-secret"}};
    host_.create_connection(
        "slack", "c1",
        {"--access-token", token, "--refresh-token", kRefreshToken, "--expires-in", expires_in});
    key_ = host_.create_key("agent");
    host_.start();
  }

  provider_test::ToolCall call(const std::string& tool, const std::string& arguments) {
    return provider_test::call_tool(host_.port(), key_, "slack", "c1", tool, arguments);
  }
  Poco::JSON::Object::Ptr tools() {
    return provider_test::list_tools(host_.port(), key_, "slack", "c1");
  }

  SlackFake slack; // constructed first: the host needs its URL

private:
  actionhost::testing::KeyedHost host_;
  std::string key_;
};

} // namespace slack_test
