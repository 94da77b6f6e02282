// The execution log: each tool call with its caller, outcome, duration and proxy attempts,
// filtered for reading, purged after the retention period.
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

using namespace actionhost::store;
using namespace actionhost::store::testing;
using namespace Poco::Data::Keywords;

namespace {
ExecutionStart call(const std::string& integration, const std::string& connection,
                    const std::string& action) {
  return {{integration, connection}, action, "0123456789abcdef", "ci"};
}
} // namespace

TEST_CASE("a tool call is logged with its attempts and outcome", "[store][logs]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "k"));
  std::string id = f.store->begin_execution(call("slack", "acme", "send_message"));

  actionhost::proxy::AttemptSink& sink = *f.store; // what the proxy is given
  sink.record({id, "POST", "https://slack.com/api/chat.postMessage", 429,
               std::chrono::milliseconds(12), 1, "429", ""});
  sink.record({id, "POST", "https://slack.com/api/chat.postMessage", 200,
               std::chrono::milliseconds(30), 2, "", ""});
  f.store->finish_execution(id, Outcome::Ok);

  auto log = f.store->list_executions({});
  REQUIRE(log.size() == 1);
  const auto& e = log[0];
  CHECK(e.id == id);
  CHECK(e.connection == ConnectionRef{"slack", "acme"});
  CHECK(e.action == "send_message");
  CHECK(e.key_name == "ci");
  CHECK(e.outcome == Outcome::Ok);
  REQUIRE(e.duration);
  CHECK(e.duration->count() >= 0);
  REQUIRE(e.attempts.size() == 2);
  CHECK(e.attempts[0].attempt == 1);
  CHECK(e.attempts[0].status == 429);
  CHECK(e.attempts[0].retry_reason == "429");
  CHECK(e.attempts[0].duration == std::chrono::milliseconds(12));
  CHECK(e.attempts[1].status == 200);

  // Running the call marked the connection as used.
  CHECK(f.store->find_connection({"slack", "acme"})->last_used_at);
}

TEST_CASE("an unfinished call shows as running, failures keep their outcome and reason",
          "[store][logs]") {
  StoreFixture f;
  std::string running = f.store->begin_execution(call("slack", "acme", "a"));
  std::string failed = f.store->begin_execution(call("slack", "acme", "b"));
  f.store->finish_execution(failed, Outcome::ToolError, "channel_not_found");
  std::string cancelled = f.store->begin_execution(call("slack", "acme", "c"));
  f.store->finish_execution(cancelled, Outcome::Cancelled);

  std::map<std::string, Execution> by_id;
  for (auto& e : f.store->list_executions({}))
    by_id[e.id] = e;
  CHECK(by_id[running].outcome == Outcome::Running);
  CHECK_FALSE(by_id[running].duration);
  CHECK(by_id[failed].outcome == Outcome::ToolError);
  CHECK(by_id[failed].error == "channel_not_found");
  CHECK(by_id[cancelled].outcome == Outcome::Cancelled);
}

TEST_CASE("the log filters by integration, connection and time, newest first", "[store][logs]") {
  StoreFixture f;
  f.store->begin_execution(call("slack", "acme", "first"));
  f.store->begin_execution(call("slack", "globex", "second"));
  // Times are stored to the microsecond: keep the calls apart from `middle` by more than that.
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto middle = Clock::now();
  std::this_thread::sleep_for(std::chrono::milliseconds(1));
  f.store->begin_execution(call("github", "acme", "third"));

  auto all = f.store->list_executions({});
  REQUIRE(all.size() == 3);
  CHECK(all[0].action == "third");
  CHECK(all[2].action == "first");

  ExecutionFilter slack;
  slack.integration_key = "slack";
  CHECK(f.store->list_executions(slack).size() == 2);
  ExecutionFilter acme;
  acme.connection_id = "acme";
  CHECK(f.store->list_executions(acme).size() == 2);
  ExecutionFilter recent;
  recent.since = middle;
  CHECK(f.store->list_executions(recent).size() == 1);
  ExecutionFilter one;
  one.limit = 1;
  CHECK(f.store->list_executions(one).size() == 1);
}

TEST_CASE("executions older than the retention are purged with their attempts", "[store][logs]") {
  StoreFixture f;
  std::string old_id = f.store->begin_execution(call("slack", "acme", "old"));
  f.store->record({old_id, "GET", "https://x", 200, {}, 1, "", ""});
  f.store->flush_execution_log(); // begin and record only queue their rows
  {
    auto session = f.raw(); // pretend it ran 40 days ago
    Poco::Int64 long_ago = std::chrono::duration_cast<std::chrono::microseconds>(
                               (Clock::now() - std::chrono::hours(24 * 40)).time_since_epoch())
                               .count();
    session << "UPDATE executions SET started_at = ?", use(long_ago), now;
    session << "UPDATE attempts SET recorded_at = ?", use(long_ago), now;
  }
  f.store->begin_execution(call("slack", "acme", "new"));

  CHECK(f.store->purge_executions(Clock::now() - std::chrono::hours(24 * 30)) == 1);
  auto left = f.store->list_executions({});
  REQUIRE(left.size() == 1);
  CHECK(left[0].action == "new");
  Poco::Int64 attempts = -1;
  f.raw() << "SELECT COUNT(*) FROM attempts", into(attempts), now;
  CHECK(attempts == 0);
}

