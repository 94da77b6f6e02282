#include "execution_writer.hpp"

#include <algorithm>

#include <Poco/Data/Statement.h>
#include <Poco/Logger.h>

using namespace Poco::Data::Keywords;

namespace actionhost::store::detail {
namespace {

// last_used_at says when a connection was last used, to the minute: writing it on every call
// would add a row update to every call for a figure nobody reads to the second.
constexpr int64_t kTouchIntervalUs = 60'000'000;

} // namespace

ExecutionWriter::ExecutionWriter(Database& database, std::function<void()> purge,
                                 std::chrono::milliseconds purge_interval)
    : database_(database), purge_(std::move(purge)), purge_interval_(purge_interval),
      next_purge_(std::chrono::steady_clock::now() + purge_interval), thread_([this] { run(); }) {}

ExecutionWriter::~ExecutionWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void ExecutionWriter::begin(const std::string& execution_id, const ExecutionStart& start,
                            int64_t at_us) {
  std::lock_guard lock(mutex_);
  running_[execution_id] = {start, at_us, std::chrono::steady_clock::now(), {}};
}

void ExecutionWriter::attempt(const proxy::Attempt& attempt, int64_t at_us) {
  {
    std::lock_guard lock(mutex_);
    if (auto call = running_.find(attempt.execution_id); call != running_.end()) {
      call->second.attempts.push_back({attempt, at_us});
      return;
    }
    Write write;
    write.kind = Write::Kind::Attempt;
    write.execution_id = attempt.execution_id;
    write.attempt = {attempt, at_us};
    queue_.push_back(std::move(write));
  }
  wake_.notify_one();
}

void ExecutionWriter::finish(const std::string& execution_id, Outcome outcome,
                             const std::string& error, int64_t at_us, bool wait) {
  Write write;
  write.execution_id = execution_id;
  write.finished = true;
  write.outcome = outcome;
  write.error = error;
  write.finished_us = at_us;
  {
    std::lock_guard lock(mutex_);
    if (auto call = running_.find(execution_id); call != running_.end()) {
      write.kind = Write::Kind::Row; // the whole call in one row
      write.row = std::move(call->second);
      running_.erase(call);
    } else {
      write.kind = Write::Kind::Finish; // its running row is written or queued
    }
  }
  submit(std::move(write), wait);
}

void ExecutionWriter::flush() {
  Write barrier;
  {
    std::lock_guard lock(mutex_);
    queue_running_rows(true);
  }
  submit(std::move(barrier));
}

void ExecutionWriter::submit(Write write, bool wait) {
  Waiter self;
  std::unique_lock lock(mutex_);
  // Buffered writes wait too once the log is this far behind: the queue stays bounded (memory
  // flat) when calls come faster than the disk takes them.
  wait = wait || queue_.size() >= kMaxQueued;
  if (wait)
    write.waiter = &self;
  queue_.push_back(std::move(write));
  if (!wait) {
    // Nobody waits for it: the background thread writes it, unless a writer at work takes it.
    if (!writing_) {
      lock.unlock();
      wake_.notify_one();
    }
    return;
  }
  if (!writing_) {
    writing_ = true;
    self.lead = true;
  }
  for (;;) {
    if (self.lead) {
      lead(lock, &self); // its batch holds this caller's write
      break;
    }
    lock.unlock();
    self.wake.wait();
    // Committed: return without touching mutex_, which the writer may still hold.
    if (self.done.load(std::memory_order_acquire))
      break;
    lock.lock(); // woken to lead
  }
  if (!self.failure.empty())
    throw StoreError(self.failure);
}

void ExecutionWriter::settle(Write& write, const std::string& failure,
                             std::vector<Waiter*>& settled) {
  if (!write.waiter)
    return;
  Waiter* waiter = std::exchange(write.waiter, nullptr);
  waiter->failure = failure;
  waiter->done.store(true, std::memory_order_release);
  settled.push_back(waiter);
}

void ExecutionWriter::lead(std::unique_lock<std::mutex>& lock, Waiter* self) {
  // One batch: everything queued, which includes the leader's own write.
  std::vector<Write> batch(std::make_move_iterator(queue_.begin()),
                           std::make_move_iterator(queue_.end()));
  queue_.clear();
  std::vector<Waiter*> settled;
  if (!batch.empty()) {
    lock.unlock();
    write_batch(batch, settled);
    lock.lock();
  }
  // Pass the role on first, to the first caller waiting in the queue, so the next batch starts
  // before the callers of this one are woken (each of which may take the CPU from this thread);
  // with nobody waiting, leave what remains to the background thread.
  auto next = std::find_if(queue_.begin(), queue_.end(), [](const Write& w) { return w.waiter; });
  if (next != queue_.end()) {
    next->waiter->lead = true;
    next->waiter->wake.set();
  } else {
    writing_ = false;
    if (!queue_.empty() || background_waits_)
      wake_.notify_one();
  }
  if (settled.empty())
    return;
  lock.unlock();
  for (Waiter* waiter : settled)
    if (waiter != self)
      waiter->wake.set();
  lock.lock();
}

void ExecutionWriter::queue_running_rows(bool all) {
  auto due = std::chrono::steady_clock::now() - kRunningVisibleAfter;
  for (auto call = running_.begin(); call != running_.end();) {
    if (!all && call->second.begun > due) {
      ++call;
      continue;
    }
    Write write;
    write.kind = Write::Kind::Row;
    write.execution_id = call->first;
    write.row = std::move(call->second);
    queue_.push_back(std::move(write));
    call = running_.erase(call);
  }
}

void ExecutionWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    auto until = next_purge_;
    for (const auto& [id, call] : running_)
      until = std::min(until, call.begun + kRunningVisibleAfter);
    wake_.wait_until(lock, until, [this] { return stopping_ || (!writing_ && !queue_.empty()); });
    if (writing_) {
      // A caller is writing: take the role when it is done (it wakes this thread then).
      background_waits_ = true;
      wake_.wait(lock, [this] { return !writing_; });
      background_waits_ = false;
    }
    queue_running_rows(stopping_);
    writing_ = true;
    if (std::chrono::steady_clock::now() >= next_purge_) {
      next_purge_ = std::chrono::steady_clock::now() + purge_interval_;
      lock.unlock();
      try {
        purge_();
      } catch (const std::exception& e) {
        Poco::Logger::get("store").error(std::string("execution log: purge failed: ") + e.what());
      }
      lock.lock();
    }
    lead(lock, nullptr);
    if (stopping_ && queue_.empty() && !writing_)
      return;
  }
}

