// Sessions of the session era (and of the 2024-11-05 SSE transport): created by initialize, found
// by their Mcp-Session-Id, ended by DELETE or after idling for session_idle_timeout. A session
// owns what outlives one HTTP request: the negotiated version, the client's capabilities, the log
// level, server-to-client requests awaiting an answer, calls that may be cancelled, the replay
// buffer and the queue of the GET stream. Everything in it is removed when it is answered or ends.
#pragma once

#include "caller.hpp"
#include "sse.hpp"

#include "plugins.hpp"

#include <Poco/JSON/Object.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>

namespace actionhost::mcp {

// The answer to one server-to-client request.
struct PendingAnswer {
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  std::string result_json;
  std::string error; // set when the client answered with an error
};

class Session {
public:
  using Clock = std::chrono::steady_clock;
  Session(std::string id, std::string integration, std::string version,
          Poco::JSON::Object::Ptr client_capabilities,
          std::shared_ptr<const Caller> caller = nullptr);

  const std::string& id() const { return id_; }
  const std::string& integration() const { return integration_; }
  // Who opened the session (never null); only the same key and connection may use it.
  const std::shared_ptr<const Caller>& caller() const { return caller_; }
  std::string version() const;
  Poco::JSON::Object::Ptr client_capabilities() const;
  // The 2024-11-05 transport opens its session before initialize says what was negotiated.
  void set_negotiated(std::string version, Poco::JSON::Object::Ptr client_capabilities);

  std::atomic<int> log_level{AH_LOG_DEBUG}; // logging/setLevel; messages below it are dropped
  std::atomic<bool> initialized{false};     // notifications/initialized arrived

  // Server-to-client requests: an id, a slot for the answer, removed once answered or abandoned.
  std::string next_request_id();
  std::shared_ptr<PendingAnswer> expect(const std::string& request_id);
  bool resolve(const std::string& request_id, std::string result_json, std::string error);
  void forget(const std::string& request_id);
  size_t pending_count() const;

  // Calls in flight, by the client's request id as JSON text, for notifications/cancelled.
  void track(const std::string& request_id, std::shared_ptr<plugins::CancelToken> token);
  // True when the client cancelled the call (notifications/cancelled): it gets no response.
  bool untrack(const std::string& request_id);
  bool cancel(const std::string& request_id);
  size_t tracked_count() const;

  sse::ReplayBuffer& replay() { return replay_; }

  // resources/subscribe: the URIs whose notifications/resources/updated this session wants, at
  // most kMaxSubscriptions. subscribe() is false when that many are held already.
  static constexpr size_t kMaxSubscriptions = 256;
  bool subscribe(const std::string& uri);
  void unsubscribe(const std::string& uri);
  bool subscribed(const std::string& uri) const;

  // The GET stream (or the 2024-11-05 SSE stream): messages not tied to a POST response. The
  // queue is bounded; the oldest message is dropped when a listener falls behind.
  void push(std::string message);
  // Queues only while a stream is open to carry it (unsolicited notifications have nowhere else
  // to go; a client that opens its GET stream later re-lists anyway). False when dropped.
  bool push_if_listening(std::string message);
  // Waits up to `timeout` for messages; returns them (empty on timeout). `open` turns false when
  // the session ends.
  // `abort` (when given) turning true and a wake() also end the wait.
  std::deque<std::string> wait_messages(std::chrono::milliseconds timeout, bool& open,
                                        const std::atomic<bool>* abort = nullptr);
  bool claim_listener();   // false when a GET stream is already open
  void release_listener(); //
  void wake();             // wakes the stream when the service stops

  void touch() { last_used_ns_ = Clock::now().time_since_epoch().count(); }
  Clock::time_point last_used() const { return Clock::time_point(Clock::duration(last_used_ns_)); }
  // A request or stream is using the session: it does not idle out meanwhile.
  void enter() { ++busy_; }
  void leave() {
    touch();
    --busy_;
  }
  bool busy() const { return busy_ > 0; }

  void end();
  bool ended() const { return ended_; }

private:
  std::string id_, integration_, version_;
  Poco::JSON::Object::Ptr client_capabilities_;
  std::shared_ptr<const Caller> caller_;
  std::atomic<uint64_t> next_request_{1};
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::unordered_map<std::string, std::shared_ptr<PendingAnswer>> pending_;
  struct TrackedCall {
    std::shared_ptr<plugins::CancelToken> token;
    bool cancelled = false;
  };
  std::unordered_map<std::string, TrackedCall> calls_;
  std::deque<std::string> queue_;
  std::set<std::string> subscriptions_;
  bool listener_ = false;
  sse::ReplayBuffer replay_;
  std::atomic<Clock::rep> last_used_ns_{0};
  std::atomic<int> busy_{0};
  std::atomic<bool> ended_{false};
};

// All live sessions, sharded so lookups on different sessions never contend. A sweeper thread
// ends sessions idle for longer than the timeout.
class SessionTable {
public:
  explicit SessionTable(std::chrono::milliseconds idle_timeout);
  ~SessionTable();

  std::shared_ptr<Session> create(std::string integration, std::string version,
                                  Poco::JSON::Object::Ptr client_capabilities,
                                  std::shared_ptr<const Caller> caller = nullptr);
  std::shared_ptr<Session> find(const std::string& id) const; // null when unknown or ended
  bool end(const std::string& id);
  size_t size() const;
  // Calls `fn` for every live session (under a shard's shared lock: fn must not block).
  void for_each(const std::function<void(Session&)>& fn) const;
  void stop(); // ends every session and the sweeper

private:
  struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<Session>> sessions;
  };
  Shard& shard_for(const std::string& id) const;
  void sweep();

  std::chrono::milliseconds idle_timeout_;
  mutable std::array<Shard, 16> shards_;
  std::mutex sweeper_mutex_;
  std::condition_variable sweeper_cv_;
  bool stopping_ = false;
  std::thread sweeper_;
};

// 32 random bytes as hex: visible ASCII, unguessable.
std::string random_session_id();

} // namespace actionhost::mcp