TEST_CASE("opening the store purges by the configured retention", "[store][logs]") {
  StoreFixture f;
  f.store->begin_execution(call("slack", "acme", "old"));
  f.store->flush_execution_log();
  f.raw() << "UPDATE executions SET started_at = 0", now;
  f.store.reset();
  StoreOptions options;
  options.data_dir = f.data_dir;
  options.vault = vault_with({f.key});
  options.execution_retention = std::chrono::hours(1);
  f.store = open_store(options);
  CHECK(f.store->list_executions({}).empty());
}

TEST_CASE("calls logged from many threads at once are all there, each committed when finish "
          "returns",
          "[store][logs]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "k"));
  constexpr int kThreads = 16, kCalls = 40;
  std::atomic<int> unseen{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&f, &unseen, t] {
      for (int i = 0; i < kCalls; ++i) {
        std::string id = f.store->begin_execution(call("slack", "acme", "t" + std::to_string(t)));
        f.store->record({id, "GET", "https://slack.com/api/x", 200, {}, 1, "", ""});
        f.store->finish_execution(id, Outcome::Ok);
        // Another database connection sees the finished row: it is committed, not just queued.
        std::string outcome;
        f.raw() << "SELECT outcome FROM executions WHERE id = ?", bind(id), into(outcome), now;
        if (outcome != "ok")
          ++unseen;
      }
    });
  for (auto& thread : threads)
    thread.join();
  CHECK(unseen == 0);

  ExecutionFilter everything;
  everything.limit = kThreads * kCalls + 10;
  auto log = f.store->list_executions(everything);
  CHECK(log.size() == kThreads * kCalls);
  for (const auto& e : log) {
    CHECK(e.outcome == Outcome::Ok);
    CHECK(e.attempts.size() == 1);
  }
}

TEST_CASE("a connection's last use is written at most once a minute", "[store][logs]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "k"));
  f.store->finish_execution(f.store->begin_execution(call("slack", "acme", "a")), Outcome::Ok);
  auto first = f.store->find_connection({"slack", "acme"})->last_used_at;
  REQUIRE(first);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  f.store->finish_execution(f.store->begin_execution(call("slack", "acme", "b")), Outcome::Ok);
  CHECK(f.store->find_connection({"slack", "acme"})->last_used_at == first);
}

TEST_CASE("buffered: finish returns before the row is committed, which follows with the next "
          "batch",
          "[store][logs]") {
  StoreFixture f;
  StoreOptions options;
  options.data_dir = f.data_dir;
  options.vault = vault_with({f.key});
  options.buffered_execution_log = true;
  f.store.reset();
  f.store = open_store(options);
  std::string id = f.store->begin_execution(call("slack", "acme", "a"));
  f.store->finish_execution(id, Outcome::Ok);
  f.store->flush_execution_log();
  auto log = f.store->list_executions({});
  REQUIRE(log.size() == 1);
  CHECK(log[0].id == id);
  CHECK(log[0].outcome == Outcome::Ok);

  // Closing the store commits what is still queued.
  std::string last = f.store->begin_execution(call("slack", "acme", "b"));
  f.store->finish_execution(last, Outcome::ToolError, "boom");
  f.store.reset();
  std::string outcome;
  f.raw() << "SELECT outcome FROM executions WHERE id = ?", bind(last), into(outcome), now;
  CHECK(outcome == "tool_error");
}

TEST_CASE("buffered: calls coming faster than the log commits them wait past the queue bound, and "
          "every row lands",
          "[store][logs]") {
  StoreFixture f;
  StoreOptions options;
  options.data_dir = f.data_dir;
  options.vault = vault_with({f.key});
  options.buffered_execution_log = true;
  f.store.reset();
  f.store = open_store(options);
  // Far more calls than the queue holds (512), so callers take turns committing batches with the
  // background writer. A liveness bound, not a speed target: no caller may be left waiting for a
  // batch that was committed long ago.
  constexpr int kThreads = 16, kCalls = 250;
  std::atomic<long long> slowest_ms{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&f, &slowest_ms, t] {
      for (int i = 0; i < kCalls; ++i) {
        std::string id = f.store->begin_execution(call("slack", "acme", "t" + std::to_string(t)));
        auto start = std::chrono::steady_clock::now();
        f.store->finish_execution(id, Outcome::Ok);
        long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
        for (long long seen = slowest_ms; ms > seen && !slowest_ms.compare_exchange_weak(seen, ms);)
          ;
      }
    });
  for (auto& thread : threads)
    thread.join();
  CHECK(slowest_ms < 5000);
  f.store->flush_execution_log();
  Poco::Int64 rows = 0;
  f.raw() << "SELECT COUNT(*) FROM executions WHERE outcome = 'ok'", into(rows), now;
  CHECK(rows == kThreads * kCalls);
}
