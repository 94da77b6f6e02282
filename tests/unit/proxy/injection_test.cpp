// Credentials reach the provider in the form its auth mode names, and nowhere else.
#include "support.hpp"

#include <fake_provider.hpp>

using namespace proxy_test;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;

namespace {

// An integration `demo` whose base URL is the fake's /api, with `auth` as written.
config::Integration demo(const FakeProvider& fake, const std::string& auth) {
  return integration("integrations:\n  demo:\n    plugin: demo\n    auth: " + auth +
                     "\n    proxy:\n      base_url: " + fake.url() + "/api\n");
}

// The provider echoes what it received, as some APIs (and httpbin) do.
void echo(FakeProvider& fake, const std::string& path) {
  fake.on("GET", path, [](const Request& r) {
    Reply reply = Reply::json("{\"authorization\":\"" + r.header("Authorization") +
                              "\",\"query\":\"" + r.query + "\"}");
    reply.headers.emplace_back("X-Echo-Authorization", r.header("Authorization"));
    reply.headers.emplace_back("Set-Cookie", "session=abc123; HttpOnly");
    return reply;
  });
}

} // namespace

TEST_CASE("OAUTH2 and BEARER send the access token as Authorization: Bearer") {
  FakeProvider fake;
  echo(fake, "/api/me");
  RecordingStore store;
  store.put("conn-1", token("tok-secret-1"));
  for (const char* mode :
       {"{ mode: BEARER }", "{ mode: OAUTH2, token_url: 'https://auth.example.test/token' }"}) {
    proxy::Proxy proxy(demo(fake, mode));
    plugins::HttpResponse response;
    REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
    CHECK(response.status == 200);
    CHECK(fake.requests().back().header("Authorization") == "Bearer tok-secret-1");
  }
}

TEST_CASE("BASIC sends username:password as Authorization: Basic") {
  FakeProvider fake;
  echo(fake, "/api/me");
  RecordingStore store;
  store.put("conn-1", basic("ada", "lovelace-pw"));
  proxy::Proxy proxy(demo(fake, "{ mode: BASIC }"));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
  CHECK(fake.requests().back().header("Authorization") == "Basic YWRhOmxvdmVsYWNlLXB3");
}

TEST_CASE("API_KEY goes where the integration's header and query templates say") {
  FakeProvider fake;
  echo(fake, "/api/me");
  RecordingStore store;
  store.put("conn-1", api_key("key-secret-42"));

  SECTION("Authorization: Bearer ${apiKey}") {
    proxy::Proxy proxy(
        demo(fake, "{ mode: API_KEY, headers: { Authorization: 'Bearer ${apiKey}' } }"));
    plugins::HttpResponse response;
    REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
    CHECK(fake.requests().back().header("Authorization") == "Bearer key-secret-42");
  }
  SECTION("X-Api-Key: ${apiKey}") {
    proxy::Proxy proxy(demo(fake, "{ mode: API_KEY, headers: { X-Api-Key: '${apiKey}' } }"));
    plugins::HttpResponse response;
    REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
    CHECK(fake.requests().back().header("X-Api-Key") == "key-secret-42");
    CHECK_FALSE(fake.requests().back().has_header("Authorization"));
  }
  SECTION("?key=${apiKey}, replacing a key the plugin put in the URL") {
    proxy::Proxy proxy(demo(fake, "{ mode: API_KEY, query: { key: '${apiKey}' } }"));
    plugins::HttpResponse response;
    auto request = get("/me?key=forged&a=1");
    request.query = {{"b", "two words"}};
    REQUIRE(proxy.request(call_for("demo", store), request, response) == AH_OK);
    CHECK(fake.requests().back().query == "a=1&b=two%20words&key=key-secret-42");
  }
}

