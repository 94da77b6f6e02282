// Private to the store: the execution log's single writer. Tool calls come dozens at a time, and
// every SQLite commit takes the one database write lock and an fsync; callers committing their
// own rows queue on that lock (SQLite's busy handler sleeps milliseconds between tries), so at
// 64 concurrent calls the log, not the calls, would set the pace. Here every log write goes
// through one queue and one thread that commits everything queued so far in one transaction:
// one fsync per batch however many calls it holds (group commit).
//
// A call's row is written once, when it finishes, with its attempts (one fsync on the call's
// path, not three). A call still running after kRunningVisibleAfter is written as "running"
// then, and updated when it finishes, so `actionhost logs` shows slow and stuck calls.
// finish() returns only once its row is durable, so a response can be sent knowing its log
// entry is committed; in buffered mode (server.execution_log) it returns at once unless the
// queue is kMaxQueued deep.
#pragma once

#include "database.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace actionhost::store::detail {

class ExecutionWriter {
public:
  static constexpr std::chrono::milliseconds kRunningVisibleAfter{1000};
  static constexpr size_t kMaxQueued = 512; // writes queued before buffered callers wait too

  // `purge` runs on the writer's thread every `purge_interval`, between batches, so no caller
  // ever waits for it.
  ExecutionWriter(Database& database, std::function<void()> purge,
                  std::chrono::milliseconds purge_interval);
  ~ExecutionWriter(); // writes everything still pending or queued, then stops

  // Return at once. Failures are logged: the log must never fail the call it describes.
  void begin(const std::string& execution_id, const ExecutionStart& start, int64_t at_us);
  void attempt(const proxy::Attempt& attempt, int64_t at_us);
  // Returns once the finished row is committed (throws StoreError when it could not be), or at
  // once with `wait` false (buffered mode: a failure is then only logged).
  void finish(const std::string& execution_id, Outcome outcome, const std::string& error,
              int64_t at_us, bool wait = true);
  // Returns once every call begun so far has its row (running or finished) committed.
  void flush();

private:
  struct Attempt {
    proxy::Attempt attempt;
    int64_t at_us = 0;
  };
  struct Running { // begun, no row written yet
    ExecutionStart start;
    int64_t started_us = 0;
    std::chrono::steady_clock::time_point begun;
    std::vector<Attempt> attempts;
  };
  struct Write {
    enum class Kind { Row, Attempt, Finish, Barrier } kind = Kind::Barrier;
    std::string execution_id;
    Running row;             // Row: the call as begun, with the attempts made so far
    bool finished = false;   // Row, Finish
    Outcome outcome{};       // Row (when finished), Finish
    std::string error;       // Row (when finished), Finish
    int64_t finished_us = 0; // Row (when finished), Finish
    Attempt attempt;         // Attempt
    std::shared_ptr<std::promise<void>> done; // when a caller waits for it
  };

  void submit(Write write, bool wait = true); // under no lock
  void run();
  void queue_running_rows(bool all); // under mutex_: rows of calls running too long (or all)
  void write_batch(std::vector<Write>& batch);
  void write_all(Poco::Data::Session& session, const std::vector<const Write*>& writes);
  void touch_connection(Poco::Data::Session& session, const ConnectionRef& connection, int64_t at);

  Database& database_;
  std::function<void()> purge_;
  std::chrono::milliseconds purge_interval_;
  std::chrono::steady_clock::time_point next_purge_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Write> queue_;
  std::unordered_map<std::string, Running> running_;
  bool stopping_ = false;

  // Writer thread only: its database connection, and when each connection's last_used_at was
  // last written.
  std::unique_ptr<SessionLease> lease_;
  std::map<std::pair<std::string, std::string>, int64_t> last_touched_;
  std::thread thread_; // last: starts once everything above exists
};

} // namespace actionhost::store::detail
