// Retries follow the integration's rules: 429 always (the provider did not act), 5xx and
// network errors only when repeating the request is safe, waits as the provider asks, and never
// past the call's deadline or its cancellation.
#include "support.hpp"

#include <fake_provider.hpp>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>

#include <atomic>
#include <thread>

using namespace proxy_test;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

config::Integration demo(const FakeProvider& fake, const std::string& retry = "{}") {
  return integration("integrations:\n  demo:\n    plugin: demo\n    proxy:\n      base_url: " +
                     fake.url() + "\n      retry: " + retry + "\n");
}

// Answers `failure` the first `failures` times, then 200.
actionhost::fakes::Route failing(int failures, Reply failure) {
  auto calls = std::make_shared<std::atomic<int>>(0);
  return [=](const Request&) { return ++*calls <= failures ? failure : Reply::json("{}"); };
}

Reply status(int code, actionhost::fakes::Pairs headers = {}) {
  Reply reply = Reply::json(R"({"error":"try later"})", code);
  reply.headers.insert(reply.headers.end(), headers.begin(), headers.end());
  return reply;
}

double seconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

} // namespace

TEST_CASE("429 with Retry-After in seconds is waited out, for any method") {
  FakeProvider fake;
  fake.on("POST", "/messages", failing(1, status(429, {{"Retry-After", "1"}})));
  RecordingStore store;
  proxy::AttemptList sink;
  proxy::Proxy proxy(demo(fake, "{ backoff_initial: 1ms }"));
  plugins::HttpResponse response;
  auto start = SteadyClock::now();
  REQUIRE(proxy.request(call_for("demo", store, &sink), post("/messages", "{}"), response) ==
          AH_OK);
  CHECK(response.status == 200);
  CHECK(response.attempts == 2);
  CHECK(seconds_since(start) >= 0.95);
  REQUIRE(sink.attempts().size() == 2);
  CHECK(sink.attempts()[0].status == 429);
  CHECK(sink.attempts()[0].retry_reason == "429");
  CHECK(sink.attempts()[1].retry_reason.empty());
}

TEST_CASE("Retry-After as an HTTP date") {
  FakeProvider fake;
  auto calls = std::make_shared<std::atomic<int>>(0);
  fake.on("GET", "/x", [calls](const Request&) {
    if (++*calls > 1)
      return Reply::json("{}");
    Poco::Timestamp soon;
    soon += Poco::Timespan(2, 0); // whole seconds: the date has no fraction
    return status(429, {{"Retry-After", Poco::DateTimeFormatter::format(
                                            soon, Poco::DateTimeFormat::HTTP_FORMAT)}});
  });
  RecordingStore store;
  proxy::Proxy proxy(demo(fake, "{ backoff_initial: 1ms }"));
  plugins::HttpResponse response;
  auto start = SteadyClock::now();
  REQUIRE(proxy.request(call_for("demo", store), get("/x"), response) == AH_OK);
  CHECK(response.status == 200);
  CHECK(seconds_since(start) >= 0.9); // the date is rounded down to the second
}

TEST_CASE("Rate-limit reset headers: delta seconds, epoch seconds, epoch milliseconds") {
  FakeProvider fake;
  RecordingStore store;
  proxy::Proxy proxy(demo(fake, "{ backoff_initial: 1ms, rate_limit_reset_headers: "
                                "[x-ratelimit-reset, x-rate-limit-reset-ms] }"));
  auto epoch_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  SECTION("delta seconds") {
    fake.on("GET", "/x", failing(1, status(429, {{"X-RateLimit-Reset", "1"}})));
  }
  SECTION("epoch milliseconds") {
    fake.on("GET", "/x", [&, calls = std::make_shared<int>(0)](const Request&) {
      return ++*calls > 1
                 ? Reply::json("{}")
                 : status(429, {{"X-Rate-Limit-Reset-Ms", std::to_string(epoch_ms() + 1000)}});
    });
  }
  SECTION("with several, the longest wait wins") {
    fake.on(
        "GET", "/x",
        failing(1, status(429, {{"Retry-After", "0"},
                                {"X-RateLimit-Reset", std::to_string(epoch_ms() / 1000 + 2)}})));
  }
  plugins::HttpResponse response;
  auto start = SteadyClock::now();
  REQUIRE(proxy.request(call_for("demo", store), get("/x"), response) == AH_OK);
  CHECK(response.status == 200);
  CHECK(seconds_since(start) >= 0.9);
}

