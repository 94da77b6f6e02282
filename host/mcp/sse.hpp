// Server-sent events: framing, starting an event-stream response, and the bounded buffer of a
// session's recent events that a client resumes from with Last-Event-ID.
#pragma once

#include "http.hpp"

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace actionhost::mcp::sse {

// "event: message\nid: 7\ndata: {...}\n\n". An empty `event` leaves the event line out.
std::string frame(std::string_view data, std::string_view id = {},
                  std::string_view event = "message");
// The 2025-11-25 priming event: an id, a reconnection delay and empty data.
std::string priming(std::string_view id, int retry_ms);
inline constexpr std::string_view kKeepAlive = ": keepalive\n\n";

// Sends 200 text/event-stream headers (chunked, no caching, no proxy buffering) and returns the
// body stream. Extra headers (Mcp-Session-Id) must be set on `response` before.
std::ostream& start(http::Response& response);
// Writes and flushes; false once the client has gone.
bool write(std::ostream& out, std::string_view text);

// Event ids are "<stream>-<seq>"; a session keeps its last `capacity` events so a client that
// lost a stream can resume it. Thread-safe.
class ReplayBuffer {
public:
  explicit ReplayBuffer(size_t capacity = 64) : capacity_(capacity) {}
  uint64_t open_stream();
  // Stores the message and returns its event id.
  std::string record(uint64_t stream, const std::string& message);
  // The stream an event id belongs to, and the messages of that stream after it (oldest first).
  struct Replay {
    uint64_t stream = 0;
    std::vector<std::pair<std::string, std::string>> events; // id, message
  };
  std::optional<Replay> after(const std::string& last_event_id) const;

private:
  struct Event {
    uint64_t stream, seq;
    std::string message;
  };
  size_t capacity_;
  mutable std::mutex mutex_;
  uint64_t next_stream_ = 1, next_seq_ = 1;
  std::deque<Event> events_;
};

} // namespace actionhost::mcp::sse
