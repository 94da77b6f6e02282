// The MCP tasks extension (SEP-2663, io.modelcontextprotocol/tasks, 2026-07-28 wire): a tools/call
// of an action that supports tasks may answer with a CreateTaskResult while the action goes on
// running on a fixed worker pool; the client polls tasks/get, answers the action's questions
// with tasks/update and stops it with tasks/cancel.
//
// The action is the same invoke as a call. It starts as the call and becomes a task (hand-off)
// when it first reports progress or once `handoff` has passed; until then it is the request's:
// finished, it answers the call directly; a question makes an InputRequiredResult round trip
// (SEP-2663: MRTR before task creation). After the hand-off, a question parks the task in
// input_required; once tasks/update has answered every outstanding question, the action runs
// again with all answers so far (as a retried call would). AH_ERR_INTERNAL fails the task with a
// JSON-RPC -32603 error; any other result, isError included, completes it.
#pragma once

#include "exchange.hpp"
#include "task_store.hpp"
#include "worker_pool.hpp"

#include <optional>

namespace actionhost::mcp {

class CallChannel;

inline constexpr const char* kTasksExtension = "io.modelcontextprotocol/tasks";

struct TaskOptions {
  TaskLimits limits;
  size_t workers = 4; // threads running tasks, in the whole process
  std::chrono::milliseconds handoff = std::chrono::milliseconds(200);
};

class Tasks {
public:
  explicit Tasks(TaskOptions options = {});
  ~Tasks(); // cancels every task and waits for the running ones

  // What tools/call should answer for `tool`.
  struct Offer {
    std::optional<Reply> reply; // CreateTaskResult or an error: answer it as it is
    // The action finished before the hand-off: answer it like a call, from its channel.
    std::optional<plugins::ToolResult> result;
    std::shared_ptr<CallChannel> channel;
  };
  // Nothing in the Offer: not a task (forbidden, session era, optional and the client does not
  // support tasks, or no room for one), run it as a call.
  Offer offer(std::shared_ptr<const plugins::Action> tool, Poco::JSON::Object::Ptr arguments,
              std::map<std::string, Poco::Dynamic::Var> answers, plugins::RequestInfo info,
              const Exchange& exchange);

  // tasks/get, tasks/update and tasks/cancel in the stateless era; nothing for other methods.
  std::optional<Reply> handle(const std::string& method, const Poco::JSON::Object::Ptr& params,
                              const Exchange& exchange);

  // True when the request's clientCapabilities declare the extension.
  static bool declared(const Exchange& exchange);
  // The -32021 error naming the extension.
  static Reply extension_required(const std::string& why);

  TaskStore& store() { return store_; }

private:
  void run(const std::shared_ptr<Task>& task);
  void settle(Task& task, const plugins::ToolResult& result, const CallChannel& channel);

  TaskOptions options_;
  TaskStore store_;
  WorkerPool pool_; // last: destroyed (joined) first
};

} // namespace actionhost::mcp
