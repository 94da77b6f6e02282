// actionhost_fake_provider: a ready-made fake provider for script tests. Prints its base URL on
// the first line of stdout and serves until SIGINT or SIGTERM.
//
//   GET  /v1/me          200 {"id":"U1",...} with any "Authorization: Bearer <token>", else 401
//   GET  /v1/items       cursor pagination: ?cursor=<n>, 2 items a page, 3 pages
//   GET  /v1/limited     429 with Retry-After: 1 on every odd call, 200 on every even one
//   POST /oauth/token    refresh_token grant for client "fake-client"/"fake-secret",
//                        refresh token "refresh-1" (rotated on every grant)
#include "fake_provider.hpp"

#include <atomic>
#include <iostream>

using actionhost::fakes::Reply;
using actionhost::fakes::Request;

int main() {
  actionhost::fakes::StopSignals stop; // before any server thread starts

  actionhost::fakes::FakeProvider provider;
  actionhost::fakes::TokenEndpoint tokens("fake-client", "fake-secret", "refresh-1");
  provider.on("POST", "/oauth/token", tokens.route());
  provider.on("GET", "/v1/me", [](const Request& r) {
    if (r.header("Authorization").rfind("Bearer ", 0) != 0)
      return Reply::json(R"({"ok":false,"error":"invalid_auth"})", 401);
    return Reply::json(R"({"id":"U1","name":"Fake User"})");
  });
  provider.on("GET", "/v1/items", [](const Request& r) {
    int page = r.param("cursor").empty() ? 0 : std::stoi(r.param("cursor"));
    std::string next = page < 2 ? "\"" + std::to_string(page + 1) + "\"" : "null";
    return Reply::json(R"({"items":[{"id":)" + std::to_string(page * 2) + R"(},{"id":)" +
                       std::to_string(page * 2 + 1) + R"(}],"next_cursor":)" + next + "}");
  });
  auto limited_calls = std::make_shared<std::atomic<int>>(0);
  provider.on("GET", "/v1/limited", [limited_calls](const Request&) {
    if (++*limited_calls % 2 == 1) {
      Reply reply = Reply::json(R"({"error":"rate_limited"})", 429);
      reply.headers.emplace_back("Retry-After", "1");
      return reply;
    }
    return Reply::json(R"({"ok":true})");
  });

  std::cout << provider.url() << std::endl;
  stop.wait();
  return 0;
}
