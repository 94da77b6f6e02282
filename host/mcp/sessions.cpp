#include "sessions.hpp"

#include <Poco/RandomStream.h>

#include <algorithm>
#include <functional>

namespace actionhost::mcp {

namespace {
constexpr size_t kMaxQueued = 1024;
}

std::string random_session_id() {
  static constexpr char hex[] = "0123456789abcdef";
  unsigned char bytes[32];
  Poco::RandomInputStream random;
  random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
  std::string id;
  id.reserve(64);
  for (unsigned char b : bytes) {
    id += hex[b >> 4];
    id += hex[b & 15];
  }
  return id;
}

Session::Session(std::string id, std::string integration, std::string version,
                 Poco::JSON::Object::Ptr client_capabilities, std::shared_ptr<const Caller> caller)
    : id_(std::move(id)), integration_(std::move(integration)), version_(std::move(version)),
      client_capabilities_(client_capabilities ? client_capabilities
                                               : Poco::JSON::Object::Ptr(new Poco::JSON::Object)),
      caller_(caller ? std::move(caller) : std::make_shared<const Caller>()) {
  touch();
}

std::string Session::version() const {
  std::lock_guard lock(mutex_);
  return version_;
}

Poco::JSON::Object::Ptr Session::client_capabilities() const {
  std::lock_guard lock(mutex_);
  return client_capabilities_;
}

void Session::set_negotiated(std::string version, Poco::JSON::Object::Ptr client_capabilities) {
  std::lock_guard lock(mutex_);
  version_ = std::move(version);
  if (client_capabilities)
    client_capabilities_ = std::move(client_capabilities);
}

std::string Session::next_request_id() {
  return "ah-" + std::to_string(next_request_++);
}

std::shared_ptr<PendingAnswer> Session::expect(const std::string& request_id) {
  auto pending = std::make_shared<PendingAnswer>();
  std::lock_guard lock(mutex_);
  pending_[request_id] = pending;
  return pending;
}

bool Session::resolve(const std::string& request_id, std::string result_json, std::string error) {
  std::shared_ptr<PendingAnswer> pending;
  {
    std::lock_guard lock(mutex_);
    auto it = pending_.find(request_id);
    if (it == pending_.end())
      return false;
    pending = it->second;
    pending_.erase(it);
  }
  {
    std::lock_guard lock(pending->mutex);
    pending->done = true;
    pending->result_json = std::move(result_json);
    pending->error = std::move(error);
  }
  pending->cv.notify_all();
  return true;
}

void Session::forget(const std::string& request_id) {
  std::lock_guard lock(mutex_);
  pending_.erase(request_id);
}

size_t Session::pending_count() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

void Session::track(const std::string& request_id, std::shared_ptr<plugins::CancelToken> token) {
  std::lock_guard lock(mutex_);
  calls_[request_id] = {std::move(token), false};
}

bool Session::untrack(const std::string& request_id) {
  std::lock_guard lock(mutex_);
  auto it = calls_.find(request_id);
  if (it == calls_.end())
    return false;
  bool cancelled = it->second.cancelled;
  calls_.erase(it);
  return cancelled;
}

bool Session::cancel(const std::string& request_id) {
  std::lock_guard lock(mutex_);
  auto it = calls_.find(request_id);
  if (it == calls_.end())
    return false;
  it->second.cancelled = true;
  it->second.token->cancel();
  return true;
}

size_t Session::tracked_count() const {
  std::lock_guard lock(mutex_);
  return calls_.size();
}

void Session::push(std::string message) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() == kMaxQueued)
      queue_.pop_front();
    queue_.push_back(std::move(message));
  }
  cv_.notify_all();
}

bool Session::push_if_listening(std::string message) {
  {
    std::lock_guard lock(mutex_);
    if (!listener_ || ended_)
      return false;
    if (queue_.size() == kMaxQueued)
      queue_.pop_front();
    queue_.push_back(std::move(message));
  }
  cv_.notify_all();
  return true;
}

bool Session::subscribe(const std::string& uri) {
  std::lock_guard lock(mutex_);
  if (subscriptions_.size() >= kMaxSubscriptions && !subscriptions_.count(uri))
    return false;
  subscriptions_.insert(uri);
  return true;
}

void Session::unsubscribe(const std::string& uri) {
  std::lock_guard lock(mutex_);
  subscriptions_.erase(uri);
}

bool Session::subscribed(const std::string& uri) const {
  std::lock_guard lock(mutex_);
  return subscriptions_.count(uri) > 0;
}

