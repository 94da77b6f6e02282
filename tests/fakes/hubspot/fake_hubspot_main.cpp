// actionhost_fake_hubspot_server: the fake HubSpot CRM v3 as a process, for recording the
// hubspot plugin's fixtures with `actionhost dryrun --save` (plugins/hubspot/tests/README.md).
// Prints its base URL (HUBSPOT_BASE_URL) on the first line of stdout and serves until SIGINT or
// SIGTERM.
//
// Accepts the access token hubspot-fixture-token. Its contacts are always the same, with fixed
// times, so a recording made today replays the same exchanges as one made tomorrow:
//   101 ada@example.com    Ada Lovelace     Analytical Engines   changed 2024-05-01T09:00:00Z
//   102 grace@example.com  Grace Hopper     Navy                 changed 2024-05-02T09:00:00Z
//   103 alan@example.com   Alan Turing      Bletchley            changed 2024-05-03T09:00:00Z
//   104 adele@example.com  Adele Goldberg   Analytical Engines   changed 2024-05-04T09:00:00Z
// Records created while it runs get the next ids (105, ...) and the current time.
#include "fake_hubspot.hpp"

#include <cstdint>
#include <iostream>

using actionhost::fakes::FakeHubSpot;

int main() {
  actionhost::fakes::StopSignals stop; // before any server thread starts

  FakeHubSpot hubspot("hubspot-fixture-token", "fixture-client", "fixture-secret",
                      "fixture-refresh");
  const std::int64_t may_1 = 1714554000000; // 2024-05-01T09:00:00Z
  const std::int64_t day = 86400000;
  struct Seed {
    const char *email, *first, *last, *company;
  };
  const Seed people[] = {{"ada@example.com", "Ada", "Lovelace", "Analytical Engines"},
                         {"grace@example.com", "Grace", "Hopper", "Navy"},
                         {"alan@example.com", "Alan", "Turing", "Bletchley"},
                         {"adele@example.com", "Adele", "Goldberg", "Analytical Engines"}};
  std::int64_t changed = may_1;
  for (const auto& p : people) {
    hubspot.add_contact(
        {{"email", p.email}, {"firstname", p.first}, {"lastname", p.last}, {"company", p.company}},
        changed - day, changed);
    changed += day;
  }

  std::cout << hubspot.url() << std::endl;
  stop.wait();
  return 0;
}
