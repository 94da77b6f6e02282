#include "mcp.hpp"

namespace actionhost::mcp {

plugins::NotifySink ChangeFeed::sink(std::shared_ptr<ChangeFeed> feed) {
  return [feed = std::move(feed)](const std::string& plugin_id, ah_notify_kind kind,
                                  const std::string& uri) {
    feed->publish({plugin_id, kind, uri});
  };
}

void ChangeFeed::publish(const Change& change) const {
  std::lock_guard lock(mutex_);
  for (const auto& [id, listener] : listeners_)
    listener(change);
}

uint64_t ChangeFeed::subscribe(Listener listener) {
  std::lock_guard lock(mutex_);
  listeners_.emplace(next_, std::move(listener));
  return next_++;
}

void ChangeFeed::unsubscribe(uint64_t id) {
  std::lock_guard lock(mutex_);
  listeners_.erase(id);
}

} // namespace actionhost::mcp