TEST_CASE("Headers the plugin sets cannot replace or add credentials") {
  FakeProvider fake;
  echo(fake, "/api/me");
  RecordingStore store;
  store.put("conn-1", api_key("key-secret-42"));
  proxy::Proxy proxy(demo(fake, "{ mode: API_KEY, headers: { X-Api-Key: '${apiKey}' } }"));
  auto request = get("/me");
  request.headers = {{"authorization", "Bearer stolen"},
                     {"x-api-KEY", "forged"},
                     {"Cookie", "sid=1"},
                     {"Proxy-Authorization", "Basic x"},
                     {"X-Custom", "kept"},
                     {"X-Smuggle", "a\r\nX-Api-Key: forged"}};
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), request, response) == AH_OK);
  Request seen = fake.requests().back();
  CHECK_FALSE(seen.has_header("Authorization"));
  CHECK_FALSE(seen.has_header("Cookie"));
  CHECK_FALSE(seen.has_header("Proxy-Authorization"));
  CHECK_FALSE(seen.has_header("X-Smuggle"));
  CHECK(seen.header("X-Api-Key") == "key-secret-42");
  CHECK(seen.header("X-Custom") == "kept");
}

TEST_CASE("A provider that echoes credentials does not hand them to the plugin") {
  FakeProvider fake;
  echo(fake, "/api/me");
  RecordingStore store;
  store.put("conn-1", token("tok-secret-1"));
  proxy::Proxy proxy(demo(fake, "{ mode: BEARER }"));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
  CHECK(response.body.find("tok-secret-1") == std::string::npos);
  CHECK(response.body.find("Bearer [redacted]") != std::string::npos);
  CHECK(header(response, "X-Echo-Authorization") == "Bearer [redacted]");
  CHECK(header(response, "Set-Cookie").empty()); // cookies are not the plugin's to keep
}

TEST_CASE("A connection missing from the store is refused without a request") {
  FakeProvider fake;
  RecordingStore store; // empty
  proxy::Proxy proxy(demo(fake, "{ mode: BEARER }"));
  plugins::HttpResponse response;
  CHECK(proxy.request(call_for("demo", store), get("/me"), response) == AH_ERR_PERMISSION);
  CHECK(response.error == "the connection 'conn-1' of integration 'demo' does not exist; "
                          "connect it first");
  CHECK(fake.requests().empty());
}

TEST_CASE("${connection.field} in the base URL comes from the connection's metadata") {
  FakeProvider fake;
  fake.on("GET", "/tenants/acme/me", [](const Request&) { return Reply::json("{}"); });
  RecordingStore store;
  proxy::Proxy proxy(integration("integrations:\n  demo:\n    plugin: demo\n    proxy:\n"
                                 "      base_url: " +
                                 fake.url() + "/tenants/${connection.tenant}\n"));
  auto call = call_for("demo", store);
  call.metadata_json = R"({"tenant":"acme"})";
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call, get("/me"), response) == AH_OK);
  CHECK(response.status == 200);

  call.metadata_json = R"({"tenant":"evil.test/x?"})";
  CHECK(proxy.request(call, get("/me"), response) == AH_ERR_PERMISSION);
  CHECK(response.error.find("contains URL delimiters") != std::string::npos);
}

TEST_CASE("A connection field that starts the base URL may name the whole origin") {
  FakeProvider fake;
  fake.on("GET", "/services/data/v60.0/me", [](const Request&) { return Reply::json("{}"); });
  RecordingStore store;
  proxy::Proxy proxy(
      integration("integrations:\n  demo:\n    plugin: demo\n    proxy:\n"
                  "      base_url: ${connection.instance_url}/services/data/v60.0\n"));
  auto call = call_for("demo", store);
  call.metadata_json = R"({"instance_url":")" + fake.url() + R"(/"})";
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call, get("/me"), response) == AH_OK);
  CHECK(response.status == 200);

  for (std::string bad : {"https://evil.test/x", "https://u:p@evil.test", "ftp://evil.test",
                          "https://evil.test?x=1"}) {
    INFO(bad);
    call.metadata_json = R"({"instance_url":")" + bad + R"("})";
    CHECK(proxy.request(call, get("/me"), response) == AH_ERR_PERMISSION);
    CHECK(response.error.find("cannot start the base URL") != std::string::npos);
  }
}
