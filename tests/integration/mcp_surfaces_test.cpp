// The rest of the surface a client sees: the 2024-11-05 HTTP+SSE transport, resources, prompts
// and completion in both eras, URL-mode elicitation (-32042) and the Mcp-Param-* headers of the
// stateless era.
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <thread>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;
using namespace std::chrono_literals;

namespace {
const char* kPath = "/mcp/conformance";

Poco::JSON::Object::Ptr result_of(const HttpReply& reply) {
  auto message = response_to(reply);
  INFO(reply.body);
  REQUIRE(message->has("result"));
  return message->getObject("result");
}

int error_code(const HttpReply& reply) {
  auto message = response_to(reply);
  INFO(reply.body);
  REQUIRE(message->has("error"));
  return message->getObject("error")->getValue<int>("code");
}
} // namespace

TEST_CASE("2024-11-05 HTTP+SSE: endpoint event, POSTs accepted with 202, answers on the stream",
          "[mcp][legacy]") {
  McpHost host;
  SseStream stream(host.port(), "GET", "/sse/conformance", {}, {{"Accept", "text/event-stream"}});
  REQUIRE(stream.status() == 200);
  auto endpoint = stream.next(5s);
  REQUIRE(endpoint);
  CHECK(endpoint->event == "endpoint");
  REQUIRE(endpoint->data.rfind("/messages?sessionId=", 0) == 0);

  auto accepted = post(
      host.port(), endpoint->data,
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05",)"
      R"("capabilities":{},"clientInfo":{"name":"old","version":"1"}}})");
  CHECK(accepted.status == 202);
  CHECK(accepted.body == "Accepted");
  auto initialized = stream.next(5s);
  REQUIRE(initialized);
  CHECK(initialized->message->getObject("result")->getValue<std::string>("protocolVersion") ==
        "2024-11-05");
  CHECK(
      post(host.port(), endpoint->data, R"({"jsonrpc":"2.0","method":"notifications/initialized"})")
          .status == 202);

  // Several calls in flight; each answer arrives on the stream with its id.
  for (int id = 2; id <= 4; ++id)
    CHECK(post(host.port(), endpoint->data,
               R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
                   R"(,"method":"tools/call","params":{"name":"test_simple_text"}})")
              .status == 202);
  std::set<int> answered;
  for (int i = 0; i < 3; ++i)
    if (auto answer = stream.next(5s))
      answered.insert(answer->message->getValue<int>("id"));
  CHECK(answered == std::set<int>{2, 3, 4});

  CHECK(post(host.port(), endpoint->data, "not json").status == 400);
  CHECK(post(host.port(), "/messages?sessionId=nope", R"({"jsonrpc":"2.0","id":9,"method":"ping"})")
            .status == 404);
  // The stream is the session: once it is closed, the endpoint is gone.
  stream.close();
  std::this_thread::sleep_for(300ms);
  CHECK(post(host.port(), endpoint->data, R"({"jsonrpc":"2.0","id":10,"method":"ping"})").status ==
        404);
}

