// What flows besides the response: progress and log notifications (the POST answer switches to
// SSE lazily, only when a call emits something), questions for the client (elicitation in the
// session era; multi round-trip InputRequiredResult in the stateless era), and the stateless
// era's header rules.
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;

namespace {
const char* kPath = "/mcp/conformance";
const char* kTampered = "-TAMPERED";
} // namespace

TEST_CASE("a call that reports progress is answered as SSE: priming event, progress, response",
          "[mcp][sse]") {
  McpHost host;
  auto session = open_session(host.port(), kPath);
  auto reply =
      call(host.port(), session, "tools/call",
           R"({"name":"test_tool_with_progress","_meta":{"progressToken":"p-1"}})", 5, kPath);
  REQUIRE(reply.headers["content-type"] == "text/event-stream");
  // 2025-11-25 streams open with an event id, a retry delay and empty data.
  CHECK(reply.body.rfind("id: ", 0) == 0);
  CHECK(reply.body.find("retry: ") != std::string::npos);
  auto all = messages(reply);
  REQUIRE(all.size() == 4);
  for (int i = 0; i < 3; ++i) {
    CHECK(all[i]->getValue<std::string>("method") == "notifications/progress");
    CHECK(all[i]->getObject("params")->getValue<std::string>("progressToken") == "p-1");
  }
  CHECK(all[3]->getValue<int>("id") == 5);

  // A call that says nothing on the way is plain JSON.
  auto quiet = call(host.port(), session, "tools/call", R"({"name":"test_simple_text"})", 6, kPath);
  CHECK(quiet.headers["content-type"] == "application/json");
}

TEST_CASE("log lines become notifications/message at or above logging/setLevel", "[mcp][sse]") {
  McpHost host;
  auto session = open_session(host.port(), kPath);
  auto logged =
      call(host.port(), session, "tools/call", R"({"name":"test_tool_with_logging"})", 1, kPath);
  CHECK(messages(logged).size() == 4); // three log lines and the response
  CHECK(
      response_to(call(host.port(), session, "logging/setLevel", R"({"level":"error"})", 2, kPath))
          ->has("result"));
  auto silent =
      call(host.port(), session, "tools/call", R"({"name":"test_tool_with_logging"})", 3, kPath);
  CHECK(silent.headers["content-type"] == "application/json");
  auto bad =
      response_to(call(host.port(), session, "logging/setLevel", R"({"level":"loud"})", 4, kPath));
  CHECK(bad->getObject("error")->getValue<int>("code") == -32602);
}

