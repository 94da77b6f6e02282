// Tool calls through the real host reach a local fake provider with the connection's credentials
// injected by the proxy, for every auth mode, while the plugin (tests/plugins/snoop) sees none of
// them: not in its invocation, connection, settings or metadata, nor in the response of a fake
// that echoes every request header back. Every call lands in the execution log, secret-free.
#include "fake_provider.hpp"
#include "keyed_host.hpp"
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <Poco/Base64Encoder.h>

#include <atomic>
#include <sstream>
#include <thread>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;
using Catch::Matchers::Contains;

namespace {

std::string snoop_plugin() {
  return (plugin_dir().parent_path() / "tests" / "plugins" / "snoop.so").string();
}

std::string base64(const std::string& text) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << text;
  encoder.close();
  return out.str();
}

// Echoes the request's headers and query back, as a provider's debug endpoint might.
Reply echo(const Request& request) {
  std::string body = "query=" + request.query + "\n";
  for (const auto& [name, value] : request.headers)
    body += name + ": " + value + "\n";
  return Reply{200, {{"X-Echo-Authorization", request.header("Authorization")}}, body};
}

std::string integration(const std::string& key, const std::string& auth, const std::string& url) {
  return "  " + key + ":\n    plugin: " + snoop_plugin() + "\n    auth:\n" + auth +
         "    proxy:\n      base_url: " + url + "\n      retry: { backoff_initial: 10ms }\n";
}

// One tools/call of snoop (stateless era) with `key` for `connection` of `integration`.
Poco::JSON::Object::Ptr snoop_call(uint16_t port, const std::string& key,
                                   const std::string& integration, const std::string& connection,
                                   const std::string& paths_json) {
  auto reply = stateless(
      port, "tools/call", R"({"name":"snoop","arguments":{"paths":)" + paths_json + "}}", "{}",
      "/mcp/" + integration, {{"Authorization", "Bearer " + key}, {"connection-id", connection}});
  auto message = response_to(reply);
  REQUIRE(message->has("result"));
  return message->getObject("result");
}

std::string dump_of(const Poco::JSON::Object::Ptr& result) {
  auto structured = result->getObject("structuredContent");
  return structured ? structured->getValue<std::string>("dump")
                    : result->getArray("content")->getObject(0)->getValue<std::string>("text");
}

} // namespace

