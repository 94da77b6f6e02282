// Crash safety of refreshed credentials: the host is killed with SIGKILL in the middle of a
// refresh storm (every call refreshes, every refresh rotates the refresh token), restarted on
// the same data directory, and every connection must still work. A rotated refresh token is
// committed before it is used, so a crash can cost at most the answer in flight, which the
// provider's grace for the previous token covers.
#include "fake_provider.hpp"
#include "keyed_host.hpp"
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;
using actionhost::fakes::TokenEndpoint;

namespace {

std::string snoop_plugin() {
  return (plugin_dir().parent_path() / "tests" / "plugins" / "snoop.so").string();
}

// One OAuth2 integration per connection, each with its own token endpoint on the fake.
std::string oauth_integration(int i, const std::string& url) {
  std::string n = std::to_string(i);
  return "  oauth" + n + ":\n    plugin: " + snoop_plugin() +
         "\n    auth:\n      mode: OAUTH2\n      token_url: " + url + "/oauth/token" + n +
         "\n      client_id: cid\n      client_secret: ${CSECRET}\n"
         "      refresh_margin: 1h\n" // every token is "about to expire": each call refreshes
         "    proxy:\n      base_url: " +
         url + "\n";
}

bool call_works(uint16_t port, const std::string& key, int i) {
  auto reply = stateless(port, "tools/call", R"({"name":"snoop","arguments":{"paths":["/me"]}})",
                         "{}", "/mcp/oauth" + std::to_string(i),
                         {{"Authorization", "Bearer " + key}, {"connection-id", "c"}});
  return reply.body.find("GET /me -> 200") != std::string::npos;
}

} // namespace

TEST_CASE("crash safety: after kill -9 in a refresh storm every connection still refreshes",
          "[integration][proxy][crash]") {
  constexpr int kConnections = 3;
  FakeProvider fake;
  std::vector<std::unique_ptr<TokenEndpoint>> endpoints;
  std::string integrations;
  for (int i = 0; i < kConnections; ++i) {
    endpoints.push_back(std::make_unique<TokenEndpoint>("cid", "csecret", "rt-start"));
    endpoints.back()->grace_previous = true;
    endpoints.back()->delay = std::chrono::milliseconds(5);
    fake.on("POST", "/oauth/token" + std::to_string(i), endpoints.back()->route());
    integrations += oauth_integration(i, fake.url());
  }
  fake.on("GET", "/me", [](const Request& r) {
    bool issued = r.header("Authorization").rfind("Bearer access-", 0) == 0;
    return Reply{issued ? 200 : 401, {}, "{}"};
  });

  KeyedHost deployment(integrations);
  deployment.extra_env = {{"CSECRET", "csecret"}};
  for (int i = 0; i < kConnections; ++i)
    deployment.create_connection(
        "oauth" + std::to_string(i), "c",
        {"--access-token", "at-start", "--refresh-token", "rt-start", "--expires-in", "1"});
  std::string key = deployment.create_key("agent");

  // The storm: 4 callers per connection, calling until the host dies under them.
  deployment.start();
  uint16_t port = deployment.port();
  REQUIRE(port != 0);
  std::atomic<bool> stop{false};
  std::atomic<int> successes{0};
  std::vector<std::thread> callers;
  struct JoinOnExit { // the callers stop on every path out, a failed REQUIRE included
    std::atomic<bool>& stop;
    std::vector<std::thread>& threads;
    ~JoinOnExit() {
      stop = true;
      for (auto& t : threads)
        if (t.joinable())
          t.join();
    }
  } join_on_exit{stop, callers};
  for (int i = 0; i < kConnections; ++i)
    for (int c = 0; c < 4; ++c)
      callers.emplace_back([&, i] {
        while (!stop) {
          try {
            if (call_works(port, key, i))
              ++successes;
          } catch (const std::exception&) { // the host was killed mid-request
          }
        }
      });
  // Kill once every connection has refreshed (rotated) several times.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  auto rotated = [&] {
    for (const auto& e : endpoints)
      if (e->grants() < 5)
        return false;
    return true;
  };
  while (!rotated() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  INFO("host output before the kill:\n" << deployment.host().output());
  REQUIRE(rotated());
  deployment.host().stop(/*kill=*/true);
  stop = true;
  for (auto& t : callers)
    t.join();
  CHECK(successes > 0);

  // Restarted on the same database, each connection refreshes again and its call succeeds.
  deployment.start();
  REQUIRE(deployment.port() != 0);
  for (int i = 0; i < kConnections; ++i) {
    INFO("connection of oauth" << i << "; host output after the restart:\n"
                               << deployment.host().output());
    int grants_before = endpoints[i]->grants();
    CHECK(call_works(deployment.port(), key, i));
    CHECK(endpoints[i]->grants() > grants_before);
  }
  auto shown =
      deployment.cli({"connections", "show", "--integration", "oauth0", "--connection-id", "c"});
  CHECK(shown.out.find("ok") != std::string::npos);
}
