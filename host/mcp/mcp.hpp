// The MCP protocol engine: serves the registry's integrations as MCP servers over Streamable HTTP
// (/mcp, /mcp/{integration}: the session era 2025-03-26 .. 2025-11-25 and the stateless era
// 2026-07-28) and the 2024-11-05 HTTP+SSE transport (/sse, /sse/{integration}).
#pragma once

#include "http.hpp"
#include "registry.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace actionhost::mcp {

struct Options {
  // Origins allowed besides the loopback ones (which are allowed when listening on loopback).
  std::vector<std::string> allowed_origins;
  bool loopback = true;
  uint64_t max_body_bytes = 4u << 20;
  size_t max_json_depth = 64;
  std::chrono::milliseconds session_idle_timeout = std::chrono::minutes(30);
  size_t page_size = 100; // tools/list, resources/list, prompts/list
  std::string server_version = "0.0.0";
};

class Service {
public:
  // The registry must outlive the service.
  Service(const registry::Registry& registry, Options options);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  void add_routes(http::Router& router);
  // Ends every open stream and session, so a graceful HTTP stop is not held up by them.
  void stop();

  struct Impl; // service_impl.hpp, shared by the transports' files

private:
  std::shared_ptr<Impl> impl_;
};

} // namespace actionhost::mcp
