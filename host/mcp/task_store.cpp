#include "task_store.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <Poco/UUIDGenerator.h>


namespace actionhost::mcp {

using Poco::JSON::Object;

const char* task_status_name(TaskStatus status) {
  switch (status) {
  case TaskStatus::working:
    return "working";
  case TaskStatus::input_required:
    return "input_required";
  case TaskStatus::completed:
    return "completed";
  case TaskStatus::failed:
    return "failed";
  case TaskStatus::cancelled:
    return "cancelled";
  }
  return "working";
}

bool is_terminal(TaskStatus status) {
  return status == TaskStatus::completed || status == TaskStatus::failed ||
         status == TaskStatus::cancelled;
}

std::string iso8601(std::chrono::system_clock::time_point time) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
  return Poco::DateTimeFormatter::format(Poco::Timestamp(us), "%Y-%m-%dT%H:%M:%S.%iZ");
}

Task::Task(std::string id_, std::string owner_, const TaskLimits& limits)
    : id(std::move(id_)), owner(std::move(owner_)), created_at(std::chrono::system_clock::now()),
      ttl(limits.ttl), poll_interval(limits.poll_interval),
      expires_at(std::chrono::steady_clock::now() + limits.ttl), updated_at(created_at) {}

void Task::set_status(TaskStatus next, std::string message) {
  status = next;
  status_message = std::move(message);
  updated_at = std::chrono::system_clock::now();
  if (next != TaskStatus::input_required)
    input_requests.clear();
  changed.notify_all();
}

Object::Ptr Task::to_json(bool detailed) const {
  Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("taskId", id);
  json->set("status", task_status_name(status));
  if (!status_message.empty())
    json->set("statusMessage", status_message);
  json->set("createdAt", iso8601(created_at));
  json->set("lastUpdatedAt", iso8601(updated_at));
  json->set("ttlMs", static_cast<Poco::Int64>(ttl.count()));
  json->set("pollIntervalMs", static_cast<Poco::Int64>(poll_interval.count()));
  if (!detailed)
    return json;
  if (status == TaskStatus::input_required) {
    Object::Ptr requests = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& [key, request] : input_requests)
      requests->set(key, request);
    json->set("inputRequests", requests);
  } else if (status == TaskStatus::completed && result) {
    json->set("result", result);
  } else if (status == TaskStatus::failed && error) {
    json->set("error", error);
  }
  return json;
}

TaskStore::TaskStore(TaskLimits limits) : limits_(limits) {}

std::shared_ptr<Task> TaskStore::create(const std::string& owner, std::string& refusal) {
  std::lock_guard lock(mutex_);
  expire_locked();
  if (tasks_.size() >= limits_.max_tasks) {
    refusal = "the server holds its maximum of " + std::to_string(limits_.max_tasks) +
              " tasks; retry once some have expired";
    return nullptr;
  }
  if (per_owner_[owner] >= limits_.max_per_client) {
    refusal = "this client holds its maximum of " + std::to_string(limits_.max_per_client) +
              " tasks; cancel some or retry once they have expired";
    return nullptr;
  }
  std::string id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
  auto task = std::make_shared<Task>(id, owner, limits_);
  tasks_.emplace(id, task);
  ++per_owner_[owner];
  return task;
}

std::shared_ptr<Task> TaskStore::find(const std::string& id, const std::string& owner) {
  std::lock_guard lock(mutex_);
  expire_locked();
  auto it = tasks_.find(id);
  if (it == tasks_.end() || it->second->owner != owner)
    return nullptr;
  return it->second;
}

void TaskStore::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = tasks_.find(id);
  if (it == tasks_.end())
    return;
  if (--per_owner_[it->second->owner] == 0)
    per_owner_.erase(it->second->owner);
  tasks_.erase(it);
}

size_t TaskStore::expire() {
  std::lock_guard lock(mutex_);
  return expire_locked();
}

size_t TaskStore::expire_locked() {
  auto now = std::chrono::steady_clock::now();
  size_t dropped = 0;
  for (auto it = tasks_.begin(); it != tasks_.end();) {
    if (it->second->expires_at > now) {
      ++it;
      continue;
    }
    it->second->cancel->cancel(); // a run still going stops; its result has nowhere to go
    if (--per_owner_[it->second->owner] == 0)
      per_owner_.erase(it->second->owner);
    it = tasks_.erase(it);
    ++dropped;
  }
  return dropped;
}

size_t TaskStore::size() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

void TaskStore::cancel_all() {
  std::lock_guard lock(mutex_);
  for (auto& [id, task] : tasks_)
    task->cancel->cancel();
}

} // namespace actionhost::mcp
