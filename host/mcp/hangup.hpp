// Noticing that a client closed its connection while we are still working on its request, without
// a thread per request: one watcher thread polls the sockets of the requests that asked to be
// watched (stateless-era calls, whose cancellation is the client closing the stream; open
// streams, which otherwise only notice at their next keep-alive).
#pragma once

#include "http.hpp"

#include <Poco/Net/StreamSocket.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace actionhost::mcp {

class HangupWatch {
public:
  HangupWatch();
  ~HangupWatch();
  HangupWatch(const HangupWatch&) = delete;
  HangupWatch& operator=(const HangupWatch&) = delete;

  // Calls `on_hangup` once, on the watcher thread, if the peer of the request's connection closes
  // it before forget(ticket). Returns 0 (and watches nothing) when the request has no socket.
  uint64_t watch(http::Request& request, std::function<void()> on_hangup);
  void forget(uint64_t ticket);
  size_t watched() const;
  void stop();

  // watch() .. forget() for one scope.
  class Scope {
  public:
    Scope(HangupWatch& watch, http::Request& request, std::function<void()> on_hangup)
        : watch_(watch), ticket_(watch.watch(request, std::move(on_hangup))) {}
    ~Scope() { watch_.forget(ticket_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

  private:
    HangupWatch& watch_;
    uint64_t ticket_;
  };

private:
  struct Entry {
    Poco::Net::StreamSocket socket;
    std::function<void()> on_hangup;
  };
  void run();

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::map<uint64_t, Entry> entries_;
  uint64_t next_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace actionhost::mcp
