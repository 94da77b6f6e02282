// The tasks extension (SEP-2663) end to end, against the conformance plugin's task fixtures:
// creation, polling, completion and failure shapes, cancellation, questions during a task, and
// the refusals for clients that do not declare the extension.
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;

namespace {

const char* kPath = "/mcp/conformance";
const char* kWithTasks = R"({"elicitation":{},"extensions":{"io.modelcontextprotocol/tasks":{}}})";

Poco::JSON::Object::Ptr request(uint16_t port, const std::string& method, const std::string& params,
                                const std::string& capabilities = kWithTasks) {
  auto reply = stateless(port, method, params, capabilities, kPath);
  auto answer = response_to(reply);
  REQUIRE(answer);
  return answer;
}

Poco::JSON::Object::Ptr result_of(uint16_t port, const std::string& method,
                                  const std::string& params) {
  auto answer = request(port, method, params);
  INFO(method << " " << params);
  REQUIRE(answer->getObject("result"));
  return answer->getObject("result");
}

std::string start(uint16_t port, const std::string& tool, const std::string& arguments = "{}") {
  auto created =
      result_of(port, "tools/call", R"({"name":")" + tool + R"(","arguments":)" + arguments + "}");
  CHECK(created->getValue<std::string>("resultType") == "task");
  CHECK_FALSE(created->has("result"));
  CHECK_FALSE(created->has("requestState"));
  return created->getValue<std::string>("taskId");
}

Poco::JSON::Object::Ptr get(uint16_t port, const std::string& id) {
  return result_of(port, "tasks/get", R"({"taskId":")" + id + R"("})");
}

// Polls until the task leaves `working` (or 10 s pass).
Poco::JSON::Object::Ptr settled(uint16_t port, const std::string& id) {
  Poco::JSON::Object::Ptr task;
  for (int i = 0; i < 200; ++i) {
    task = get(port, id);
    if (task->getValue<std::string>("status") != "working")
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return task;
}

} // namespace

TEST_CASE("tasks: advertised in server/discover, taskSupport in tools/list") {
  McpHost host;
  auto discovered = result_of(host.port(), "server/discover", "{}");
  CHECK(discovered->getObject("capabilities")
            ->getObject("extensions")
            ->has("io.modelcontextprotocol/tasks"));
  CHECK_FALSE(discovered->getObject("capabilities")->has("tasks"));
  auto tools = result_of(host.port(), "tools/list", "{}")->getArray("tools");
  bool seen = false;
  for (size_t i = 0; i < tools->size(); ++i) {
    auto tool = tools->getObject(i);
    if (tool->getValue<std::string>("name") == "failing_job") {
      seen = true;
      CHECK(tool->getObject("execution")->getValue<std::string>("taskSupport") == "required");
    }
    if (tool->getValue<std::string>("name") == "greet")
      CHECK_FALSE(tool->has("execution"));
  }
  CHECK(seen);
}

TEST_CASE("tasks: a task is created at once, polled while working, and completes with its result") {
  McpHost host;
  auto id = start(host.port(), "slow_compute", R"({"seconds":1,"label":"it"})");
  auto working = get(host.port(), id); // strongly consistent: resolves at once
  CHECK(working->getValue<std::string>("taskId") == id);
  CHECK(working->getValue<std::string>("resultType") == "complete");
  CHECK(working->getValue<std::string>("status") == "working");
  CHECK(working->getValue<Poco::Int64>("ttlMs") > 0);
  auto done = settled(host.port(), id);
  REQUIRE(done->getValue<std::string>("status") == "completed");
  auto text = done->getObject("result")->getArray("content")->getObject(0);
  CHECK(text->getValue<std::string>("text") == "Computed it in 1s");
  CHECK(get(host.port(), id)->getValue<std::string>("status") == "completed"); // kept until TTL
}

TEST_CASE("tasks: a tool error completes the task with isError, a broken action fails it") {
  McpHost host;
  auto tool_error = settled(host.port(), start(host.port(), "failing_job"));
  CHECK(tool_error->getValue<std::string>("status") == "completed");
  CHECK(tool_error->getObject("result")->getValue<bool>("isError"));

  auto broken = settled(host.port(), start(host.port(), "protocol_error_job"));
  CHECK(broken->getValue<std::string>("status") == "failed");
  REQUIRE(broken->getObject("error"));
  CHECK(broken->getObject("error")->getValue<int>("code") == -32603);
  CHECK_FALSE(broken->has("result"));
}

TEST_CASE("tasks: tasks/cancel acknowledges and the running task settles cancelled") {
  McpHost host;
  auto id = start(host.port(), "slow_compute", R"({"seconds":60})");
  auto ack = result_of(host.port(), "tasks/cancel", R"({"taskId":")" + id + R"("})");
  CHECK_FALSE(ack->has("taskId"));
  CHECK_FALSE(ack->has("status"));
  CHECK(settled(host.port(), id)->getValue<std::string>("status") == "cancelled");
  // Cancelling a finished task is still acknowledged.
  CHECK(result_of(host.port(), "tasks/cancel", R"({"taskId":")" + id + R"("})"));
}

TEST_CASE("tasks: a question parks the task until tasks/update answers it") {
  McpHost host;
  auto id = start(host.port(), "confirm_delete", R"({"filename":"a.txt"})");
  auto parked = settled(host.port(), id);
  REQUIRE(parked->getValue<std::string>("status") == "input_required");
  auto question = parked->getObject("inputRequests")->getObject("confirm_delete");
  REQUIRE(question);
  CHECK(question->getValue<std::string>("method") == "elicitation/create");
  // Unknown keys are ignored; the task stays parked.
  result_of(host.port(), "tasks/update",
            R"({"taskId":")" + id + R"(","inputResponses":{"other":{"action":"accept"}}})");
  CHECK(get(host.port(), id)->getValue<std::string>("status") == "input_required");
  result_of(
      host.port(), "tasks/update",
      R"({"taskId":")" + id +
          R"(","inputResponses":{"confirm_delete":{"action":"accept","content":{"confirm":true}}}})");
  auto done = settled(host.port(), id);
  REQUIRE(done->getValue<std::string>("status") == "completed");
  CHECK(done->getObject("result")->getArray("content")->getObject(0)->getValue<std::string>(
            "text") == "Deleted a.txt");
}

