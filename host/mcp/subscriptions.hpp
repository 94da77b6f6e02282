// Telling clients what changed (tools, prompts or resources lists; one resource's content). The
// session era sends notifications/*/list_changed on a session's GET stream (or its 2024-11-05
// stream) and notifications/resources/updated for URIs it subscribed to; the stateless era sends
// them on subscriptions/listen streams, each only what its request asked for, each tagged with
// the listen request's id.
#pragma once

#include <actionhost/plugin.h>

#include <Poco/Dynamic/Var.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace actionhost::mcp {

// The notification for a change; `subscription_id` (stateless era) goes into params._meta.
std::string change_notification(ah_notify_kind kind, const std::string& uri,
                                const Poco::Dynamic::Var& subscription_id = {});

// What one subscriptions/listen request asked to hear.
struct ListenFilter {
  bool tools = false, prompts = false, resources = false;
  std::set<std::string> uris; // resourceSubscriptions
  bool wants(ah_notify_kind kind, const std::string& uri) const;
};

// One open subscriptions/listen stream. Thread-safe.
class ListenStream {
public:
  ListenStream(std::string integration, ListenFilter filter, Poco::Dynamic::Var id)
      : integration_(std::move(integration)), filter_(std::move(filter)), id_(std::move(id)) {}
  const std::string& integration() const { return integration_; }
  const ListenFilter& filter() const { return filter_; }
  const Poco::Dynamic::Var& id() const { return id_; }

  // Queues the change's notification when the filter wants it. The queue is bounded: a client
  // that does not read loses the oldest (a list_changed repeated later says the same anyway).
  void offer(ah_notify_kind kind, const std::string& uri);
  // Waits up to `timeout` for notifications; `open` turns false once closed.
  std::deque<std::string> wait(std::chrono::milliseconds timeout, bool& open);
  void close();

private:
  std::string integration_;
  ListenFilter filter_;
  Poco::Dynamic::Var id_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool closed_ = false;
};

// Every open listen stream, at most `capacity` at once.
class ListenHub {
public:
  explicit ListenHub(size_t capacity) : capacity_(capacity) {}
  // Null when `capacity` streams are open already (or the hub stopped).
  std::shared_ptr<ListenStream> open(std::string integration, ListenFilter filter,
                                     Poco::Dynamic::Var id);
  void close(const std::shared_ptr<ListenStream>& stream);
  // Offers a change to the streams of these integrations.
  void deliver(const std::vector<std::string>& integrations, ah_notify_kind kind,
               const std::string& uri);
  size_t size() const;
  void stop(); // closes every stream; open() refuses from now on

private:
  size_t capacity_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<ListenStream>> streams_;
  bool stopped_ = false;
};

} // namespace actionhost::mcp
