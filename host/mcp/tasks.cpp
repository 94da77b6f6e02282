#include "tasks.hpp"

#include "tool_execution.hpp"

#include "call_channel.hpp"

namespace actionhost::mcp {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

// What runs a task: the action, its arguments, and an exchange of its own (no stream, no
// session: the request that created the task is long answered when the task asks or finishes).
struct TaskWork {
  std::shared_ptr<const plugins::Action> tool;
  Object::Ptr arguments;
  plugins::RequestInfo info;
  Exchange exchange;
  bool handed_off = false; // the call answered CreateTaskResult
  bool finished_early = false;
  std::optional<plugins::ToolResult> early_result;
  std::shared_ptr<CallChannel> early_channel;
};

namespace {

// The call's services, also noticing the first progress report: the action says it is long.
class TaskServices : public plugins::ForwardingCallServices {
public:
  TaskServices(CallChannel& channel, std::function<void()> on_progress)
      : ForwardingCallServices(channel), on_progress_(std::move(on_progress)) {}
  void progress(double progress, std::optional<double> total, const std::string& message) override {
    on_progress_();
    inner_.progress(progress, total, message);
  }

private:
  std::function<void()> on_progress_;
};

// A task belongs to the caller that created it: the integration, the secret key and the
// connection. Another key or connection of the same integration cannot see or steer it.
std::string owner_of(const Exchange& exchange) {
  std::string owner = exchange.integration ? exchange.integration->config.key : std::string();
  owner += '\n' + exchange.caller->key_id() + '\n';
  if (exchange.caller->connection)
    owner += exchange.caller->connection->connection_id;
  return owner;
}

Reply invalid_params(std::string message) {
  return Reply::fail(jsonrpc::kInvalidParams, std::move(message));
}

} // namespace

Tasks::Tasks(TaskOptions options)
    : options_(options), store_(options.limits), pool_(options.workers) {}

Tasks::~Tasks() {
  store_.cancel_all();
}

bool Tasks::declared(const Exchange& exchange) {
  auto extensions = exchange.client_capabilities
                        ? exchange.client_capabilities->getObject("extensions")
                        : nullptr;
  return extensions && extensions->has(kTasksExtension);
}

Reply Tasks::extension_required(const std::string& why) {
  Object::Ptr extensions = new Object;
  extensions->set(kTasksExtension, Object::Ptr(new Object));
  Object::Ptr required = new Object;
  required->set("extensions", extensions);
  Object::Ptr data = new Object;
  data->set("requiredCapabilities", required);
  return Reply::fail(jsonrpc::kMissingClientCapability,
                     why + ", which needs the client capability extensions['" + kTasksExtension +
                         "'] (not declared by the request's clientCapabilities)",
                     data, 400);
}

Tasks::Offer Tasks::offer(std::shared_ptr<const plugins::Action> tool, Object::Ptr arguments,
                          std::map<std::string, Var> answers, plugins::RequestInfo info,
                          const Exchange& exchange) {
  Offer offer;
  if (!exchange.stateless || !tool || tool->task_support == AH_TASK_FORBIDDEN)
    return offer;
  if (!declared(exchange)) {
    if (tool->task_support == AH_TASK_REQUIRED)
      offer.reply = extension_required("tool '" + tool->name + "' runs only as a task");
    return offer; // optional: an ordinary call
  }
  std::string refusal;
  auto task = store_.create(owner_of(exchange), refusal);
  if (!task) {
    if (tool->task_support == AH_TASK_REQUIRED)
      offer.reply = Reply::fail(jsonrpc::kInternalError, "cannot start a task: " + refusal);
    return offer;
  }
  auto work = std::make_shared<TaskWork>();
  work->tool = std::move(tool);
  work->arguments = std::move(arguments);
  work->info = std::move(info);
  work->exchange = exchange;
  work->exchange.out = nullptr;
  work->exchange.session = nullptr;
  work->exchange.log_level = -1;
  work->exchange.cancel = task->cancel;
  {
    std::lock_guard lock(task->mutex);
    task->work = work;
    task->answers = std::move(answers);
  }
  pool_.submit([this, task] { run(task); });

  std::unique_lock lock(task->mutex);
  task->changed.wait_for(lock, options_.handoff,
                         [&] { return work->handed_off || work->finished_early; });
  if (work->finished_early) {
    offer.result = std::move(work->early_result);
    offer.channel = std::move(work->early_channel);
    task->work.reset();
    lock.unlock();
    store_.remove(task->id);
    return offer;
  }
  work->handed_off = true;
  auto result = task->to_json(false);
  result->set("resultType", "task");
  offer.reply = Reply::ok(result);
  return offer;
}

void Tasks::run(const std::shared_ptr<Task>& task) {
  std::shared_ptr<TaskWork> work;
  std::map<std::string, Var> answers;
  {
    std::lock_guard lock(task->mutex);
    if (is_terminal(task->status) || !task->work)
      return; // cancelled while queued
    work = task->work;
    answers = task->answers;
    task->running = true;
  }
  auto channel = std::make_shared<CallChannel>(work->exchange, Var(), answers);
  TaskServices services(*channel, [task, work] {
    std::lock_guard lock(task->mutex);
    if (!work->finished_early && !work->handed_off) {
      work->handed_off = true;
      task->changed.notify_all();
    }
  });
  // Like any call: through the caller's connection and proxy, recorded in the execution log.
  ToolExecution execution(work->exchange, *work->tool);
  auto result = execution.run(work->arguments, services, work->info);
  if (result.status == AH_ERR_INPUT_REQUIRED && !channel->questions().empty())
    execution.fail_protocol("input required");
  std::lock_guard lock(task->mutex);
  task->running = false;
  if (!work->handed_off) {
    work->finished_early = true;
    work->early_result = std::move(result);
    work->early_channel = channel;
    task->changed.notify_all();
    return;
  }
  settle(*task, result, *channel);
}

void Tasks::settle(Task& task, const plugins::ToolResult& result, const CallChannel& channel) {
  if (task.cancel_requested) {
    task.set_status(TaskStatus::cancelled, "The task was cancelled");
  } else if (result.status == AH_ERR_INPUT_REQUIRED && !channel.questions().empty()) {
    task.set_status(TaskStatus::input_required, "Waiting for the client's answers");
    task.input_requests = channel.questions();
  } else if (result.status == AH_ERR_INTERNAL) {
    Object::Ptr error = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    error->set("code", jsonrpc::kInternalError);
    error->set("message", result.text().empty() ? "the action failed" : result.text());
    task.error = error;
    task.set_status(TaskStatus::failed, "Tool execution failed: " + result.text());
  } else {
    task.result = result.to_json();
    task.set_status(TaskStatus::completed);
  }
  if (is_terminal(task.status))
    task.work.reset(); // the action, its arguments and its exchange are no longer needed
}

std::optional<Reply> Tasks::handle(const std::string& method, const Object::Ptr& params,
                                   const Exchange& exchange) {
  if (!exchange.stateless ||
      (method != "tasks/get" && method != "tasks/update" && method != "tasks/cancel"))
    return std::nullopt;
  if (!declared(exchange))
    return extension_required(method);
  if (!params->has("taskId") || !params->get("taskId").isString())
    return invalid_params(method + " needs params.taskId, the task's id");
  auto task = store_.find(params->get("taskId").toString(), owner_of(exchange));
  if (!task)
    return invalid_params("Failed to retrieve task: Task not found (unknown, or expired)");

  if (method == "tasks/get") {
    std::lock_guard lock(task->mutex);
    return Reply::ok(task->to_json(true));
  }
  Object::Ptr ack = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  if (method == "tasks/cancel") {
    std::lock_guard lock(task->mutex);
    if (is_terminal(task->status))
      return Reply::ok(ack); // finished first: nothing to cancel
    task->cancel_requested = true;
    task->cancel->cancel();
    if (!task->running) { // parked on a question or still queued: settles now
      task->set_status(TaskStatus::cancelled, "The task was cancelled");
      task->work.reset();
    }
    return Reply::ok(ack);
  }

  // tasks/update: answers for outstanding questions; others are ignored (SEP-2663).
  Var responses = params->has("inputResponses") ? params->get("inputResponses") : Var();
  if (responses.type() != typeid(Object::Ptr))
    return invalid_params("tasks/update needs params.inputResponses, the answers by key");
  bool rerun = false;
  {
    std::lock_guard lock(task->mutex);
    for (const auto& [key, answer] : *responses.extract<Object::Ptr>()) {
      auto it = std::find_if(task->input_requests.begin(), task->input_requests.end(),
                             [&](const auto& request) { return request.first == key; });
      if (it == task->input_requests.end() || answer.type() != typeid(Object::Ptr))
        continue;
      task->answers[key] = answer;
      task->input_requests.erase(it);
    }
    if (task->status == TaskStatus::input_required && task->input_requests.empty() &&
        !task->cancel_requested && task->work) {
      task->set_status(TaskStatus::working);
      rerun = true;
    }
  }
  if (rerun)
    pool_.submit([this, task] { run(task); });
  return Reply::ok(ack);
}

} // namespace actionhost::mcp
