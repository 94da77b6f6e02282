// actionhost_fake_slack_server: the fake Slack Web API as a process, for recording the slack
// plugin's fixtures with `actionhost dryrun --save` (plugins/slack/tests/README.md). Prints its
// base URL (SLACK_BASE_URL) on the first line of stdout and serves until SIGINT or SIGTERM.
//
// Accepts the bot token xoxb-fixture-token. The workspace is always the same, so a recording
// made today replays the same exchanges as one made tomorrow:
//   channels  general (C0GENERAL1), ops (C0OPS00001), random (C0RANDOM01, app not a member),
//             old-news (C0OLDNEWS1, archived), secret (G0SECRET01, private)
//   people    ada@example.com (U0ADA00001), gone@example.com (U0GONE0001, deactivated)
//   messages  five in #general, ts 1700000001.000100 .. 1700000005.000100
// Every page of conversations.list holds at most two channels, so listing them walks the cursor.
#include "slack_fake.hpp"

#include <iostream>

using actionhost::fakes::SlackFake;

int main() {
  actionhost::fakes::StopSignals stop; // before any server thread starts

  SlackFake slack;
  slack.accept_token("xoxb-fixture-token");
  slack.page_cap(2);
  slack.add_channel({"C0GENERAL1", "general", false, false, true, "Company news", "Everyone", ""});
  slack.add_channel({"C0OPS00001", "ops", false, false, true, "Incidents", "On-call", ""});
  slack.add_channel({"C0RANDOM01", "random", false, false, false, "", "", ""});
  slack.add_channel({"C0OLDNEWS1", "old-news", false, true, true, "", "", ""});
  slack.add_channel({"G0SECRET01", "secret", true, false, true, "", "Leads only", ""});
  slack.add_user({"U0ADA00001", "ada", "Ada Lovelace", "ada@example.com"});
  slack.add_user({"U0GONE0001", "gone", "Gone Person", "gone@example.com", "UTC", true});
  for (int i = 1; i <= 5; ++i)
    slack.add_message("C0GENERAL1", {"170000000" + std::to_string(i) + ".000100", "U0ADA00001",
                                     "update " + std::to_string(i), ""});

  std::cout << slack.url() << std::endl;
  stop.wait();
  return 0;
}
