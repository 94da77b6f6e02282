// The tasks of the MCP tasks extension (SEP-2663, io.modelcontextprotocol/tasks): what each task
// is doing and what it produced, bounded in number (per process and per client) and in time (a
// task and its result are dropped once its TTL has passed). No threads here: tasks.hpp runs them.
#pragma once

#include "plugins.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace actionhost::mcp {

enum class TaskStatus { working, input_required, completed, failed, cancelled };
const char* task_status_name(TaskStatus status);
bool is_terminal(TaskStatus status);

struct TaskLimits {
  size_t max_tasks = 1000;     // in the whole process, finished ones included until they expire
  size_t max_per_client = 100; // per owner (the integration and, when known, the caller)
  std::chrono::milliseconds ttl = std::chrono::hours(1);
  std::chrono::milliseconds poll_interval = std::chrono::milliseconds(500);
};

struct TaskWork; // what runs the task (tasks.cpp)

// One task. Every field below `owner` is guarded by `mutex`.
struct Task {
  Task(std::string id, std::string owner, const TaskLimits& limits);

  const std::string id;    // unguessable: it is all a client needs to reach the task
  const std::string owner; // only requests from the same owner see the task
  const std::chrono::system_clock::time_point created_at;
  const std::chrono::milliseconds ttl, poll_interval;
  const std::chrono::steady_clock::time_point expires_at;

  mutable std::mutex mutex;
  std::condition_variable changed;
  TaskStatus status = TaskStatus::working;
  std::string status_message;
  std::chrono::system_clock::time_point updated_at;
  Poco::JSON::Object::Ptr result; // completed: the CallToolResult
  Poco::JSON::Object::Ptr error;  // failed: the JSON-RPC error {code, message}
  // input_required: the questions still unanswered, by key, as {"method", "params"}.
  std::vector<std::pair<std::string, Poco::JSON::Object::Ptr>> input_requests;
  // Every answer the client gave, by key; a re-run of the action finds them all.
  std::map<std::string, Poco::Dynamic::Var> answers;
  bool running = false;          // the action is executing on a worker
  bool cancel_requested = false; // tasks/cancel arrived
  std::shared_ptr<plugins::CancelToken> cancel = std::make_shared<plugins::CancelToken>();
  std::shared_ptr<TaskWork> work;

  // Moves to `status` now (mutex held).
  void set_status(TaskStatus next, std::string message = {});
  // The Task object (mutex held): CreateTaskResult fields, and with `detailed` the DetailedTask
  // of tasks/get (inputRequests, result or error by status).
  Poco::JSON::Object::Ptr to_json(bool detailed) const;
};

class TaskStore {
public:
  explicit TaskStore(TaskLimits limits = {});

  // A new task for `owner`, or null with the reason in `refusal` when a limit is reached.
  std::shared_ptr<Task> create(const std::string& owner, std::string& refusal);
  // The task with this id when `owner` owns it and it has not expired; else null.
  std::shared_ptr<Task> find(const std::string& id, const std::string& owner);
  void remove(const std::string& id);
  // Drops every task past its TTL, cancelling those still running; returns how many went.
  size_t expire();
  size_t size() const;
  // Cancels every task (server shutdown).
  void cancel_all();
  const TaskLimits& limits() const { return limits_; }

private:
  size_t expire_locked();

  const TaskLimits limits_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Task>> tasks_;
  std::map<std::string, size_t> per_owner_;
};

// ISO 8601 UTC with milliseconds: 2026-07-28T10:30:00.123Z.
std::string iso8601(std::chrono::system_clock::time_point time);

} // namespace actionhost::mcp
