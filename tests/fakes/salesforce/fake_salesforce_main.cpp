// actionhost_fake_salesforce_server: the fake Salesforce org as a process, for recording the
// salesforce plugin's fixtures with `actionhost dryrun --save`
// (plugins/salesforce/tests/README.md). Prints its instance URL (SALESFORCE_BASE_URL, an origin) on
// the first line of stdout and serves until SIGINT or SIGTERM.
//
// Accepts the access token salesforce-fixture-token. Its records are always the same, with ids
// given in seeding order and fixed times, so a recording made today replays the same exchanges as
// one made tomorrow:
//   accounts  Analytical Engines, Navy, O'Reilly & Sons
//   contacts  ada@example.com Ada Lovelace (Analytical Engines), grace@example.com Grace Hopper
//             (Navy), adele@example.com Adele Goldberg (Analytical Engines), tim@example.com
//             Tim O'Reilly (O'Reilly & Sons); changed a day apart from 2024-05-01T09:00:00Z
// Records created while it runs get the next ids and the current time.
#include "fake_salesforce.hpp"

#include <cstdint>
#include <iostream>
#include <map>

using actionhost::fakes::FakeSalesforce;

int main() {
  actionhost::fakes::StopSignals stop; // before any server thread starts

  FakeSalesforce org("salesforce-fixture-token", "fixture-client", "fixture-secret",
                     "fixture-refresh");
  const std::int64_t may_1 = 1714554000000; // 2024-05-01T09:00:00Z
  const std::int64_t day = 86400000;
  std::map<std::string, std::string> accounts;
  for (const char* name : {"Analytical Engines", "Navy", "O'Reilly & Sons"})
    accounts[name] = org.add("Account", {{"Name", name}}, may_1 - 30 * day);
  struct Seed {
    const char *email, *first, *last, *company;
  };
  const Seed people[] = {{"ada@example.com", "Ada", "Lovelace", "Analytical Engines"},
                         {"grace@example.com", "Grace", "Hopper", "Navy"},
                         {"adele@example.com", "Adele", "Goldberg", "Analytical Engines"},
                         {"tim@example.com", "Tim", "O'Reilly", "O'Reilly & Sons"}};
  std::int64_t changed = may_1;
  for (const auto& p : people) {
    org.add("Contact",
            {{"Email", p.email},
             {"FirstName", p.first},
             {"LastName", p.last},
             {"AccountId", accounts[p.company]}},
            changed - day, changed);
    changed += day;
  }

  std::cout << org.url() << std::endl;
  stop.wait();
  return 0;
}
