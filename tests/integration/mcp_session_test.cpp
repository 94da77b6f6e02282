// The session era of Streamable HTTP (2025-03-26, 2025-06-18, 2025-11-25) on /mcp: initialize
// opens a session named by Mcp-Session-Id, every later request names it, DELETE ends it.
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;

namespace {
const char* kInit = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{)"
                    R"("protocolVersion":"VERSION","capabilities":{},)"
                    R"("clientInfo":{"name":"test","version":"1"}}})";
std::string init_body(const std::string& version) {
  std::string body = kInit;
  return body.replace(body.find("VERSION"), 7, version);
}
} // namespace

TEST_CASE("initialize negotiates the version and opens a session with a random visible-ASCII id",
          "[mcp][session]") {
  McpHost host;
  for (const char* version : {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"}) {
    auto reply = post(host.port(), "/mcp/sample", init_body(version));
    REQUIRE(reply.status == 200);
    CHECK(response_to(reply)->getObject("result")->getValue<std::string>("protocolVersion") ==
          version);
  }
  // A version the server does not speak: it answers with its latest one.
  auto reply = post(host.port(), "/mcp/sample", init_body("1999-01-01"));
  auto result = response_to(reply)->getObject("result");
  CHECK(result->getValue<std::string>("protocolVersion") == "2025-11-25");
  // serverInfo names the integration; instructions come from the configuration.
  auto info = result->getObject("serverInfo");
  CHECK(info->getValue<std::string>("name") == "sample");
  CHECK(info->getValue<std::string>("title") == "Sample");
  CHECK(info->getValue<std::string>("description") == "The sample plugin");
  CHECK(info->has("version"));
  CHECK(result->getValue<std::string>("instructions") == "Call echo to check the connection.");
  CHECK(result->getObject("capabilities")->has("tools"));

  std::string id = reply.headers["mcp-session-id"];
  CHECK(id.size() >= 32);
  for (char c : id)
    CHECK((c >= 0x21 && c <= 0x7e));
  CHECK(post(host.port(), "/mcp/sample", init_body("2025-11-25")).headers["mcp-session-id"] != id);
}

TEST_CASE("requests need a live session: 400 without the header, 404 for an unknown or ended one",
          "[mcp][session]") {
  McpHost host;
  auto port = host.port();
  auto none = post(port, "/mcp/sample", R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})");
  CHECK(none.status == 400);
  CHECK(json(none.body)->getObject("error")->getValue<std::string>("message").find(
            "Mcp-Session-Id") != std::string::npos);

  CHECK(call(port, "no-such-session", "tools/list").status == 404);

  auto session = open_session(port);
  CHECK(call(port, session, "ping").status == 200);
  auto ended = http_request(port, "DELETE", "/mcp/sample", "", {{"Mcp-Session-Id", session}});
  CHECK(ended.status == 200);
  CHECK(call(port, session, "ping").status == 404);
  CHECK(http_request(port, "DELETE", "/mcp/sample", "", {{"Mcp-Session-Id", session}}).status ==
        404);
}

