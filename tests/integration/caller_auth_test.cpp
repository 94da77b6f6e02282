// Caller authentication on /mcp, /mcp/{integration} and /sse, as Nango's MCP server does it:
// `Authorization: Bearer <secret key>` plus the connection (connection-id header or connection_id
// query parameter) and the integration (path or provider-config-key header). Keys and connections
// are created with the real CLI; the host is the real binary.
#include "keyed_host.hpp"
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;
using Catch::Matchers::Contains;

namespace {

const char* kIntegrations = R"(  sample:
    plugin: sample
    access: open
    auth:
      mode: NONE
  crm:
    plugin: sample
    auth:
      mode: API_KEY
      headers: { X-Api-Key: '${apiKey}' }
    proxy:
      base_url: http://127.0.0.1:9
  plain:
    plugin: sample
    auth:
      mode: NONE
)";

const std::string kInit = R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{)"
                          R"("protocolVersion":"2025-11-25","capabilities":{},)"
                          R"("clientInfo":{"name":"test","version":"1"}}})";

std::string request(const std::string& method, const std::string& params = "{}", int id = 1) {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":")" + method +
         R"(","params":)" + params + "}";
}

Headers bearer(const std::string& key, Headers more = {}) {
  more["Authorization"] = "Bearer " + key;
  return more;
}

// initialize with `headers`; the session id (empty when refused).
std::string open(uint16_t port, const std::string& path, const Headers& headers) {
  auto init = post(port, path, kInit, headers);
  return init.status == 200 ? init.headers["mcp-session-id"] : std::string();
}

std::string error_message(const HttpReply& reply) {
  auto m = response_to(reply);
  return m->has("error") ? m->getObject("error")->getValue<std::string>("message") : "";
}

std::vector<std::string> tool_names(const HttpReply& reply) {
  std::vector<std::string> names;
  auto tools = response_to(reply)->getObject("result")->getArray("tools");
  for (size_t i = 0; i < tools->size(); ++i)
    names.push_back(tools->getObject(i)->getValue<std::string>("name"));
  return names;
}

struct Fixture {
  KeyedHost deployment{kIntegrations};
  std::string key, limited, other;
  Fixture() {
    deployment.create_connection("crm", "acme", {"--api-key", "-"}, "sk_CANARY_caller\n");
    key = deployment.create_key("agent");
    limited = deployment.create_key("limited", {"--integrations", "plain", "--deny-tools", "add"});
    other = deployment.create_key("other");
    deployment.start();
  }
  uint16_t port() const { return deployment.port(); }
};

} // namespace

TEST_CASE("caller auth: a missing or wrong key is 401 with WWW-Authenticate: Bearer and no hint",
          "[integration][auth]") {
  Fixture f;
  auto missing = post(f.port(), "/mcp/crm", kInit, {{"connection-id", "acme"}});
  CHECK(missing.status == 401);
  CHECK(missing.headers["www-authenticate"] == "Bearer");
  CHECK_THAT(error_message(missing), Contains("requires a secret key"));

  // A wrong secret, an unknown id and garbage all get the same answer.
  std::string wrong_secret = f.key.substr(0, f.key.size() - 4) + "AAAA";
  std::vector<std::string> answers;
  for (const auto& presented : {wrong_secret, std::string("ahk_nope_nope"), std::string("x")}) {
    auto refused =
        post(f.port(), "/mcp/crm", kInit, bearer(presented, {{"connection-id", "acme"}}));
    CHECK(refused.status == 401);
    CHECK(refused.headers["www-authenticate"] == "Bearer");
    answers.push_back(refused.body);
  }
  CHECK(answers[0] == answers[1]);
  CHECK(answers[1] == answers[2]);
  // A wrong key is wrong on an open integration too.
  CHECK(post(f.port(), "/mcp/sample", kInit, bearer("ahk_nope_nope")).status == 401);
  // The stateless era authenticates every request.
  CHECK(stateless(f.port(), "tools/list", "{}", "{}", "/mcp/crm", {{"connection-id", "acme"}})
            .status == 401);
  auto ok = stateless(f.port(), "tools/list", "{}", "{}", "/mcp/crm",
                      bearer(f.key, {{"connection-id", "acme"}}));
  CHECK(ok.status == 200);
  CHECK(f.deployment.host().output().find(f.key) == std::string::npos);
}

