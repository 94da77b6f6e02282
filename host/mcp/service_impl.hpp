// What the transports share: the registry, the options, the sessions, the state signer, and the
// checks every request passes at the door (origin, integration, access, body size, JSON).
#pragma once

#include "exchange.hpp"
#include "hangup.hpp"
#include "origin.hpp"
#include "subscriptions.hpp"
#include "tasks.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

namespace actionhost::mcp {

struct Service::Impl {
  Impl(const registry::Registry& registry, Options options, Backends backends);

  const registry::Registry& registry;
  Options options;
  Backends backends;
  DoorPolicy door;
  SessionTable sessions;
  StateSigner signer;
  HangupWatch hangups;
  ListenHub listens{kMaxListenStreams};
  static constexpr size_t kMaxListenStreams = 1024;
  std::atomic<bool> stopping{false};
  std::mutex stop_mutex;
  std::condition_variable stop_cv; // wakes streams waiting for something to send
  std::unique_ptr<Tasks> tasks = std::make_unique<Tasks>(); // SEP-2663 tasks and their workers

  // ---- The door. Each returns false after answering the request itself.
  // Origin/Host (403), the integration named by the path or provider-config-key (404, 400) and
  // the caller (identify).
  bool admit(http::Request& request, http::Response& response, const std::string& path_prefix,
             const registry::ServedIntegration*& integration,
             std::shared_ptr<const Caller>& caller);
  // The caller: `Authorization: Bearer <secret key>` (401 when missing for an integration that
  // needs one, or not an active key), an integration the key may reach (else 404, as if unknown),
  // and the connection named by the connection-id header or the connection_id query parameter
  // (404 when the integration has no such connection). Null after answering the request.
  std::shared_ptr<const Caller> identify(http::Request& request, http::Response& response,
                                         const registry::ServedIntegration& integration);
  // The key of `Authorization: Bearer <key>`, verified; nullopt when absent or not active.
  std::optional<store::KeyInfo> verified_key(const http::Request& request);
  // Reads the body within max_body_bytes (413).
  bool read_body(http::Request& request, http::Response& response, std::string& body);

  // ---- Transports
  void post(http::Request& request, http::Response& response);          // /mcp: routes by era
  void get(http::Request& request, http::Response& response);           // /mcp: the GET stream
  void remove(http::Request& request, http::Response& response);        // /mcp: DELETE
  void legacy_stream(http::Request& request, http::Response& response); // GET /sse
  void legacy_post(http::Request& request, http::Response& response);   // POST /messages

  // Session era, after era routing (streamable_http.cpp).
  void session_post(http::Request& request, http::Response& response,
                    const registry::ServedIntegration& integration,
                    const std::shared_ptr<const Caller>& caller, jsonrpc::Body& body);
  // Stateless era (stateless.cpp).
  void stateless_post(http::Request& request, http::Response& response,
                      const registry::ServedIntegration& integration,
                      const std::shared_ptr<const Caller>& caller, jsonrpc::Message& message);

  // subscriptions/listen (stateless.cpp): an SSE stream of the list changes asked for.
  void listen(http::Request& request, http::Response& response,
              const registry::ServedIntegration& integration, const jsonrpc::Message& message);

  // A fresh exchange for a caller of an integration.
  Exchange exchange_for(const registry::ServedIntegration& integration,
                        std::shared_ptr<const Caller> caller) const;
  // Waits on stop_cv up to `timeout`; false once stopping.
  bool wait_unless_stopping(std::chrono::milliseconds timeout);
  // A plugin announced a change: tell the sessions and listen streams of its integrations.
  void on_change(const ChangeFeed::Change& change);
};

// Consumes the rest of a request body (up to `limit` bytes) when it goes out of scope.
class BodyDrain {
public:
  BodyDrain(http::Request& request, http::Response& response, uint64_t limit)
      : request_(request), response_(response), limit_(limit) {}
  ~BodyDrain();
  BodyDrain(const BodyDrain&) = delete;
  BodyDrain& operator=(const BodyDrain&) = delete;

private:
  http::Request& request_;
  http::Response& response_;
  uint64_t limit_;
};

// 401 with `WWW-Authenticate: Bearer` and a JSON-RPC error body.
void send_unauthorized(http::Response& response, const std::string& message);

// An HTTP-level error with a JSON-RPC error body (id echoed when known, null otherwise).
void send_error(http::Response& response, int status, int code, const std::string& message,
                const Poco::Dynamic::Var& id = {}, const Poco::Dynamic::Var& data = {});

} // namespace actionhost::mcp
