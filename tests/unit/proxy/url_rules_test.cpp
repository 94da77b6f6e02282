// Where a plugin's request may go: its integration's base URL, the hosts it allows, never the
// host's own network unless the integration itself lives there, and redirects only on the same
// origin.
#include "support.hpp"

#include <fake_provider.hpp>

using namespace proxy_test;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;

namespace {

std::string yaml(const std::string& base_url, const std::string& allowed_hosts = "[]") {
  return "integrations:\n  demo:\n    plugin: demo\n    auth: { mode: BEARER }\n"
         "    proxy:\n      base_url: " +
         base_url + "\n      allowed_hosts: " + allowed_hosts + "\n";
}

} // namespace

TEST_CASE("Addresses inside the host's networks are internal") {
  for (const char* address :
       {"127.0.0.1", "127.9.9.9", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "::1", "::", "::ffff:127.0.0.1",
        "::ffff:10.0.0.1", "fc00::1", "fd12:3456::1", "fe80::1", "64:ff9b::a00:1"}) {
    INFO(address);
    CHECK(proxy::is_internal_address(Poco::Net::IPAddress(address)));
  }
  for (const char* address :
       {"93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700::1111", "::ffff:93.184.216.34"}) {
    INFO(address);
    CHECK_FALSE(proxy::is_internal_address(Poco::Net::IPAddress(address)));
  }
}

TEST_CASE("An absolute URL must name the base URL's host or an allowed host") {
  FakeProvider fake;
  fake.on("GET", "/files/1", [](const Request&) { return Reply::json("{}"); });
  RecordingStore store;
  store.put("conn-1", token("tok-secret-1"));
  proxy::ProxyOptions options;
  options.resolve = resolver({{"files.example.test", "127.0.0.1"}});
  proxy::Proxy proxy(integration(yaml(fake.url() + "/api", "['*.example.test']")), options);
  plugins::HttpResponse response;

  CHECK(proxy.request(call_for("demo", store), get("https://evil.test/x"), response) ==
        AH_ERR_PERMISSION);
  CHECK(response.error ==
        "the host 'evil.test' is not allowed for this integration (add it to proxy.allowed_hosts)");

  // *.example.test allows files.example.test (a base URL on loopback allows loopback targets).
  std::string allowed = "http://files.example.test:" + std::to_string(fake.port()) + "/files/1";
  CHECK(proxy.request(call_for("demo", store), get(allowed), response) == AH_OK);
  CHECK(response.status == 200);
  CHECK(fake.requests().back().header("Host") ==
        "files.example.test:" + std::to_string(fake.port()));

  CHECK(proxy.request(call_for("demo", store), get("ftp://files.example.test/x"), response) ==
        AH_ERR_PERMISSION);
  CHECK(proxy.request(call_for("demo", store), get("http://user:pw@files.example.test/x"),
                      response) == AH_ERR_PERMISSION);
  CHECK(fake.requests().size() == 1);
}

TEST_CASE("A path that looks like a host stays a path on the base host") {
  FakeProvider fake;
  fake.on("GET", "/api//evil.test/x", [](const Request&) { return Reply::json("{}"); });
  RecordingStore store;
  store.put("conn-1", token("tok-secret-1"));
  proxy::Proxy proxy(integration(yaml(fake.url() + "/api/")));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("//evil.test/x"), response) == AH_OK);
  CHECK(response.status == 200);
}

TEST_CASE("Internal addresses are refused when the base URL is public") {
  RecordingStore store;
  store.put("conn-1", token("tok-secret-1"));
  proxy::ProxyOptions options;
  options.resolve = resolver({{"api.example.test", "93.184.216.34"},
                              {"metadata.example.test", "169.254.169.254"},
                              {"mapped.example.test", "::ffff:127.0.0.1"},
                              {"lan.example.test", "192.168.0.10"}});
  proxy::Proxy proxy(integration(yaml("https://api.example.test/v1", "['*.example.test']")),
                     options);
  for (const char* url : {"https://metadata.example.test/latest/meta-data",
                          "https://mapped.example.test/", "https://lan.example.test/admin"}) {
    INFO(url);
    plugins::HttpResponse response;
    CHECK(proxy.request(call_for("demo", store), get(url), response) == AH_ERR_PERMISSION);
    CHECK(response.error.find("resolves to an internal address") != std::string::npos);
  }
}

TEST_CASE("Internal addresses are allowed when the base URL itself is internal") {
  FakeProvider fake; // on 127.0.0.1, like a self-hosted provider or a local fake
  fake.on("GET", "/api/ping", [](const Request&) { return Reply::json(R"({"pong":true})"); });
  RecordingStore store;
  store.put("conn-1", token("tok-secret-1"));
  proxy::Proxy proxy(integration(yaml(fake.url() + "/api")));
  plugins::HttpResponse response;
  REQUIRE(proxy.request(call_for("demo", store), get("/ping"), response) == AH_OK);
  CHECK(response.body == R"({"pong":true})");
}

TEST_CASE("Redirects are followed on the same origin only") {
  FakeProvider api, elsewhere; // two ports: two origins
  elsewhere.on("GET", "/landing", [](const Request&) { return Reply::json(R"({"where":"b"})"); });
  api.on("GET", "/api/old", [](const Request&) {
    Reply reply;
    reply.status = 301;
    reply.headers = {{"Location", "/api/new"}};
    return reply;
  });
  api.on("GET", "/api/new", [](const Request&) { return Reply::json(R"({"where":"a"})"); });
  std::string away = elsewhere.url() + "/landing";
  api.on("GET", "/api/away", [away](const Request&) {
    Reply reply;
    reply.status = 302;
    reply.headers = {{"Location", away}};
    return reply;
  });
  api.on("GET", "/api/loop", [](const Request&) {
    Reply reply;
    reply.status = 307;
    reply.headers = {{"Location", "/api/loop"}};
    return reply;
  });
  RecordingStore store;
  store.put("conn-1", token("tok-secret-1"));
  proxy::Proxy proxy(integration(yaml(api.url() + "/api", "['127.0.0.1']")));
  plugins::HttpResponse response;

  SECTION("same origin: followed, credentials kept") {
    REQUIRE(proxy.request(call_for("demo", store), get("/old"), response) == AH_OK);
    CHECK(response.status == 200);
    CHECK(response.body == R"({"where":"a"})");
    CHECK(api.requests().back().header("Authorization") == "Bearer tok-secret-1");
    CHECK(response.attempts == 2);
  }
  SECTION("another origin: the redirect is the answer, and nothing is sent there") {
    REQUIRE(proxy.request(call_for("demo", store), get("/away"), response) == AH_OK);
    CHECK(response.status == 302);
    CHECK(header(response, "Location") == away);
    CHECK(elsewhere.requests().empty());
  }
  SECTION("a loop stops after a few hops") {
    REQUIRE(proxy.request(call_for("demo", store), get("/loop"), response) == AH_OK);
    CHECK(response.status == 307);
    CHECK(api.count("/api/loop") == 6); // the request and 5 hops
  }
}