TEST_CASE("session era elicitation: the request travels on the call's SSE stream, the client "
          "answers with a POST",
          "[mcp][elicitation]") {
  McpHost host;
  auto port = host.port();
  auto session = open_session(port, kPath, "2025-11-25", R"({"elicitation":{}})");
  auto pending = std::async(std::launch::async, [&] {
    return call(port, session, "tools/call",
                R"({"name":"test_elicitation","arguments":{"message":"Who are you?"}})", 9, kPath);
  });
  // The server's first request in this session has id "ah-1".
  HttpReply answered;
  for (int attempt = 0; attempt < 50; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    answered = post(port, kPath,
                    R"({"jsonrpc":"2.0","id":"ah-1","result":{"action":"accept",)"
                    R"("content":{"response":"Alice"}}})",
                    {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-11-25"}});
    if (pending.wait_for(std::chrono::milliseconds(50)) == std::future_status::ready)
      break;
  }
  CHECK(answered.status == 202);
  auto reply = pending.get();
  auto all = messages(reply);
  REQUIRE(all.size() == 2);
  CHECK(all[0]->getValue<std::string>("method") == "elicitation/create");
  auto text =
      all[1]->getObject("result")->getArray("content")->getObject(0)->getValue<std::string>("text");
  CHECK(text.find("Alice") != std::string::npos);
}

TEST_CASE("stateless era: input_required, then the retry with inputResponses and requestState "
          "completes, a tampered requestState is -32602",
          "[mcp][stateless][mrtr]") {
  McpHost host;
  auto port = host.port();
  const char* caps = R"({"elicitation":{}})";
  auto first = response_to(stateless(
      port, "tools/call", R"({"name":"test_input_required_result_elicitation","arguments":{}})",
      caps, kPath));
  auto interim = first->getObject("result");
  REQUIRE(interim->getValue<std::string>("resultType") == "input_required");
  CHECK(interim->getObject("inputRequests")
            ->getObject("user_name")
            ->getValue<std::string>("method") == "elicitation/create");
  std::string state = interim->getValue<std::string>("requestState");

  std::string retry =
      R"({"name":"test_input_required_result_elicitation","arguments":{},)"
      R"("inputResponses":{"user_name":{"action":"accept","content":{"name":"Alice"}}},)"
      R"("requestState":")" +
      state + R"("})";
  auto done =
      response_to(stateless(port, "tools/call", retry, caps, kPath, {}, 2))->getObject("result");
  CHECK(done->getValue<std::string>("resultType") == "complete");
  CHECK(done->getArray("content")->getObject(0)->getValue<std::string>("text") == "Hello, Alice!");

  std::string tampered = retry;
  tampered.replace(tampered.find(state) + state.size(), 0, kTampered);
  auto refused = response_to(stateless(port, "tools/call", tampered, caps, kPath, {}, 3));
  CHECK(refused->getObject("error")->getValue<int>("code") == -32602);
}

TEST_CASE("stateless era: headers must repeat the body, versions must be supported, removed "
          "methods are 404",
          "[mcp][stateless]") {
  McpHost host;
  auto port = host.port();
  auto discover = stateless(port, "server/discover");
  REQUIRE(discover.status == 200);
  auto result = response_to(discover)->getObject("result");
  CHECK(result->getArray("supportedVersions")->getElement<std::string>(0) == "2026-07-28");
  CHECK(result->getValue<std::string>("resultType") == "complete");
  CHECK(result->has("ttlMs"));
  CHECK(result->getValue<std::string>("cacheScope") == "private");
  CHECK(result->getObject("_meta")->has("io.modelcontextprotocol/serverInfo"));

  auto wrong_method =
      stateless(port, "tools/list", "{}", "{}", "/mcp/sample", {{"Mcp-Method", "prompts/list"}});
  CHECK(wrong_method.status == 400);
  CHECK(json(wrong_method.body)->getObject("error")->getValue<int>("code") == -32020);

  auto wrong_name = stateless(port, "tools/call", R"({"name":"echo","arguments":{"text":"x"}})",
                              "{}", "/mcp/sample", {{"Mcp-Name", "add"}});
  CHECK(wrong_name.status == 400);
  CHECK(json(wrong_name.body)->getObject("error")->getValue<int>("code") == -32020);

  auto future = stateless(port, "tools/list",
                          R"({"_meta":{"io.modelcontextprotocol/protocolVersion":"v999.0.0"}})",
                          "{}", "/mcp/sample", {{"MCP-Protocol-Version", "v999.0.0"}});
  CHECK(future.status == 400);
  auto error = json(future.body)->getObject("error");
  CHECK(error->getValue<int>("code") == -32022);
  CHECK(error->getObject("data")->getValue<std::string>("requested") == "v999.0.0");

  auto ping = stateless(port, "ping");
  CHECK(ping.status == 404);
  CHECK(json(ping.body)->getObject("error")->getValue<int>("code") == -32601);

  auto missing =
      stateless(port, "tools/call", R"({"name":"test_missing_capability"})", "{}", kPath);
  CHECK(missing.status == 400);
  auto missing_error = json(missing.body)->getObject("error");
  CHECK(missing_error->getValue<int>("code") == -32021);
  CHECK(missing_error->getObject("data")->getObject("requiredCapabilities")->has("sampling"));
}
