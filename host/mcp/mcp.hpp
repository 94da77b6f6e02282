// The MCP protocol engine: serves the registry's integrations as MCP servers over Streamable HTTP
// (/mcp, /mcp/{integration}: the session era 2025-03-26 .. 2025-11-25 and the stateless era
// 2026-07-28) and the 2024-11-05 HTTP+SSE transport (/sse, /sse/{integration}).
#pragma once

#include "http.hpp"
#include "registry.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace actionhost::store {
class Store;
}
namespace actionhost::proxy {
class Proxy;
}

namespace actionhost::mcp {

// What a served request needs besides the registry: the store (secret keys, connections, the
// execution log) and each integration's authenticated proxy. Both must outlive the service.
struct Backends {
  // Null: no key can be verified, so only `access: open` integrations are reachable, and tool
  // calls are not logged (tests of the protocol engine alone).
  store::Store* store = nullptr;
  // By integration key; an integration without one answers http_request with an error.
  std::map<std::string, const proxy::Proxy*> proxies;
};

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

// What plugins announce through ah_host_api.notify (a resource or one of their lists changed),
// fanned out to whoever listens: the MCP service, which tells the clients that asked. Built before
// the registry so its sink can be handed to the plugins as they load. Thread-safe.
class ChangeFeed {
public:
  struct Change {
    std::string plugin_id;
    ah_notify_kind kind = 0; // AH_NOTIFY_*
    std::string uri;         // AH_NOTIFY_RESOURCE_UPDATED only
  };
  using Listener = std::function<void(const Change&)>;

  // A plugins::NotifySink that publishes into `feed` (and keeps it alive).
  static plugins::NotifySink sink(std::shared_ptr<ChangeFeed> feed);
  void publish(const Change& change) const;
  // Listeners run on the publishing thread and must not block. After unsubscribe returns, the
  // listener is not running and will not be called again.
  uint64_t subscribe(Listener listener);
  void unsubscribe(uint64_t id);

private:
  mutable std::mutex mutex_;
  std::map<uint64_t, Listener> listeners_;
  uint64_t next_ = 1;
};

class Service {
public:
  // The registry must outlive the service. `changes`, when given, is where the registry's plugins
  // announce changes (registry::BuildOptions::notify = ChangeFeed::sink(changes)).
  Service(const registry::Registry& registry, Options options,
          std::shared_ptr<ChangeFeed> changes = nullptr, Backends backends = {});
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  void add_routes(http::Router& router);
  // Ends every open stream and session, so a graceful HTTP stop is not held up by them.
  void stop();

  struct Impl; // service_impl.hpp, shared by the transports' files

private:
  std::shared_ptr<Impl> impl_;
  std::shared_ptr<ChangeFeed> changes_;
  uint64_t change_listener_ = 0;
};

} // namespace actionhost::mcp
