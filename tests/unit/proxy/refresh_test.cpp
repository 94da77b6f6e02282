// OAuth2 tokens are refreshed before they expire and after a 401, once per connection however
// many calls need it, with rotated refresh tokens stored before they are used; a refused refresh
// marks the connection for reconnection.
#include "support.hpp"

#include <fake_provider.hpp>

#include <thread>

using namespace proxy_test;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;
using actionhost::fakes::TokenEndpoint;
using namespace std::chrono_literals;

namespace {

config::Integration oauth(const FakeProvider& fake) {
  return integration("integrations:\n  demo:\n    plugin: demo\n    auth:\n      mode: OAUTH2\n"
                     "      token_url: " +
                     fake.url() +
                     "/oauth/token\n"
                     "      client_id: ${OAUTH_CLIENT_ID}\n"
                     "      client_secret: ${OAUTH_CLIENT_SECRET}\n"
                     "      refresh_margin: 5m\n"
                     "    proxy:\n      base_url: " +
                     fake.url() + "/api\n");
}

// The provider accepts only the token the test names, and tells the store when it sees it.
void accept_only(FakeProvider& fake, RecordingStore& store, std::string valid) {
  fake.on("GET", "/api/me", [&store, valid](const Request& r) {
    if (r.header("Authorization") != "Bearer " + valid)
      return Reply::json(R"({"error":"invalid_token"})", 401);
    store.note("provider accepted " + valid);
    return Reply::json(R"({"id":"U1"})");
  });
}

} // namespace

TEST_CASE("A token that expires within refresh_margin is refreshed before the request") {
  FakeProvider fake;
  TokenEndpoint tokens("client-1", "client-secret-xyz", "refresh-1");
  fake.on("POST", "/oauth/token", tokens.route());
  RecordingStore store;
  store.put("conn-1", token("old-token", "refresh-1", proxy::Clock::now() + 1min));
  accept_only(fake, store, "access-1");
  proxy::Proxy proxy(oauth(fake));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
  CHECK(response.status == 200);
  CHECK(tokens.grants() == 1);
  CHECK(fake.count("/api/me") == 1); // the old token was never sent
  auto saved = store.load({"demo", "conn-1"});
  CHECK(saved->access_token == "access-1");
  CHECK(saved->refresh_token == "refresh-2");
  CHECK(saved->expires_at > proxy::Clock::now() + 50min);
}

TEST_CASE("A 401 refreshes once and retries once, the rotated token is stored first") {
  FakeProvider fake;
  TokenEndpoint tokens("client-1", "client-secret-xyz", "refresh-1");
  fake.on("POST", "/oauth/token", tokens.route());
  RecordingStore store;
  store.put("conn-1", token("revoked-token", "refresh-1")); // no expiry known
  accept_only(fake, store, "access-1");
  proxy::AttemptList sink;
  proxy::Proxy proxy(oauth(fake));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store, &sink), get("/me"), response) == AH_OK);
  CHECK(response.status == 200);
  CHECK(tokens.grants() == 1);
  CHECK(store.events() ==
        std::vector<std::string>{"saved refresh token refresh-2", "provider accepted access-1"});
  REQUIRE(sink.attempts().size() == 2);
  CHECK(sink.attempts()[0].status == 401);
  CHECK(sink.attempts()[0].retry_reason == "401 refresh");
}

TEST_CASE("A provider that keeps answering 401 gets one refresh, not a loop") {
  FakeProvider fake;
  TokenEndpoint tokens("client-1", "client-secret-xyz", "refresh-1");
  fake.on("POST", "/oauth/token", tokens.route());
  RecordingStore store;
  store.put("conn-1", token("revoked-token", "refresh-1"));
  accept_only(fake, store, "nothing-works");
  proxy::Proxy proxy(oauth(fake));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
  CHECK(response.status == 401);
  CHECK(tokens.grants() == 1);
  CHECK(fake.count("/api/me") == 2);
}

TEST_CASE("Concurrent calls share one refresh") {
  FakeProvider fake;
  TokenEndpoint tokens("client-1", "client-secret-xyz", "refresh-1");
  tokens.delay = 200ms; // long enough for every call to be waiting on it
  fake.on("POST", "/oauth/token", tokens.route());
  RecordingStore store;
  accept_only(fake, store, "access-1");
  proxy::Proxy proxy(oauth(fake));

  auto run_concurrently = [&](int n) {
    std::vector<std::thread> threads;
    std::vector<ah_status> statuses(static_cast<size_t>(n));
    std::vector<int> codes(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
      threads.emplace_back([&, i] {
        plugins::HttpResponse response;
        statuses[static_cast<size_t>(i)] =
            proxy.request(call_for("demo", store), get("/me"), response);
        codes[static_cast<size_t>(i)] = response.status;
      });
    for (auto& t : threads)
      t.join();
    for (int i = 0; i < n; ++i) {
      CHECK(statuses[static_cast<size_t>(i)] == AH_OK);
      CHECK(codes[static_cast<size_t>(i)] == 200);
    }
  };
  SECTION("all of them answered 401") {
    store.put("conn-1", token("revoked-token", "refresh-1"));
    run_concurrently(8);
  }
  SECTION("all of them holding an expiring token") {
    store.put("conn-1", token("old-token", "refresh-1", proxy::Clock::now() + 10s));
    run_concurrently(8);
  }
  CHECK(tokens.grants() == 1);
}

TEST_CASE("A refused refresh marks the connection and asks for a reconnect") {
  FakeProvider fake;
  TokenEndpoint tokens("client-1", "client-secret-xyz", "refresh-1");
  fake.on("POST", "/oauth/token", tokens.route());
  RecordingStore store;
  accept_only(fake, store, "access-1");
  proxy::Proxy proxy(oauth(fake));
  plugins::HttpResponse response;

  SECTION("invalid_grant: the connection is invalid") {
    tokens.refuse = true;
    store.put("conn-1", token("old-token", "refresh-1", proxy::Clock::now() - 1min));
    CHECK(proxy.request(call_for("demo", store), get("/me"), response) == AH_ERR_PERMISSION);
    CHECK(store.status("conn-1") == proxy::ConnectionStatus::Invalid);
    CHECK(response.error == "the connection 'conn-1' of integration 'demo' must be reconnected: "
                            "the provider refused to refresh its OAuth token (invalid_grant)");
  }
  SECTION("no refresh token: the connection is expired") {
    store.put("conn-1", token("old-token", "", proxy::Clock::now() - 1min));
    CHECK(proxy.request(call_for("demo", store), get("/me"), response) == AH_ERR_PERMISSION);
    CHECK(store.status("conn-1") == proxy::ConnectionStatus::Expired);
    CHECK(response.error.find("must be reconnected") != std::string::npos);
  }
  CHECK(fake.count("/api/me") == 0);
  for (const char* secret : {"old-token", "refresh-1", "client-secret-xyz"}) {
    CHECK(response.error.find(secret) == std::string::npos);
    for (const auto& event : store.events())
      CHECK(event.find(secret) == std::string::npos);
  }
}

TEST_CASE("An unreachable token endpoint leaves a still-valid token in use") {
  FakeProvider fake;
  fake.on("POST", "/oauth/token", [](const Request&) {
    return Reply::json(R"({"error":"temporarily_unavailable"})", 503);
  });
  RecordingStore store;
  store.put("conn-1", token("still-good", "refresh-1", proxy::Clock::now() + 1min));
  accept_only(fake, store, "still-good");
  proxy::Proxy proxy(oauth(fake));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
  CHECK(response.status == 200);
  CHECK_FALSE(store.status("conn-1")); // not marked: the failure was the provider's
}
