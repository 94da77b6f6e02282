// The HTTP front door: a Poco HTTPServer whose requests are routed by method and path to small
// handler functions. Other modules (health, MCP, admin) add their routes; this module knows
// nothing about what they serve.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace actionhost::http {

using Request = Poco::Net::HTTPServerRequest;
using Response = Poco::Net::HTTPServerResponse;
using Handler = std::function<void(Request&, Response&)>;

// Maps (method, path) to handlers. Exact paths win over prefixes; the longest prefix wins.
// An unknown path answers 404, a known path with another method 405 with an Allow header.
class Router {
public:
  // `path` is exact ("/healthz") or a prefix when it ends with "/*" ("/mcp/*").
  void add(const std::string& method, const std::string& path, Handler handler);
  void dispatch(Request& request, Response& response) const;

private:
  struct Route {
    std::string method;
    std::string path;
    bool prefix;
    Handler handler;
  };
  std::vector<Route> routes_;
};

// A parsed "HOST:PORT" listen address ("127.0.0.1:8080", "[::1]:0", "localhost:9000").
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
  bool is_loopback() const;
  std::string to_string() const;
};
// Throws std::invalid_argument with a message naming the problem.
ListenAddress parse_listen_address(const std::string& text);

struct ServerOptions {
  ListenAddress listen{"127.0.0.1", 8080};
  // Poco serves one keep-alive connection per thread, so the pool has max_connections threads.
  // Connections beyond them wait in a queue of max_queued, each served when a served connection
  // closes (by the client, or idle for keep_alive_timeout); a connection arriving at a full
  // queue is answered 503 with Retry-After: 1 and Connection: close (see host/config/README.md).
  int max_connections = 512;
  int max_queued = 512;
  std::chrono::seconds keep_alive_timeout{15};
  std::chrono::seconds request_timeout{60};
};

// Owns the listening socket, the thread pool and the Poco server.
class Server {
public:
  Server(ServerOptions options, std::shared_ptr<const Router> router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();
  // Stops accepting, lets in-flight requests finish (up to `grace`), then closes connections.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));
  // The bound port (useful when listening on port 0).
  uint16_t port() const;
  int current_connections() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes a JSON body with the given status and Content-Type: application/json.
void send_json(Response& response, int status, const std::string& body);

} // namespace actionhost::http
