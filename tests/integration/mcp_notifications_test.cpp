// What the server says without being asked: list changes and resource updates (on a session's GET
// stream, or on a stateless subscriptions/listen stream), replay of a lost stream with
// Last-Event-ID, and how a client stops a call (notifications/cancelled in the session era,
// closing the connection in the stateless era).
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;
using namespace std::chrono_literals;

namespace {
const char* kPath = "/mcp/conformance";

Headers in_session(const std::string& session) {
  return {{"Mcp-Session-Id", session},
          {"MCP-Protocol-Version", "2025-11-25"},
          {"Accept", "text/event-stream"}};
}

std::string method_of(const std::optional<SseEvent>& event) {
  return event && event->message ? event->message->optValue<std::string>("method", "")
                                 : std::string("(none)");
}

std::string cancelled_count(uint16_t port) {
  auto reply = stateless(port, "tools/call", R"({"name":"test_cancelled_count"})", "{}", kPath);
  return response_to(reply)
      ->getObject("result")
      ->getArray("content")
      ->getObject(0)
      ->getValue<std::string>("text");
}
} // namespace

TEST_CASE("list changes go to a session's GET stream, resources/updated only when subscribed",
          "[mcp][notifications]") {
  McpHost host;
  auto session = open_session(host.port(), kPath);
  SseStream stream(host.port(), "GET", kPath, {}, in_session(session));
  REQUIRE(stream.status() == 200);
  // A second listener on the same session is refused: each message goes to one stream only.
  CHECK(http_request(host.port(), "GET", kPath, {}, in_session(session)).status == 409);

  call(host.port(), session, "tools/call", R"({"name":"test_trigger_tool_change"})", 1, kPath);
  CHECK(method_of(stream.next(5s)) == "notifications/tools/list_changed");

  // Not subscribed yet: the resource list change arrives, the update of the resource does not.
  call(host.port(), session, "tools/call", R"({"name":"test_trigger_resource_change"})", 2, kPath);
  CHECK(method_of(stream.next(5s)) == "notifications/resources/list_changed");
  call(host.port(), session, "tools/call", R"({"name":"test_trigger_prompt_change"})", 3, kPath);
  CHECK(method_of(stream.next(5s)) == "notifications/prompts/list_changed");

  CHECK(response_to(call(host.port(), session, "resources/subscribe",
                         R"({"uri":"test://watched-resource"})", 4, kPath))
            ->has("result"));
  call(host.port(), session, "tools/call", R"({"name":"test_trigger_resource_change"})", 5, kPath);
  CHECK(method_of(stream.next(5s)) == "notifications/resources/list_changed");
  auto updated = stream.next(5s);
  REQUIRE(method_of(updated) == "notifications/resources/updated");
  CHECK(updated->message->getObject("params")->getValue<std::string>("uri") ==
        "test://watched-resource");

  CHECK(response_to(call(host.port(), session, "resources/unsubscribe",
                         R"({"uri":"test://watched-resource"})", 6, kPath))
            ->has("result"));
  call(host.port(), session, "tools/call", R"({"name":"test_trigger_resource_change"})", 7, kPath);
  CHECK(method_of(stream.next(5s)) == "notifications/resources/list_changed");
  call(host.port(), session, "tools/call", R"({"name":"test_trigger_tool_change"})", 8, kPath);
  CHECK(method_of(stream.next(5s)) == "notifications/tools/list_changed"); // no update between

  // Hanging up frees the listener slot at once: the client may reconnect.
  stream.close();
  std::this_thread::sleep_for(300ms);
  SseStream again(host.port(), "GET", kPath, {}, in_session(session));
  CHECK(again.status() == 200);
}

TEST_CASE("GET with Last-Event-ID replays the rest of a lost stream", "[mcp][notifications]") {
  McpHost host;
  auto session = open_session(host.port(), kPath);
  auto reply =
      call(host.port(), session, "tools/call",
           R"({"name":"test_tool_with_progress","_meta":{"progressToken":"r"}})", 9, kPath);
  REQUIRE(reply.headers["content-type"] == "text/event-stream");
  // The client saw the first progress event and lost the connection: it resumes from its id.
  std::string first_progress;
  std::istringstream lines(reply.body);
  std::string line, last_id;
  while (std::getline(lines, line)) {
    if (line.rfind("id: ", 0) == 0)
      last_id = line.substr(4);
    if (line.rfind("data: {", 0) == 0 && first_progress.empty())
      first_progress = last_id;
  }
  REQUIRE_FALSE(first_progress.empty());
  auto headers = in_session(session);
  headers["Last-Event-ID"] = first_progress;
  auto resumed = http_request(host.port(), "GET", kPath, {}, headers);
  REQUIRE(resumed.status == 200);
  resumed.headers["content-type"] = "text/event-stream";
  auto replayed = messages(resumed);
  REQUIRE(replayed.size() == 3); // progress 50, progress 100, the response
  CHECK(replayed[0]->getObject("params")->getValue<double>("progress") == 50);
  CHECK(replayed[2]->getValue<int>("id") == 9);
  CHECK(replayed[2]->has("result"));
}

TEST_CASE("notifications/cancelled stops the call, which then gets no response",
          "[mcp][notifications]") {
  McpHost host;
  auto before = cancelled_count(host.port());
  auto session = open_session(host.port(), kPath);
  HttpReply reply;
  std::thread caller([&] {
    reply =
        call(host.port(), session, "tools/call", R"({"name":"test_wait_for_cancel"})", 42, kPath);
  });
  std::this_thread::sleep_for(300ms);
  auto ack = post(
      host.port(), kPath,
      R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":42,"reason":"user"}})",
      {{"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-11-25"}});
  CHECK(ack.status == 202);
  caller.join();
  CHECK(reply.status == 200);
  CHECK(messages(reply).empty()); // no response for a cancelled request
  CHECK(std::stoi(cancelled_count(host.port())) == std::stoi(before) + 1);
}

TEST_CASE("stateless: closing the connection cancels the call, streaming or not",
          "[mcp][notifications][stateless]") {
  McpHost host;
  auto before = std::stoi(cancelled_count(host.port()));
  {
    // No notification was sent yet, so the answer is still undecided JSON: the hangup watch
    // notices the closed connection.
    std::string body =
        R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"test_wait_for_cancel",)"
        R"("_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",)"
        R"("io.modelcontextprotocol/clientCapabilities":{}}}})";
    Poco::Net::HTTPClientSession client("127.0.0.1", host.port());
    Poco::Net::HTTPRequest request("POST", kPath, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentType("application/json");
    request.set("Accept", "application/json, text/event-stream");
    request.set("MCP-Protocol-Version", "2026-07-28");
    request.set("Mcp-Method", "tools/call");
    request.set("Mcp-Name", "test_wait_for_cancel");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
    auto& out = client.sendRequest(request);
    out << body;
    out.flush(); // the body must arrive: no response is read before hanging up
    std::this_thread::sleep_for(300ms);
    client.abort();
  }
  std::this_thread::sleep_for(500ms);
  CHECK(std::stoi(cancelled_count(host.port())) == before + 1);
}

TEST_CASE("subscriptions/listen: acknowledged first, then only what was asked, tagged with its id",
          "[mcp][notifications][stateless]") {
  McpHost host;
  std::string body =
      R"({"jsonrpc":"2.0","id":77,"method":"subscriptions/listen","params":{)"
      R"("notifications":{"promptsListChanged":true,"resourceSubscriptions":["test://watched-resource"]},)"
      R"("_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",)"
      R"("io.modelcontextprotocol/clientCapabilities":{}}}})";
  SseStream listen(
      host.port(), "POST", kPath, body,
      {{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "subscriptions/listen"}});
  REQUIRE(listen.status() == 200);
  auto ack = listen.next(5s);
  REQUIRE(method_of(ack) == "notifications/subscriptions/acknowledged");
  auto honoured = ack->message->getObject("params")->getObject("notifications");
  CHECK(honoured->optValue<bool>("promptsListChanged", false));
  CHECK_FALSE(honoured->has("toolsListChanged"));
  CHECK(honoured->getArray("resourceSubscriptions")->size() == 1);

  // Tool changes were not asked for; prompt changes and the watched resource were.
  stateless(host.port(), "tools/call", R"({"name":"test_trigger_tool_change"})", "{}", kPath);
  stateless(host.port(), "tools/call", R"({"name":"test_trigger_prompt_change"})", "{}", kPath);
  auto prompts = listen.next(5s);
  REQUIRE(method_of(prompts) == "notifications/prompts/list_changed");
  CHECK(prompts->message->getObject("params")->getObject("_meta")->getValue<int>(
            "io.modelcontextprotocol/subscriptionId") == 77);
  stateless(host.port(), "tools/call", R"({"name":"test_trigger_resource_change"})", "{}", kPath);
  auto updated = listen.next(5s);
  REQUIRE(method_of(updated) == "notifications/resources/updated");
  CHECK(updated->message->getObject("params")->getValue<std::string>("uri") ==
        "test://watched-resource");
  CHECK_FALSE(listen.next(300ms)); // resources list_changed was not asked for
}