void ExecutionWriter::write_batch(std::vector<Write>& batch, std::vector<Waiter*>& settled) {
  auto report = [&settled](Write& write, const std::string& failure) {
    if (!write.waiter && !failure.empty())
      Poco::Logger::get("store").error(failure);
    settle(write, failure, settled);
  };
  try {
    // The writer keeps one database connection (a lease from the pool) for its lifetime rather
    // than taking one per batch; it is dropped after an error, and the next batch leases anew.
    if (!lease_)
      lease_ = std::make_unique<SessionLease>(database_);
    auto& session = *lease_;
    try {
      std::vector<const Write*> all;
      for (const auto& write : batch)
        all.push_back(&write);
      write_all(*session, all);
      for (auto& write : batch)
        settle(write, "", settled);
    } catch (const Poco::Exception&) {
      // One write the database refuses must not take the rest of the batch with it: write each
      // alone, so only that one fails.
      for (auto& write : batch) {
        try {
          write_all(*session, {&write});
          settle(write, "", settled);
        } catch (const Poco::Exception& e) {
          report(write, "execution log: cannot record execution " + write.execution_id + ": " +
                            e.displayText());
        }
      }
    }
  } catch (const std::exception& e) {
    lease_.reset();
    std::string failure = std::string("execution log: cannot reach the database: ") + e.what();
    if (const auto* poco = dynamic_cast<const Poco::Exception*>(&e))
      failure = "execution log: cannot reach the database: " + poco->displayText();
    Poco::Logger::get("store").error(failure);
    for (auto& write : batch)
      settle(write, failure, settled);
  }
}

namespace {

// The rows of one table, column by column: one statement binds them all, so SQLite parses the
// SQL once per batch rather than once per row (at a few dozen rows a batch, parsing and Poco's
// per-statement setup would otherwise cost more than the rows themselves).
struct ExecutionRows {
  std::vector<std::string> id, integration, connection, action, key_id, key_name, outcome, error;
  std::vector<Poco::Int64> started, duration;

