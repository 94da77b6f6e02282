#include "hangup.hpp"

#include <Poco/Net/HTTPServerRequestImpl.h>

#include <vector>

namespace actionhost::mcp {

namespace {
constexpr auto kPollPeriod = std::chrono::milliseconds(50);

// A readable socket with nothing to read has reached end of stream: the peer closed it. (During
// a request Poco reads nothing more from the connection, so pending bytes would be a pipelined
// next request: the peer is still there.)
bool hung_up(Poco::Net::StreamSocket& socket) {
  try {
    return socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ) &&
           socket.available() == 0;
  } catch (const Poco::Exception&) {
    return true; // closed under us: the connection is gone
  }
}
} // namespace

HangupWatch::HangupWatch() : thread_([this] { run(); }) {}

HangupWatch::~HangupWatch() {
  stop();
}

uint64_t HangupWatch::watch(http::Request& request, std::function<void()> on_hangup) {
  auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
  if (!impl)
    return 0;
  uint64_t ticket;
  bool first;
  {
    std::lock_guard lock(mutex_);
    if (stopping_)
      return 0;
    ticket = next_++;
    first = entries_.empty();
    entries_.emplace(ticket, Entry{impl->socket(), std::move(on_hangup)});
  }
  // Only an idle watcher needs waking: a busy one polls every kPollPeriod and finds the new
  // entry then. Waking it for every request would cost a context switch per request.
  if (first)
    cv_.notify_all();
  return ticket;
}

void HangupWatch::forget(uint64_t ticket) {
  if (ticket == 0)
    return;
  std::lock_guard lock(mutex_);
  entries_.erase(ticket);
}

size_t HangupWatch::watched() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void HangupWatch::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_)
      return;
    stopping_ = true;
    entries_.clear();
  }
  cv_.notify_all();
  if (thread_.joinable())
    thread_.join();
}

void HangupWatch::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (entries_.empty()) {
      cv_.wait(lock, [&] { return stopping_ || !entries_.empty(); });
      continue;
    }
    std::vector<std::pair<uint64_t, Poco::Net::StreamSocket>> sockets;
    sockets.reserve(entries_.size());
    for (auto& [ticket, entry] : entries_)
      sockets.emplace_back(ticket, entry.socket);
    lock.unlock();
    std::vector<uint64_t> gone;
    for (auto& [ticket, socket] : sockets)
      if (hung_up(socket))
        gone.push_back(ticket);
    std::vector<std::function<void()>> callbacks;
    lock.lock();
    for (uint64_t ticket : gone)
      if (auto it = entries_.find(ticket); it != entries_.end()) {
        callbacks.push_back(std::move(it->second.on_hangup));
        entries_.erase(it);
      }
    lock.unlock();
    for (auto& callback : callbacks)
      callback();
    lock.lock();
    cv_.wait_for(lock, kPollPeriod, [&] { return stopping_; });
  }
}

} // namespace actionhost::mcp