TEST_CASE("caller auth: the connection from a header or the URL, the integration from the path "
          "or provider-config-key, unknown ones are 404",
          "[integration][auth]") {
  Fixture f;
  CHECK_FALSE(open(f.port(), "/mcp/crm", bearer(f.key, {{"connection-id", "acme"}})).empty());
  CHECK_FALSE(open(f.port(), "/mcp/crm?connection_id=acme", bearer(f.key)).empty());
  CHECK_FALSE(open(f.port(), "/mcp",
                   bearer(f.key, {{"connection-id", "acme"}, {"provider-config-key", "crm"}}))
                  .empty());
  auto unknown = post(f.port(), "/mcp/crm", kInit, bearer(f.key, {{"connection-id", "nobody"}}));
  CHECK(unknown.status == 404);
  CHECK_THAT(error_message(unknown), Contains("'nobody'"));
  auto none = post(f.port(), "/mcp/crm", kInit, bearer(f.key));
  CHECK(none.status == 400);
  CHECK_THAT(error_message(none), Contains("connection-id"));
  // An integration with auth mode NONE needs no connection.
  CHECK_FALSE(open(f.port(), "/mcp/plain", bearer(f.key)).empty());
  // Open integrations keep working without any credentials.
  CHECK_FALSE(open(f.port(), "/mcp/sample", {}).empty());
}

TEST_CASE("caller auth: a limited key reaches only its integrations and tools",
          "[integration][auth]") {
  Fixture f;
  // Another integration looks unknown to it.
  auto elsewhere =
      post(f.port(), "/mcp/crm", kInit, bearer(f.limited, {{"connection-id", "acme"}}));
  CHECK(elsewhere.status == 404);
  CHECK_THAT(error_message(elsewhere), Contains("Unknown integration 'crm'"));

  auto session = open(f.port(), "/mcp/plain", bearer(f.limited));
  REQUIRE_FALSE(session.empty());
  Headers in_session = bearer(f.limited, {{"Mcp-Session-Id", session}});
  auto names = tool_names(post(f.port(), "/mcp/plain", request("tools/list"), in_session));
  CHECK(std::find(names.begin(), names.end(), "echo") != names.end());
  CHECK(std::find(names.begin(), names.end(), "add") == names.end());
  auto denied =
      post(f.port(), "/mcp/plain",
           request("tools/call", R"({"name":"add","arguments":{"a":1,"b":2}})"), in_session);
  CHECK_THAT(error_message(denied), Contains("Unknown tool 'add'"));
  auto allowed =
      post(f.port(), "/mcp/plain",
           request("tools/call", R"({"name":"echo","arguments":{"text":"hi"}})"), in_session);
  CHECK(response_to(allowed)->has("result"));
  // The stateless era filters the same way.
  auto listed = stateless(f.port(), "tools/list", "{}", "{}", "/mcp/plain", bearer(f.limited));
  names = tool_names(listed);
  CHECK(std::find(names.begin(), names.end(), "add") == names.end());
}

TEST_CASE("caller auth: a session is bound to its key and connection (another caller gets 404)",
          "[integration][auth]") {
  Fixture f;
  f.deployment.create_connection("crm", "globex", {"--api-key", "-"}, "sk_other\n");
  auto session = open(f.port(), "/mcp/crm", bearer(f.key, {{"connection-id", "acme"}}));
  REQUIRE_FALSE(session.empty());
  auto mine = post(f.port(), "/mcp/crm", request("ping"),
                   bearer(f.key, {{"connection-id", "acme"}, {"Mcp-Session-Id", session}}));
  CHECK(mine.status == 200);
  auto other_key = post(f.port(), "/mcp/crm", request("ping"),
                        bearer(f.other, {{"connection-id", "acme"}, {"Mcp-Session-Id", session}}));
  CHECK(other_key.status == 404);
  auto other_connection =
      post(f.port(), "/mcp/crm", request("ping"),
           bearer(f.key, {{"connection-id", "globex"}, {"Mcp-Session-Id", session}}));
  CHECK(other_connection.status == 404);
  auto no_key = post(f.port(), "/mcp/crm", request("ping"),
                     {{"connection-id", "acme"}, {"Mcp-Session-Id", session}});
  CHECK(no_key.status == 401);
}

TEST_CASE("caller auth: the legacy SSE transport authenticates the GET and binds its POSTs to "
          "that key",
          "[integration][auth]") {
  Fixture f;
  SseStream refused(f.port(), "GET", "/sse/crm?connection_id=acme", {},
                    {{"Accept", "text/event-stream"}});
  CHECK(refused.status() == 401);
  SseStream stream(f.port(), "GET", "/sse/crm?connection_id=acme", {},
                   bearer(f.key, {{"Accept", "text/event-stream"}}));
  REQUIRE(stream.status() == 200);
  auto endpoint = stream.next(std::chrono::seconds(5));
  REQUIRE(endpoint);
  auto path = endpoint->data;
  auto init = kInit;
  CHECK(post(f.port(), path, init, bearer(f.other)).status == 401);
  CHECK(post(f.port(), path, init, {}).status == 401);
  CHECK(post(f.port(), path, init, bearer(f.key)).status == 202);
  auto answer = stream.next(std::chrono::seconds(5));
  REQUIRE(answer);
  REQUIRE(answer->message);
  CHECK(answer->message->has("result"));
}