TEST_CASE("proxy in tool calls: every auth mode's credentials reach the fake, none reach the "
          "plugin, the host's output or the execution log",
          "[integration][proxy]") {
  FakeProvider fake;
  const std::string bearer = "tok_BEARER_canary_7f3a";
  const std::string header_key = "sk_HEADER_canary_19cc";
  const std::string query_key = "sk_QUERY_canary_5e02";
  const std::string password = "pw_BASIC_canary_d41d";
  const std::string access = "at_OAUTH_canary_aa01";
  const std::string refresh = "rt_OAUTH_canary_bb02";
  const std::string client_secret = "cs_OAUTH_canary_cc03";
  fake.on("GET", "/echo", echo);
  fake.on("GET", "/bearer", [&](const Request& r) {
    return Reply{r.header("Authorization") == "Bearer " + bearer ? 200 : 401, {}, "{}"};
  });
  fake.on("GET", "/header", [&](const Request& r) {
    return Reply{r.header("X-Api-Key") == header_key ? 200 : 401, {}, "{}"};
  });
  fake.on("GET", "/query", [&](const Request& r) {
    return Reply{r.param("api_key") == query_key ? 200 : 401, {}, "{}"};
  });
  fake.on("GET", "/basic", [&](const Request& r) {
    return Reply{
        r.header("Authorization") == "Basic " + base64("ada:" + password) ? 200 : 401, {}, "{}"};
  });
  fake.on("GET", "/oauth", [&](const Request& r) {
    return Reply{r.header("Authorization") == "Bearer " + access ? 200 : 401, {}, "{}"};
  });

  std::string url = fake.url();
  KeyedHost deployment(
      integration("bearer", "      mode: BEARER\n", url) +
      integration("header", "      mode: API_KEY\n      headers: { X-Api-Key: '${apiKey}' }\n",
                  url) +
      integration("query", "      mode: API_KEY\n      query: { api_key: '${apiKey}' }\n", url) +
      integration("basic", "      mode: BASIC\n", url) +
      integration("oauth",
                  "      mode: OAUTH2\n      token_url: " + url +
                      "/oauth/token\n      client_id: ${SNOOP_CLIENT_ID}\n"
                      "      client_secret: ${SNOOP_CLIENT_SECRET}\n",
                  url));
  deployment.extra_env = {{"SNOOP_CLIENT_ID", "snoop-client"},
                          {"SNOOP_CLIENT_SECRET", client_secret}};
  deployment.create_connection("bearer", "c1", {"--bearer", "-"}, bearer + "\n");
  deployment.create_connection("header", "c1", {"--api-key", "-"}, header_key + "\n");
  deployment.create_connection("query", "c1", {"--api-key", "-"}, query_key + "\n");
  deployment.create_connection("basic", "c1", {"--basic", "-"}, "ada:" + password + "\n");
  deployment.create_connection(
      "oauth", "c1",
      {"--access-token", access, "--refresh-token", refresh, "--expires-in", "3600"});
  std::string key = deployment.create_key("agent");
  deployment.start();

  std::vector<std::string> secrets{bearer, header_key, query_key,     password,
                                   access, refresh,    client_secret, base64("ada:" + password),
                                   key};
  std::string everything;
  for (const auto& [name, path] :
       std::vector<std::pair<std::string, std::string>>{{"bearer", "/bearer"},
                                                        {"header", "/header"},
                                                        {"query", "/query"},
                                                        {"basic", "/basic"},
                                                        {"oauth", "/oauth"}}) {
    INFO(name);
    auto result = snoop_call(deployment.port(), key, name, "c1",
                             R"([")" + path + R"(", "/echo", "/echo?api_key=x"])");
    auto dump = dump_of(result);
    INFO(dump);
    CHECK_THAT(dump, Contains("GET " + path + " -> 200"));
    CHECK_THAT(dump, Contains("connection=c1"));
    CHECK_THAT(dump, Contains("execution_id="));
    everything += dump;
  }
  // The execution log has each call, its attempts and no secret.
  auto logs = deployment.cli({"logs", "--json"});
  INFO(logs.out + logs.err);
  CHECK(logs.exit_code == 0);
  CHECK_THAT(logs.out, Contains("\"snoop\""));
  CHECK_THAT(logs.out, Contains("/bearer"));
  everything += logs.out + logs.err;
  auto shown =
      deployment.cli({"connections", "show", "--integration", "oauth", "--connection-id", "c1"});
  everything += shown.out + shown.err;
  deployment.host().stop();
  everything += deployment.host().output();
  for (const auto& secret : secrets) {
    INFO("secret " << secret);
    CHECK(everything.find(secret) == std::string::npos);
  }
  // The fake did see them.
  bool saw_header = false;
  for (const auto& request : fake.requests())
    saw_header = saw_header || request.header("X-Api-Key") == header_key;
  CHECK(saw_header);
}