std::deque<std::string> Session::wait_messages(std::chrono::milliseconds timeout, bool& open,
                                               const std::atomic<bool>* abort) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [&] { return !queue_.empty() || ended_ || (abort && *abort); });
  open = !ended_;
  std::deque<std::string> out;
  out.swap(queue_);
  return out;
}

bool Session::claim_listener() {
  std::lock_guard lock(mutex_);
  if (listener_)
    return false;
  listener_ = true;
  return true;
}

void Session::release_listener() {
  std::lock_guard lock(mutex_);
  listener_ = false;
}

void Session::wake() {
  cv_.notify_all();
}

void Session::end() {
  std::unordered_map<std::string, std::shared_ptr<PendingAnswer>> pending;
  {
    std::lock_guard lock(mutex_);
    ended_ = true;
    pending.swap(pending_);
    for (auto& [id, call] : calls_)
      call.token->cancel();
    queue_.clear();
    subscriptions_.clear();
  }
  cv_.notify_all();
  for (auto& [id, answer] : pending) {
    {
      std::lock_guard lock(answer->mutex);
      answer->done = true;
      answer->error = "the session ended";
    }
    answer->cv.notify_all();
  }
}

SessionTable::SessionTable(std::chrono::milliseconds idle_timeout) : idle_timeout_(idle_timeout) {
  sweeper_ = std::thread([this] { sweep(); });
}

SessionTable::~SessionTable() {
  stop();
}

SessionTable::Shard& SessionTable::shard_for(const std::string& id) const {
  return shards_[std::hash<std::string>{}(id) % shards_.size()];
}

std::shared_ptr<Session> SessionTable::create(std::string integration, std::string version,
                                              Poco::JSON::Object::Ptr client_capabilities,
                                              std::shared_ptr<const Caller> caller) {
  auto session =
      std::make_shared<Session>(random_session_id(), std::move(integration), std::move(version),
                                std::move(client_capabilities), std::move(caller));
  auto& shard = shard_for(session->id());
  std::unique_lock lock(shard.mutex);
  shard.sessions[session->id()] = session;
  return session;
}

std::shared_ptr<Session> SessionTable::find(const std::string& id) const {
  auto& shard = shard_for(id);
  std::shared_lock lock(shard.mutex);
  auto it = shard.sessions.find(id);
  if (it == shard.sessions.end() || it->second->ended())
    return nullptr;
  return it->second;
}

bool SessionTable::end(const std::string& id) {
  std::shared_ptr<Session> session;
  {
    auto& shard = shard_for(id);
    std::unique_lock lock(shard.mutex);
    auto it = shard.sessions.find(id);
    if (it == shard.sessions.end())
      return false;
    session = std::move(it->second);
    shard.sessions.erase(it);
  }
  session->end();
  return true;
}

size_t SessionTable::size() const {
  size_t n = 0;
  for (auto& shard : shards_) {
    std::shared_lock lock(shard.mutex);
    n += shard.sessions.size();
  }
  return n;
}

void SessionTable::for_each(const std::function<void(Session&)>& fn) const {
  for (auto& shard : shards_) {
    std::shared_lock lock(shard.mutex);
    for (const auto& [id, session] : shard.sessions)
      if (!session->ended())
        fn(*session);
  }
}

void SessionTable::sweep() {
  auto period =
      std::clamp(idle_timeout_ / 4, std::chrono::milliseconds(50), std::chrono::milliseconds(1000));
  std::unique_lock lock(sweeper_mutex_);
  while (!stopping_) {
    sweeper_cv_.wait_for(lock, period);
    if (stopping_)
      break;
    auto now = Session::Clock::now();
    std::vector<std::shared_ptr<Session>> expired;
    for (auto& shard : shards_) {
      std::unique_lock shard_lock(shard.mutex);
      for (auto it = shard.sessions.begin(); it != shard.sessions.end();) {
        if (!it->second->busy() && now - it->second->last_used() > idle_timeout_) {
          expired.push_back(std::move(it->second));
          it = shard.sessions.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (auto& session : expired)
      session->end();
  }
}

void SessionTable::stop() {
  {
    std::lock_guard lock(sweeper_mutex_);
    if (stopping_)
      return;
    stopping_ = true;
  }
  sweeper_cv_.notify_all();
  if (sweeper_.joinable())
    sweeper_.join();
  for (auto& shard : shards_) {
    std::unique_lock lock(shard.mutex);
    for (auto& [id, session] : shard.sessions)
      session->end();
    shard.sessions.clear();
  }
}

} // namespace actionhost::mcp
