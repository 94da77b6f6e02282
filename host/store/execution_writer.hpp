// Private to the store: the execution log's single writer. Tool calls come dozens at a time, and
// every SQLite commit takes the one database write lock and an fsync; callers committing their
// own rows queue on that lock (SQLite's busy handler sleeps milliseconds between tries), so at
// 64 concurrent calls the log, not the calls, would set the pace. Here every log write goes
// through one queue, and one writer at a time commits everything queued so far in one
// transaction: one fsync per batch however many calls it holds (group commit).
//
// The writer is whichever caller waiting for its row finds nobody writing (leader/follower, as
// in LevelDB's write group): it commits the batch on its own thread, hands the role to the first
// caller queued behind it, then wakes the callers whose rows it held. A dedicated writer thread
// would cost two context switches per batch and, among dozens of request threads on a few cores,
// wait for the scheduler before each one. The background thread only writes what nobody waits
// for (buffered rows, rows of long-running calls) and runs the purge.
//
// A call's row is written once, when it finishes, with its attempts (one fsync on the call's
// path, not three). A call still running after kRunningVisibleAfter is written as "running"
// then, and updated when it finishes, so `actionhost logs` shows slow and stuck calls.
// finish() returns only once its row is durable, so a response can be sent knowing its log
// entry is committed; in buffered mode (server.execution_log) it returns at once unless the
// queue is kMaxQueued deep.
#pragma once

#include "database.hpp"

#include <Poco/Event.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
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

  // `purge` runs on the background thread every `purge_interval`, holding the writer role, so it
  // never contends with a batch and no caller waits for it.
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
  // A caller waiting for its write: woken once it is committed (done) or once it is its turn
  // to write the next batch (lead). Lives on the caller's stack.
  struct Waiter {
    Poco::Event wake; // not std::binary_semaphore: libstdc++'s spins in sched_yield first
    std::atomic<bool> done{false}; // set (after failure) by the writer, then wake set
    bool lead = false;             // under mutex_
    std::string failure;
  };
  struct Write {
    enum class Kind { Row, Attempt, Finish, Barrier } kind = Kind::Barrier;
    std::string execution_id;
    Running row;              // Row: the call as begun, with the attempts made so far
    bool finished = false;    // Row, Finish
    Outcome outcome{};        // Row (when finished), Finish
    std::string error;        // Row (when finished), Finish
    int64_t finished_us = 0;  // Row (when finished), Finish
    Attempt attempt;          // Attempt
    Waiter* waiter = nullptr; // when a caller waits for it
  };

  void submit(Write write, bool wait = true); // under no lock
  void run();
  // Under mutex_ with writing_ held: writes everything queued as one batch, passes writing_ to the
  // first waiting caller still queued (or releases it), then wakes the batch's waiters.
  void lead(std::unique_lock<std::mutex>& lock, Waiter* self);
  static void settle(Write& write, const std::string& failure, std::vector<Waiter*>& settled);
  void queue_running_rows(bool all); // under mutex_: rows of calls running too long (or all)
  // Writes and settles every write of the batch (the settled ones' waiters are added to `settled`
  // and woken by the caller).
  void write_batch(std::vector<Write>& batch, std::vector<Waiter*>& settled);
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
  bool writing_ = false;          // someone is writing a batch: the only holder of lease_ below
  bool background_waits_ = false; // the background thread waits for writing_ to end
  bool stopping_ = false;

  // Whoever holds writing_: the writer's database connection, and when each connection's
  // last_used_at was last written.
  std::unique_ptr<SessionLease> lease_;
  std::map<std::pair<std::string, std::string>, int64_t> last_touched_;
  std::thread thread_; // background writes and purge; last: starts once everything above exists
};

} // namespace actionhost::store::detail