TEST_CASE("resources, prompts and completion in the session era", "[mcp][resources]") {
  McpHost host;
  auto session = open_session(host.port(), kPath);
  auto list = result_of(call(host.port(), session, "resources/list", "{}", 1, kPath));
  CHECK(list->getArray("resources")->size() == 3);
  auto templates =
      result_of(call(host.port(), session, "resources/templates/list", "{}", 2, kPath));
  CHECK(templates->getArray("resourceTemplates")
            ->getObject(0)
            ->getValue<std::string>("uriTemplate") == "test://template/{id}/data");
  auto text = result_of(
      call(host.port(), session, "resources/read", R"({"uri":"test://static-text"})", 3, kPath));
  CHECK(text->getArray("contents")->getObject(0)->getValue<std::string>("mimeType") ==
        "text/plain");
  auto templated = result_of(call(host.port(), session, "resources/read",
                                  R"({"uri":"test://template/123/data"})", 4, kPath));
  CHECK(templated->getArray("contents")
            ->getObject(0)
            ->getValue<std::string>("text")
            .find("\"id\":\"123\"") != std::string::npos);
  // Not found is -32002 with the URI in the session era.
  auto missing =
      call(host.port(), session, "resources/read", R"({"uri":"test://nowhere"})", 5, kPath);
  CHECK(error_code(missing) == -32002);
  CHECK(response_to(missing)->getObject("error")->getObject("data")->getValue<std::string>("uri") ==
        "test://nowhere");

  auto embedded = result_of(call(
      host.port(), session, "prompts/get",
      R"({"name":"test_prompt_with_embedded_resource","arguments":{"resourceUri":"test://x"}})", 6,
      kPath));
  auto content = embedded->getArray("messages")->getObject(0)->getObject("content");
  CHECK(content->getValue<std::string>("type") == "resource");
  CHECK(content->getObject("resource")->getValue<std::string>("uri") == "test://x");
  // A required argument missing is invalid params.
  CHECK(error_code(call(host.port(), session, "prompts/get",
                        R"({"name":"test_prompt_with_embedded_resource"})", 7, kPath)) == -32602);

  auto completion = result_of(call(
      host.port(), session, "completion/complete",
      R"({"ref":{"type":"ref/prompt","name":"test_prompt_with_arguments"},"argument":{"name":"arg1","value":"te"}})",
      8, kPath));
  CHECK(completion->getObject("completion")->getArray("values"));
}

TEST_CASE("resources and prompts in the stateless era: not found is -32602, results are cacheable",
          "[mcp][resources][stateless]") {
  McpHost host;
  auto read =
      stateless(host.port(), "resources/read", R"({"uri":"test://static-binary"})", "{}", kPath);
  auto result = result_of(read);
  CHECK(result->getValue<std::string>("resultType") == "complete");
  CHECK(result->has("ttlMs"));
  CHECK(result->getValue<std::string>("cacheScope") == "private");
  CHECK(result->getArray("contents")->getObject(0)->has("blob"));
  auto missing =
      stateless(host.port(), "resources/read", R"({"uri":"test://nowhere"})", "{}", kPath);
  CHECK(error_code(missing) == -32602);
  // A prompt that needs the user's input first answers input_required.
  auto asked =
      stateless(host.port(), "prompts/get", R"({"name":"test_input_required_result_prompt"})",
                R"({"elicitation":{}})", kPath);
  auto interim = result_of(asked);
  CHECK(interim->getValue<std::string>("resultType") == "input_required");
  CHECK(interim->getObject("inputRequests")->has("user_context"));
}

TEST_CASE("URL-mode elicitation on 2025-11-25: the request fails with -32042 listing the URL",
          "[mcp][elicitation]") {
  McpHost host;
  auto session =
      open_session(host.port(), kPath, "2025-11-25", R"({"elicitation":{"form":{},"url":{}}})");
  auto reply =
      call(host.port(), session, "tools/call", R"({"name":"test_url_elicitation"})", 1, kPath);
  REQUIRE(error_code(reply) == -32042);
  auto elicitation = response_to(reply)
                         ->getObject("error")
                         ->getObject("data")
                         ->getArray("elicitations")
                         ->getObject(0);
  CHECK(elicitation->getValue<std::string>("mode") == "url");
  CHECK(elicitation->getValue<std::string>("url") == "https://example.com/connect");
  CHECK_FALSE(elicitation->getValue<std::string>("elicitationId").empty());

  // A client that only does forms is never asked for a URL: the tool fails instead.
  auto forms = open_session(host.port(), kPath, "2025-11-25", R"({"elicitation":{}})");
  auto refused = result_of(
      call(host.port(), forms, "tools/call", R"({"name":"test_url_elicitation"})", 2, kPath));
  CHECK(refused->getValue<bool>("isError"));
}

TEST_CASE("stateless: Mcp-Param-* headers must carry the x-mcp-header arguments",
          "[mcp][stateless][headers]") {
  McpHost host;
  auto with = [&](Headers headers) {
    return stateless(host.port(), "tools/call",
                     R"({"name":"test_header_param","arguments":{"region":"Hello"}})", "{}", kPath,
                     headers);
  };
  CHECK(with({{"Mcp-Param-Region", "Hello"}}).status == 200);
  CHECK(with({{"Mcp-Param-Region", "=?base64?SGVsbG8=?="}}).status == 200);
  for (const char* bad : {"Goodbye", "=?base64?SGVsbG8?=", "=?base64?SGVs!!!bG8=?="}) {
    auto reply = with({{"Mcp-Param-Region", bad}});
    CHECK(reply.status == 400);
    CHECK(error_code(reply) == -32020);
  }
  auto missing = with({});
  CHECK(missing.status == 400);
  CHECK(error_code(missing) == -32020);
}