  void add(const std::string& execution_id, const ExecutionStart& start, int64_t started_us,
           Outcome result, const std::string& failure, int64_t duration_us) {
    id.push_back(execution_id);
    integration.push_back(start.connection.integration_key);
    connection.push_back(start.connection.connection_id);
    action.push_back(start.action);
    key_id.push_back(start.key_id);
    key_name.push_back(start.key_name);
    outcome.push_back(outcome_name(result));
    error.push_back(failure);
    started.push_back(started_us);
    duration.push_back(duration_us);
  }
  // duration_us is NULL while a call runs.
  void insert(Poco::Data::Session& session, bool finished) {
    if (id.empty())
      return;
    std::string sql = "INSERT INTO executions (id, integration_key, connection_id, action, key_id, "
                      "key_name, started_at, outcome, error, duration_us) VALUES (?, ?, ?, ?, ?, "
                      "?, ?, ?, ?, ";
    Poco::Data::Statement statement(session);
    statement << sql + (finished ? "?)" : "NULL)"), use(id), use(integration), use(connection),
        use(action), use(key_id), use(key_name), use(started), use(outcome), use(error);
    if (finished)
      statement, use(duration);
    statement.execute();
  }
};

struct AttemptRows {
  std::vector<std::string> id, execution_id, method, url, retry_reason, error;
  std::vector<Poco::Int64> recorded, attempt, status, duration;

  void add(const std::string& execution, const proxy::Attempt& made, int64_t at_us) {
    id.push_back(time_ordered_id());
    execution_id.push_back(execution);
    method.push_back(made.method);
    url.push_back(made.url);
    retry_reason.push_back(made.retry_reason);
    error.push_back(made.error);
    recorded.push_back(at_us);
    attempt.push_back(made.attempt);
    status.push_back(made.status);
    duration.push_back(made.duration.count());
  }
  void insert(Poco::Data::Session& session) {
    if (id.empty())
      return;
    session << "INSERT INTO attempts (id, execution_id, recorded_at, attempt, method, url, "
               "status, duration_us, retry_reason, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        use(id), use(execution_id), use(recorded), use(attempt), use(method), use(url), use(status),
        use(duration), use(retry_reason), use(error), now;
  }
};

struct FinishRows {
  std::vector<std::string> id, outcome, error;
  std::vector<Poco::Int64> finished;

  void update(Poco::Data::Session& session) {
    if (id.empty())
      return;
    session << "UPDATE executions SET outcome = ?, error = ?, duration_us = ? - started_at "
               "WHERE id = ?",
        use(outcome), use(error), use(finished), use(id), now;
  }
};

} // namespace

// In one transaction: the rows first, then the updates of rows written as running before.
void ExecutionWriter::write_all(Poco::Data::Session& session,
                                const std::vector<const Write*>& writes) {
  ExecutionRows finished, running;
  AttemptRows attempts;
  FinishRows finishes;
  std::vector<const Write*> rows;
  for (const Write* write : writes) {
    switch (write->kind) {
    case Write::Kind::Row: {
      const auto& row = write->row;
      if (write->finished)
        finished.add(write->execution_id, row.start, row.started_us, write->outcome, write->error,
                     write->finished_us - row.started_us);
      else
        running.add(write->execution_id, row.start, row.started_us, Outcome::Running, "", 0);
      for (const auto& made : row.attempts)
        attempts.add(write->execution_id, made.attempt, made.at_us);
      rows.push_back(write);
      break;
    }
    case Write::Kind::Attempt:
      attempts.add(write->execution_id, write->attempt.attempt, write->attempt.at_us);
      break;
    case Write::Kind::Finish:
      finishes.id.push_back(write->execution_id);
      finishes.outcome.push_back(outcome_name(write->outcome));
      finishes.error.push_back(write->error);
      finishes.finished.push_back(write->finished_us);
      break;
    case Write::Kind::Barrier:
      break;
    }
  }
  if (finished.id.empty() && running.id.empty() && attempts.id.empty() && finishes.id.empty())
    return;
  WriteTransaction transaction(session, database_.dialect());
  finished.insert(session, true);
  running.insert(session, false);
  attempts.insert(session);
  finishes.update(session);
  for (const Write* write : rows)
    if (!write->row.start.connection.connection_id.empty())
      touch_connection(session, write->row.start.connection, write->row.started_us);
  transaction.commit();
}

void ExecutionWriter::touch_connection(Poco::Data::Session& session,
                                       const ConnectionRef& connection, int64_t at) {
  auto key = std::make_pair(connection.integration_key, connection.connection_id);
  auto last = last_touched_.find(key);
  if (last != last_touched_.end() && at - last->second < kTouchIntervalUs)
    return;
  Poco::Int64 used = at;
  session << "UPDATE connections SET last_used_at = ? WHERE integration_key = ? AND "
             "connection_id = ?",
      use(used), useRef(connection.integration_key), useRef(connection.connection_id), now;
  last_touched_[key] = at;
}

} // namespace actionhost::store::detail
