// The integrations blocks the calendar plugins ship load as they are, with none of their
// environment variables set, so the root integrations.yaml can list them before anyone has
// registered an OAuth client.
#include "calendar_host.hpp"

using namespace calendar_tests;
using Catch::Matchers::Contains;

TEST_CASE("calendar config: the shipped integrations blocks pass config check without any "
          "environment",
          "[providers][calendars][config]") {
  TempDir dir;
  auto config = dir.write("integrations.yaml",
                          "server:\n  listen: 127.0.0.1:0\n  plugin_dir: " + plugin_dir().string() +
                              "\nintegrations:\n" + shipped_block("google-calendar") +
                              shipped_block("outlook-calendar"));
  auto run = run_actionhost({"config", "check", "--config", config.string()});
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("2 integrations (google-calendar, outlook-calendar)"));
}