TEST_CASE("notifications and responses are accepted with 202 and no body", "[mcp][session]") {
  McpHost host;
  auto session = open_session(host.port());
  auto reply =
      post(host.port(), "/mcp/sample", R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
           {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-11-25"}});
  CHECK(reply.status == 202);
  CHECK(reply.body.empty());
  auto answer = post(host.port(), "/mcp/sample", R"({"jsonrpc":"2.0","id":"x","result":{}})",
                     {{"Mcp-Session-Id", session}});
  CHECK(answer.status == 202);
}

TEST_CASE("ping answers an empty result, unknown methods -32601", "[mcp][session]") {
  McpHost host;
  auto session = open_session(host.port());
  auto ping = call(host.port(), session, "ping", "{}", 7);
  CHECK(ping.status == 200);
  CHECK(ping.headers["content-type"] == "application/json");
  CHECK(ping.body == R"({"id":7,"jsonrpc":"2.0","result":{}})");
  auto unknown = response_to(call(host.port(), session, "no/such/method"));
  CHECK(unknown->getObject("error")->getValue<int>("code") == -32601);
}

TEST_CASE("an unsupported MCP-Protocol-Version header is refused with 400", "[mcp][session]") {
  McpHost host;
  auto session = open_session(host.port());
  auto reply = call(host.port(), session, "ping", "{}", 1, "/mcp/sample", "1999-01-01");
  CHECK(reply.status == 400);
  CHECK(reply.body.find("Unsupported protocol version") != std::string::npos);
  // Absent, the negotiated version is assumed.
  auto absent = post(host.port(), "/mcp/sample", R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
                     {{"Mcp-Session-Id", session}});
  CHECK(absent.status == 200);
}

TEST_CASE("tools/list lists the integration's actions, tools/call answers structuredContent "
          "plus a text block, and isError for bad arguments",
          "[mcp][tools]") {
  McpHost host;
  auto port = host.port();
  auto session = open_session(port);
  auto tools =
      response_to(call(port, session, "tools/list"))->getObject("result")->getArray("tools");
  REQUIRE(tools->size() == 3);
  CHECK(tools->getObject(0)->getValue<std::string>("name") == "echo");
  CHECK(tools->getObject(0)->has("inputSchema"));
  CHECK(tools->getObject(0)->has("description"));

  auto echo = response_to(call(port, session, "tools/call",
                               R"({"name":"echo","arguments":{"text":"hello"}})"))
                  ->getObject("result");
  CHECK(echo->getObject("structuredContent")->getValue<std::string>("text") == "hello");
  CHECK(echo->getArray("content")->getObject(0)->getValue<std::string>("type") == "text");
  CHECK_FALSE(echo->has("isError"));

  // Input validation failures are tool errors the model can read, not protocol errors.
  auto bad =
      response_to(call(port, session, "tools/call", R"({"name":"echo","arguments":{"text":5}})"))
          ->getObject("result");
  CHECK(bad->getValue<bool>("isError"));
  CHECK(bad->getArray("content")->getObject(0)->getValue<std::string>("text").find("text") !=
        std::string::npos);

  // Unknown tools and malformed requests are protocol errors.
  auto unknown = response_to(call(port, session, "tools/call", R"({"name":"nope"})"));
  CHECK(unknown->getObject("error")->getValue<int>("code") == -32602);
  auto malformed =
      response_to(call(port, session, "tools/call", R"({"name":"echo","arguments":3})"));
  CHECK(malformed->getObject("error")->getValue<int>("code") == -32602);
}

TEST_CASE("tools/list pages with an opaque cursor, a forged cursor is -32602", "[mcp][tools]") {
  McpHost host;
  auto session = open_session(host.port());
  auto first = response_to(call(host.port(), session, "tools/list"))->getObject("result");
  CHECK_FALSE(first->has("nextCursor")); // three tools fit one page
  auto forged = response_to(call(host.port(), session, "tools/list", R"({"cursor":"garbage!"})"));
  CHECK(forged->getObject("error")->getValue<int>("code") == -32602);
}

TEST_CASE("which integration: the path, or the provider-config-key header, unknown 404, none 400, "
          "access: key 401 with WWW-Authenticate",
          "[mcp][integrations]") {
  McpHost host;
  auto port = host.port();
  auto by_header = post(port, "/mcp", init_body("2025-11-25"), {{"provider-config-key", "sample"}});
  CHECK(by_header.status == 200);
  auto unknown = post(port, "/mcp/nope", init_body("2025-11-25"));
  CHECK(unknown.status == 404);
  CHECK(unknown.body.find("'nope'") != std::string::npos);
  auto none = post(port, "/mcp", init_body("2025-11-25"));
  CHECK(none.status == 400);
  CHECK(none.body.find("provider-config-key") != std::string::npos);
  auto locked = post(port, "/mcp/locked", init_body("2025-11-25"));
  CHECK(locked.status == 401);
  CHECK(locked.headers["www-authenticate"].rfind("Bearer", 0) == 0);
  CHECK(json(locked.body)
            ->getObject("error")
            ->getValue<std::string>("message")
            .find("requires a secret key") != std::string::npos);
}

TEST_CASE("safety at the door: foreign Origin 403, oversized body 413, bad JSON -32700, "
          "not JSON-RPC -32600, wrong Content-Type 415",
          "[mcp][door]") {
  McpHost host("  max_body_bytes: 4096\n");
  auto port = host.port();
  auto evil =
      post(port, "/mcp/sample", init_body("2025-11-25"), {{"Origin", "http://evil.example.com"}});
  CHECK(evil.status == 403);
  auto rebinding =
      post(port, "/mcp/sample", init_body("2025-11-25"), {{"Host", "evil.example.com"}});
  CHECK(rebinding.status == 403);
  auto local =
      post(port, "/mcp/sample", init_body("2025-11-25"), {{"Origin", "http://localhost:3000"}});
  CHECK(local.status == 200);

  auto big = post(port, "/mcp/sample", std::string(5000, ' ') + init_body("2025-11-25"));
  CHECK(big.status == 413);

  auto garbage = post(port, "/mcp/sample", "{not json");
  CHECK(garbage.status == 400);
  CHECK(json(garbage.body)->getObject("error")->getValue<int>("code") == -32700);
  auto deep = post(port, "/mcp/sample", std::string(200, '[') + std::string(200, ']'));
  CHECK(deep.status == 400);
  auto not_rpc = post(port, "/mcp/sample", R"({"hello":"world"})");
  CHECK(not_rpc.status == 400);
  CHECK(json(not_rpc.body)->getObject("error")->getValue<int>("code") == -32600);

  auto text = http_request(port, "POST", "/mcp/sample", init_body("2025-11-25"),
                           {{"Content-Type", "text/plain"}});
  CHECK(text.status == 415);
}

TEST_CASE("batches only where the negotiated version allows them (2025-03-26)", "[mcp][batch]") {
  McpHost host;
  auto port = host.port();
  std::string batch = R"([{"jsonrpc":"2.0","id":1,"method":"ping"},)"
                      R"({"jsonrpc":"2.0","method":"notifications/initialized"},)"
                      R"({"jsonrpc":"2.0","id":2,"method":"tools/list"}])";
  auto old = open_session(port, "/mcp/sample", "2025-03-26");
  auto answered = post(port, "/mcp/sample", batch, {{"Mcp-Session-Id", old}});
  REQUIRE(answered.status == 200);
  Poco::JSON::Parser parser;
  auto array = parser.parse(answered.body).extract<Poco::JSON::Array::Ptr>();
  CHECK(array->size() == 2); // one response per request, none for the notification

  auto current = open_session(port, "/mcp/sample", "2025-06-18");
  auto refused = post(port, "/mcp/sample", batch,
                      {{"Mcp-Session-Id", current}, {"MCP-Protocol-Version", "2025-06-18"}});
  CHECK(refused.status == 400);
  CHECK(json(refused.body)->getObject("error")->getValue<int>("code") == -32600);
}

TEST_CASE("sessions idle out after server.session_idle_timeout", "[mcp][session]") {
  McpHost host("  session_idle_timeout: 1s\n");
  auto session = open_session(host.port());
  CHECK(call(host.port(), session, "ping").status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(call(host.port(), session, "ping").status == 404);
}
