#include "task_store.hpp"
#include "worker_pool.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace actionhost::mcp;

TEST_CASE("task store: a new task is found by its owner only, working, with its wire fields") {
  TaskStore store;
  std::string refusal;
  auto task = store.create("crm", refusal);
  REQUIRE(task);
  CHECK(task->id.size() == 36); // a random UUID: unguessable
  CHECK(store.find(task->id, "crm") == task);
  CHECK_FALSE(store.find(task->id, "billing"));
  CHECK_FALSE(store.find("no-such-task", "crm"));

  std::lock_guard lock(task->mutex);
  auto json = task->to_json(false);
  CHECK(json->getValue<std::string>("taskId") == task->id);
  CHECK(json->getValue<std::string>("status") == "working");
  CHECK(json->getValue<Poco::Int64>("ttlMs") == 3600000);
  CHECK(json->getValue<Poco::Int64>("pollIntervalMs") == 500);
  CHECK(json->getValue<std::string>("createdAt").size() == 24); // 2026-07-28T10:30:00.123Z
  CHECK(json->getValue<std::string>("createdAt").back() == 'Z');
  CHECK_FALSE(json->has("result"));
  CHECK_FALSE(json->has("ttl"));
}

TEST_CASE("task store: the detailed task carries what its status calls for") {
  TaskStore store;
  std::string refusal;
  auto task = store.create("crm", refusal);
  std::lock_guard lock(task->mutex);
  Poco::JSON::Object::Ptr question = new Poco::JSON::Object;
  question->set("method", "elicitation/create");
  task->set_status(TaskStatus::input_required);
  task->input_requests.emplace_back("confirm", question);
  auto json = task->to_json(true);
  CHECK(json->getValue<std::string>("status") == "input_required");
  CHECK(json->getObject("inputRequests")->has("confirm"));

  task->result = new Poco::JSON::Object;
  task->result->set("isError", true);
  task->set_status(TaskStatus::completed);
  json = task->to_json(true);
  CHECK(json->getObject("result")->getValue<bool>("isError"));
  CHECK_FALSE(json->has("inputRequests"));
  CHECK_FALSE(json->has("error"));
  CHECK(task->input_requests.empty());
  CHECK(is_terminal(task->status));
  CHECK_FALSE(is_terminal(TaskStatus::input_required));
}

TEST_CASE("task store: limits per process and per client") {
  TaskLimits limits;
  limits.max_tasks = 3;
  limits.max_per_client = 2;
  TaskStore store(limits);
  std::string refusal;
  auto a = store.create("crm", refusal);
  auto b = store.create("crm", refusal);
  CHECK_FALSE(store.create("crm", refusal));
  CHECK(refusal.find("this client holds its maximum of 2 tasks") != std::string::npos);
  auto c = store.create("billing", refusal);
  REQUIRE(c);
  CHECK_FALSE(store.create("support", refusal));
  CHECK(refusal.find("maximum of 3 tasks") != std::string::npos);
  store.remove(a->id);
  CHECK(store.create("crm", refusal));
  CHECK(store.size() == 3);
}

TEST_CASE("task store: a task past its TTL is dropped and its run cancelled") {
  TaskLimits limits;
  limits.ttl = std::chrono::milliseconds(30);
  TaskStore store(limits);
  std::string refusal;
  auto task = store.create("crm", refusal);
  CHECK(store.find(task->id, "crm"));
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  CHECK_FALSE(store.find(task->id, "crm"));
  CHECK(task->cancel->cancelled());
  CHECK(store.size() == 0);
  CHECK(store.create("crm", refusal)); // the per-client count was released too
}

TEST_CASE("worker pool: a fixed number of threads runs every job") {
  std::atomic<int> done{0}, running{0}, most{0};
  {
    WorkerPool pool(2);
    for (int i = 0; i < 8; ++i)
      pool.submit([&] {
        int now = ++running;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        --running;
        ++done;
      });
    while (done < 8)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(done == 8);
  CHECK(most <= 2);
}