TEST_CASE("503 is retried for GET but not for POST") {
  FakeProvider fake;
  fake.on("GET", "/x", failing(1, status(503)));
  fake.on("POST", "/x", failing(1, status(503)));
  RecordingStore store;
  proxy::Proxy proxy(demo(fake, "{ backoff_initial: 1ms }"));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/x"), response) == AH_OK);
  CHECK(response.status == 200);
  CHECK(response.attempts == 2);
  REQUIRE(proxy.request(call_for("demo", store), post("/x", "{}"), response) == AH_OK);
  CHECK(response.status == 503);
  CHECK(response.attempts == 1);
}

TEST_CASE("retry_non_idempotent retries POST after 503") {
  FakeProvider fake;
  fake.on("POST", "/x", failing(1, status(503)));
  RecordingStore store;
  proxy::Proxy proxy(demo(fake, "{ backoff_initial: 1ms, retry_non_idempotent: true }"));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), post("/x", "{}"), response) == AH_OK);
  CHECK(response.status == 200);
}

TEST_CASE("max_attempts bounds the tries, and the last answer is returned") {
  FakeProvider fake;
  fake.on("GET", "/x", failing(100, status(500)));
  RecordingStore store;
  proxy::Proxy proxy(demo(fake, "{ max_attempts: 4, backoff_initial: 1ms, backoff_max: 5ms }"));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/x"), response) == AH_OK);
  CHECK(response.status == 500);
  CHECK(response.attempts == 4);
  CHECK(fake.count("/x") == 4);
}

TEST_CASE("AH_HTTP_NO_RETRY makes one attempt") {
  FakeProvider fake;
  fake.on("GET", "/x", failing(1, status(429, {{"Retry-After", "0"}})));
  RecordingStore store;
  proxy::Proxy proxy(demo(fake));
  auto request = get("/x");
  request.flags = AH_HTTP_NO_RETRY;
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), request, response) == AH_OK);
  CHECK(response.status == 429);
  CHECK(fake.count("/x") == 1);
}

TEST_CASE("A wait that would pass the deadline is not started") {
  FakeProvider fake;
  fake.on("GET", "/x", failing(1, status(429, {{"Retry-After", "30"}})));
  RecordingStore store;
  proxy::Proxy proxy(demo(fake));
  auto request = get("/x");
  request.timeout_ms = 1000;
  plugins::HttpResponse response;
  auto start = SteadyClock::now();
  REQUIRE(proxy.request(call_for("demo", store), request, response) == AH_OK);
  CHECK(response.status == 429); // the plugin sees what the provider said, at once
  CHECK(seconds_since(start) < 0.5);

  auto call = call_for("demo", store); // the action's own deadline counts the same
  call.deadline = SteadyClock::now() + 1s;
  REQUIRE(proxy.request(call, get("/x"), response) == AH_OK); // 2nd call: 200 at once
}

TEST_CASE("A cancelled call stops waiting") {
  FakeProvider fake;
  fake.on("GET", "/x", failing(1, status(429, {{"Retry-After", "20"}})));
  RecordingStore store;
  proxy::Proxy proxy(demo(fake));
  std::atomic<bool> cancelled{false};
  auto call = call_for("demo", store);
  call.cancelled = [&] { return cancelled.load(); };
  std::thread canceller([&] {
    std::this_thread::sleep_for(200ms);
    cancelled = true;
  });
  plugins::HttpResponse response;
  auto start = SteadyClock::now();
  CHECK(proxy.request(call, get("/x"), response) == AH_ERR_CANCELLED);
  canceller.join();
  CHECK(seconds_since(start) < 2);
  CHECK(response.error == "the request was cancelled while waiting to retry");
}

TEST_CASE("Network errors are retried for GET, then reported") {
  uint16_t closed_port;
  {
    FakeProvider gone;
    closed_port = gone.port();
  }
  RecordingStore store;
  proxy::Proxy proxy(integration(
      "integrations:\n  demo:\n    plugin: demo\n    proxy:\n      base_url: http://127.0.0.1:" +
      std::to_string(closed_port) + "\n      retry: { backoff_initial: 1ms, max_attempts: 2 }\n"));
  plugins::HttpResponse response;
  CHECK(proxy.request(call_for("demo", store), get("/x"), response) == AH_ERR_UNAVAILABLE);
  CHECK(response.attempts == 2);
  CHECK(response.error.find("could not reach 127.0.0.1") == 0);
  CHECK(response.error.find("(after 2 attempts)") != std::string::npos);
  CHECK(proxy.request(call_for("demo", store), post("/x", "{}"), response) == AH_ERR_UNAVAILABLE);
  CHECK(response.attempts == 1);
}