TEST_CASE("proxy in tool calls: a redirect to another host carries no credentials, a private "
          "address is refused, 429 Retry-After is waited out",
          "[integration][proxy]") {
  FakeProvider fake, elsewhere;
  const std::string token = "tok_REDIRECT_canary_0a0b";
  elsewhere.on("GET", "/landing", [](const Request&) { return Reply{200, {}, "landed"}; });
  fake.on("GET", "/away", [&](const Request&) {
    return Reply{
        302,
        {{"Location", "http://localhost:" + std::to_string(elsewhere.port()) + "/landing"}},
        ""};
  });
  std::atomic<int> limited{0};
  fake.on("GET", "/limited", [&](const Request&) {
    return ++limited == 1 ? Reply{429, {{"Retry-After", "1"}}, "slow down"} : Reply{200, {}, "ok"};
  });
  KeyedHost deployment(integration("api", "      mode: BEARER\n", fake.url()));
  deployment.create_connection("api", "c1", {"--bearer", "-"}, token + "\n");
  std::string key = deployment.create_key("agent");
  deployment.start();

  auto dump = dump_of(snoop_call(deployment.port(), key, "api", "c1",
                                 R"(["/away", "http://10.1.2.3/x", "http://169.254.169.254/"])"));
  INFO(dump);
  for (const auto& request : elsewhere.requests())
    CHECK(request.header("Authorization").empty());
  CHECK(dump.find("http://10.1.2.3/x failed") != std::string::npos);
  CHECK(dump.find("http://169.254.169.254/ failed") != std::string::npos);
  CHECK(dump.find(token) == std::string::npos);

  auto start = std::chrono::steady_clock::now();
  auto waited = dump_of(snoop_call(deployment.port(), key, "api", "c1", R"(["/limited"])"));
  CHECK_THAT(waited, Contains("GET /limited -> 200"));
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(900));
  CHECK(limited == 2);
}

TEST_CASE("proxy in tool calls: an open integration without a connection has no credentials, "
          "with auth mode NONE the proxy runs without them",
          "[integration][proxy]") {
  FakeProvider fake;
  fake.on("GET", "/public", [](const Request&) { return Reply{200, {}, "public"}; });
  KeyedHost deployment(
      integration("needs", "      mode: BEARER\n", fake.url()) + "    access: open\n" +
      integration("free", "      mode: NONE\n", fake.url()) + "    access: open\n");
  deployment.start();
  auto call = [&](const std::string& name) {
    auto reply =
        stateless(deployment.port(), "tools/call",
                  R"({"name":"snoop","arguments":{"paths":["/public"]}})", "{}", "/mcp/" + name);
    return dump_of(response_to(reply)->getObject("result"));
  };
  CHECK_THAT(call("needs"), Contains("needs a connection"));
  CHECK_THAT(call("free"), Contains("GET /public -> 200"));
}

TEST_CASE("proxy in tool calls: a connection that must be reconnected ends the call with a tool "
          "error, and a failing refresh marks it",
          "[integration][proxy]") {
  FakeProvider fake;
  actionhost::fakes::TokenEndpoint tokens("cid", "csecret", "rt_FAIL_canary");
  tokens.refuse = true;
  fake.on("POST", "/oauth/token", tokens.route());
  fake.on("GET", "/me", [](const Request&) { return Reply{401, {}, "{}"}; });
  KeyedHost deployment(integration("oauth",
                                   "      mode: OAUTH2\n      token_url: " + fake.url() +
                                       "/oauth/token\n      client_id: ${CID}\n"
                                       "      client_secret: ${CSECRET}\n",
                                   fake.url()));
  deployment.extra_env = {{"CID", "cid"}, {"CSECRET", "csecret"}};
  deployment.create_connection("oauth", "c1",
                               {"--access-token", "at_old_canary", "--refresh-token",
                                "rt_FAIL_canary", "--expires-in", "1"});
  std::string key = deployment.create_key("agent");
  deployment.start();
  auto first = dump_of(snoop_call(deployment.port(), key, "oauth", "c1", R"(["/me"])"));
  INFO(first);
  auto shown =
      deployment.cli({"connections", "show", "--integration", "oauth", "--connection-id", "c1"});
  INFO(shown.out);
  bool marked = shown.out.find("expired") != std::string::npos ||
                shown.out.find("invalid") != std::string::npos;
  CHECK(marked);
  auto second = snoop_call(deployment.port(), key, "oauth", "c1", R"(["/me"])");
  CHECK(second->optValue<bool>("isError", false));
  CHECK_THAT(dump_of(second), Contains("reconnect"));
  CHECK(first.find("rt_FAIL_canary") == std::string::npos);
}

TEST_CASE("proxy in tool calls: concurrent calls with an expiring token cause exactly one refresh",
          "[integration][proxy]") {
  FakeProvider fake;
  actionhost::fakes::TokenEndpoint tokens("cid", "csecret", "rt_ROTATE_canary");
  tokens.delay = std::chrono::milliseconds(200);
  fake.on("POST", "/oauth/token", tokens.route());
  fake.on("GET", "/me", [](const Request& r) {
    return Reply{r.header("Authorization") == "Bearer access-1" ? 200 : 401, {}, "{}"};
  });
  KeyedHost deployment(integration("oauth",
                                   "      mode: OAUTH2\n      token_url: " + fake.url() +
                                       "/oauth/token\n      client_id: ${CID}\n"
                                       "      client_secret: ${CSECRET}\n",
                                   fake.url()));
  deployment.extra_env = {{"CID", "cid"}, {"CSECRET", "csecret"}};
  deployment.create_connection(
      "oauth", "c1",
      {"--access-token", "at_stale", "--refresh-token", "rt_ROTATE_canary", "--expires-in", "1"});
  std::string key = deployment.create_key("agent");
  deployment.start();
  std::vector<std::thread> calls;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i)
    calls.emplace_back([&] {
      auto reply = stateless(
          deployment.port(), "tools/call", R"({"name":"snoop","arguments":{"paths":["/me"]}})",
          "{}", "/mcp/oauth", {{"Authorization", "Bearer " + key}, {"connection-id", "c1"}});
      if (reply.body.find("GET /me -> 200") != std::string::npos)
        ++ok;
    });
  for (auto& t : calls)
    t.join();
  CHECK(ok == 8);
  CHECK(tokens.grants() == 1);
}
