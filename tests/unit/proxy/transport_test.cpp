// What travels on the wire and what is kept of it: decoded bodies, a size cap, kept-alive
// connections, and attempt records and errors without secrets.
#include "support.hpp"

#include <fake_provider.hpp>

using namespace proxy_test;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;

namespace {

config::Integration demo(const FakeProvider& fake, const std::string& extra = "") {
  return integration("integrations:\n  demo:\n    plugin: demo\n"
                     "    auth: { mode: API_KEY, query: { api_key: '${apiKey}' } }\n"
                     "    proxy:\n      base_url: " +
                     fake.url() + "\n" + extra);
}

} // namespace

TEST_CASE("A gzip-encoded body reaches the plugin decoded") {
  FakeProvider fake;
  fake.on("GET", "/report", [](const Request& r) {
    Reply reply = Reply::json(R"({"rows":[1,2,3]})");
    reply.gzip = r.header("Accept-Encoding").find("gzip") != std::string::npos;
    return reply;
  });
  RecordingStore store;
  store.put("conn-1", api_key("key-secret-42"));
  proxy::Proxy proxy(demo(fake));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/report"), response) == AH_OK);
  CHECK(response.body == R"({"rows":[1,2,3]})");
  CHECK(header(response, "Content-Encoding").empty());
  CHECK(header(response, "Content-Length") == "16");
}

TEST_CASE("A response over max_response_bytes is refused with a clear message") {
  FakeProvider fake;
  fake.on("GET", "/big", [](const Request&) { return Reply::json(std::string(4096, 'x')); });
  fake.on("GET", "/bomb", [](const Request&) {
    Reply reply = Reply::json(std::string(1 << 20, '0')); // 1 MiB of zeros, ~1 KiB gzipped
    reply.gzip = true;
    return reply;
  });
  RecordingStore store;
  store.put("conn-1", api_key("key-secret-42"));
  proxy::Proxy proxy(demo(fake, "      max_response_bytes: 1KiB\n"));
  plugins::HttpResponse response;
  CHECK(proxy.request(call_for("demo", store), get("/big"), response) == AH_ERR_UPSTREAM);
  CHECK(response.error ==
        "the response from 127.0.0.1 is larger than the 1 KiB limit (proxy.max_response_bytes)");
  CHECK(proxy.request(call_for("demo", store), get("/bomb"), response) == AH_ERR_UPSTREAM);
  CHECK(response.body.empty());
}

TEST_CASE("Connections to a provider are kept alive and reused") {
  FakeProvider fake;
  fake.on("GET", "/x", [](const Request&) { return Reply::json("{}"); });
  RecordingStore store;
  store.put("conn-1", api_key("key-secret-42"));
  proxy::Proxy proxy(demo(fake));
  for (int i = 0; i < 5; ++i) {
    plugins::HttpResponse response;
    REQUIRE(proxy.request(call_for("demo", store), get("/x"), response) == AH_OK);
  }
  CHECK(fake.count("/x") == 5);
  CHECK(fake.connections() == 1);
}

TEST_CASE("Attempts are recorded with credentials and sensitive parameters redacted") {
  FakeProvider fake;
  auto calls = std::make_shared<int>(0);
  fake.on("GET", "/search", [calls](const Request&) {
    return ++*calls == 1 ? Reply::json("{}", 503) : Reply::json("{}");
  });
  RecordingStore store;
  store.put("conn-1", api_key("key-secret-42"));
  proxy::AttemptList sink;
  proxy::Proxy proxy(demo(fake, "      retry: { backoff_initial: 1ms }\n"));
  auto request = get("/search?q=cats&access_token=plugin-token-9");
  request.query = {{"signature", "sig-abc-123"}};
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store, &sink), request, response) == AH_OK);
  CHECK(fake.requests().back().param("api_key") == "key-secret-42"); // it was sent
  auto attempts = sink.attempts();
  REQUIRE(attempts.size() == 2);
  std::string expected =
      fake.url() + "/search?q=cats&access_token=[redacted]&signature=[redacted]&api_key=[redacted]";
  CHECK(attempts[0].url == expected);
  CHECK(attempts[0].execution_id == "exec-1");
  CHECK(attempts[0].method == "GET");
  CHECK(attempts[0].status == 503);
  CHECK(attempts[0].attempt == 1);
  CHECK(attempts[0].retry_reason == "503");
  CHECK(attempts[1].attempt == 2);
  CHECK(attempts[1].status == 200);
  for (const auto& a : attempts)
    for (const char* secret : {"key-secret-42", "plugin-token-9", "sig-abc-123"})
      CHECK(a.url.find(secret) == std::string::npos);
}

TEST_CASE("No error message contains a secret, even one the base URL carries") {
  // Telegram-style: the key is part of the path.
  RecordingStore store;
  store.put("conn-1", api_key("bot-key-secret-77"));
  proxy::ProxyOptions options;
  options.resolve = resolver({}); // nothing resolves
  proxy::Proxy proxy(
      integration("integrations:\n  demo:\n    plugin: demo\n"
                  "    auth: { mode: API_KEY, headers: { X-Key: '${apiKey}' } }\n"
                  "    proxy:\n      base_url: https://api.example.test/bot${apiKey}\n"),
      options);
  proxy::AttemptList sink;
  plugins::HttpResponse response;
  CHECK(proxy.request(call_for("demo", store, &sink), get("/getMe"), response) ==
        AH_ERR_UNAVAILABLE);
  CHECK(response.error == "could not resolve host 'api.example.test' (after 3 attempts)");
  REQUIRE_FALSE(sink.attempts().empty());
  CHECK(sink.attempts().front().url == "https://api.example.test/bot[redacted]/getMe");
}

TEST_CASE("The proxy is what a plugin call's http_request reaches") {
  FakeProvider fake;
  fake.on("GET", "/me",
          [](const Request& r) { return Reply::json("{\"key\":\"" + r.param("api_key") + "\"}"); });
  RecordingStore store;
  store.put("conn-1", api_key("key-secret-42"));
  proxy::Proxy proxy(demo(fake));
  plugins::DefaultCallServices inner;
  auto services = proxy::proxied_services(inner, proxy, call_for("demo", store));
  plugins::HttpResponse response;
  REQUIRE(services->http_request(get("/me"), response) == AH_OK);
  CHECK(response.status == 200);
  CHECK(response.body == R"({"key":"[redacted]"})");
}
