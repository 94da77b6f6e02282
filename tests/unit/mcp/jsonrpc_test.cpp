// JSON-RPC as MCP uses it: what is a request, a notification, a response, and what is refused.
#include "jsonrpc.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::mcp::jsonrpc;

TEST_CASE("requests, notifications and responses are told apart", "[mcp][jsonrpc]") {
  auto request = parse(R"({"jsonrpc":"2.0","id":1,"method":"ping"})");
  CHECK(request.messages.front().kind == Message::Kind::Request);
  auto notification = parse(R"({"jsonrpc":"2.0","method":"notifications/initialized"})");
  CHECK(notification.messages.front().kind == Message::Kind::Notification);
  auto response = parse(R"({"jsonrpc":"2.0","id":"a","result":{}})");
  CHECK(response.messages.front().kind == Message::Kind::Response);
}

TEST_CASE("malformed JSON is -32700, JSON that is not a message is -32600", "[mcp][jsonrpc]") {
  try {
    parse("{nope");
    FAIL("parsed");
  } catch (const ParseFailure& f) {
    CHECK(f.error.code == kParseError);
  }
  try {
    parse("[]");
    FAIL("parsed");
  } catch (const ParseFailure& f) {
    CHECK(f.error.code == kInvalidRequest);
  }
  CHECK(parse(R"({"jsonrpc":"1.0","id":1,"method":"x"})").messages.front().kind ==
        Message::Kind::Invalid);
  CHECK(parse(R"({"jsonrpc":"2.0","id":null,"method":"x"})").messages.front().kind ==
        Message::Kind::Invalid);
}

TEST_CASE("nesting deeper than the limit is refused", "[mcp][jsonrpc]") {
  std::string deep = std::string(100, '[') + std::string(100, ']');
  CHECK_THROWS_AS(parse(deep, {32}), ParseFailure);
}
