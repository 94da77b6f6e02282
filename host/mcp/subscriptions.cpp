#include "subscriptions.hpp"

#include "jsonrpc.hpp"

#include <algorithm>

namespace actionhost::mcp {

namespace {
constexpr size_t kMaxQueued = 256;
constexpr const char* kSubscriptionKey = "io.modelcontextprotocol/subscriptionId";
} // namespace

std::string change_notification(ah_notify_kind kind, const std::string& uri,
                                const Poco::Dynamic::Var& subscription_id) {
  const char* method = kind == AH_NOTIFY_TOOLS_CHANGED     ? "notifications/tools/list_changed"
                       : kind == AH_NOTIFY_PROMPTS_CHANGED ? "notifications/prompts/list_changed"
                       : kind == AH_NOTIFY_RESOURCES_CHANGED
                           ? "notifications/resources/list_changed"
                           : "notifications/resources/updated";
  Poco::JSON::Object::Ptr params = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  if (kind == AH_NOTIFY_RESOURCE_UPDATED)
    params->set("uri", uri);
  if (!subscription_id.isEmpty()) {
    Poco::JSON::Object::Ptr meta = new Poco::JSON::Object;
    meta->set(kSubscriptionKey, subscription_id);
    params->set("_meta", meta);
  }
  return jsonrpc::notification(method, params);
}

bool ListenFilter::wants(ah_notify_kind kind, const std::string& uri) const {
  switch (kind) {
  case AH_NOTIFY_TOOLS_CHANGED:
    return tools;
  case AH_NOTIFY_PROMPTS_CHANGED:
    return prompts;
  case AH_NOTIFY_RESOURCES_CHANGED:
    return resources;
  case AH_NOTIFY_RESOURCE_UPDATED:
    return uris.count(uri) > 0;
  default:
    return false;
  }
}

void ListenStream::offer(ah_notify_kind kind, const std::string& uri) {
  if (!filter_.wants(kind, uri))
    return;
  auto message = change_notification(kind, uri, id_);
  {
    std::lock_guard lock(mutex_);
    if (closed_)
      return;
    if (queue_.size() == kMaxQueued)
      queue_.pop_front();
    queue_.push_back(std::move(message));
  }
  cv_.notify_all();
}

std::deque<std::string> ListenStream::wait(std::chrono::milliseconds timeout, bool& open) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return !queue_.empty() || closed_; });
  open = !closed_;
  std::deque<std::string> out;
  out.swap(queue_);
  return out;
}

void ListenStream::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    queue_.clear();
  }
  cv_.notify_all();
}

std::shared_ptr<ListenStream> ListenHub::open(std::string integration, ListenFilter filter,
                                              Poco::Dynamic::Var id) {
  std::lock_guard lock(mutex_);
  if (stopped_ || streams_.size() >= capacity_)
    return nullptr;
  auto stream =
      std::make_shared<ListenStream>(std::move(integration), std::move(filter), std::move(id));
  streams_.push_back(stream);
  return stream;
}

void ListenHub::close(const std::shared_ptr<ListenStream>& stream) {
  stream->close();
  std::lock_guard lock(mutex_);
  streams_.erase(std::remove(streams_.begin(), streams_.end(), stream), streams_.end());
}

void ListenHub::deliver(const std::vector<std::string>& integrations, ah_notify_kind kind,
                        const std::string& uri) {
  std::lock_guard lock(mutex_);
  for (const auto& stream : streams_)
    if (std::find(integrations.begin(), integrations.end(), stream->integration()) !=
        integrations.end())
      stream->offer(kind, uri);
}

size_t ListenHub::size() const {
  std::lock_guard lock(mutex_);
  return streams_.size();
}

void ListenHub::stop() {
  std::lock_guard lock(mutex_);
  stopped_ = true;
  for (const auto& stream : streams_)
    stream->close();
}

} // namespace actionhost::mcp