TEST_CASE("tasks: a question asked before the hand-off is a round trip of tools/call") {
  McpHost host;
  auto round1 = result_of(host.port(), "tools/call", R"({"name":"test_tool_with_task"})");
  CHECK(round1->getValue<std::string>("resultType") == "input_required");
  CHECK_FALSE(round1->has("taskId"));
  std::string state = round1->getValue<std::string>("requestState");
  auto round2 =
      result_of(host.port(), "tools/call",
                R"({"name":"test_tool_with_task","inputResponses":{"user_name":{"action":"accept",)"
                R"("content":{"name":"Alice"}}},"requestState":")" +
                    state + R"("})");
  REQUIRE(round2->getValue<std::string>("resultType") == "task");
  auto done = settled(host.port(), round2->getValue<std::string>("taskId"));
  CHECK(done->getObject("result")->getArray("content")->getObject(0)->getValue<std::string>(
            "text") == "Hello, Alice!");
}

TEST_CASE("tasks: clients without the extension get calls, and -32021 where a task is needed") {
  McpHost host;
  auto sync = request(host.port(), "tools/call",
                      R"({"name":"slow_compute","arguments":{"seconds":0}})", "{}");
  REQUIRE(sync->getObject("result"));
  CHECK(sync->getObject("result")->getValue<std::string>("resultType") == "complete");
  CHECK(sync->getObject("result")->has("content"));

  auto required = request(host.port(), "tools/call", R"({"name":"failing_job"})", "{}");
  REQUIRE(required->getObject("error"));
  CHECK(required->getObject("error")->getValue<int>("code") == -32021);
  CHECK(required->getObject("error")
            ->getObject("data")
            ->getObject("requiredCapabilities")
            ->getObject("extensions")
            ->has("io.modelcontextprotocol/tasks"));

  auto gated = request(host.port(), "tasks/get", R"({"taskId":"x"})", "{}");
  CHECK(gated->getObject("error")->getValue<int>("code") == -32021);
  auto unknown = request(host.port(), "tasks/get", R"({"taskId":"x"})");
  CHECK(unknown->getObject("error")->getValue<int>("code") == -32602);
  auto removed = request(host.port(), "tasks/result", R"({"taskId":"x"})");
  CHECK(removed->getObject("error")->getValue<int>("code") == -32601);
}

TEST_CASE("tasks: Mcp-Name must repeat the task id") {
  McpHost host;
  auto id = start(host.port(), "slow_compute", R"({"seconds":60})");
  auto reply = stateless(host.port(), "tasks/get", R"({"taskId":")" + id + R"("})", kWithTasks,
                         kPath, {{"Mcp-Name", "another-task"}});
  CHECK(reply.status == 400);
  CHECK(response_to(reply)->getObject("error")->getValue<int>("code") == -32020);
  result_of(host.port(), "tasks/cancel", R"({"taskId":")" + id + R"("})");
}
