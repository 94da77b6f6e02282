#include "execution_writer.hpp"

#include <Poco/Data/Statement.h>
#include <Poco/Logger.h>

using namespace Poco::Data::Keywords;

namespace actionhost::store::detail {
namespace {

// last_used_at says when a connection was last used, to the minute: writing it on every call
// would add a row update to every call for a figure nobody reads to the second.
constexpr int64_t kTouchIntervalUs = 60'000'000;

void settle(std::shared_ptr<std::promise<void>>& done, const std::string& failure) {
  if (!done)
    return;
  if (failure.empty())
    done->set_value();
  else
    done->set_exception(std::make_exception_ptr(StoreError(failure)));
  done.reset();
}

void insert_attempt(Poco::Data::Session& session, const std::string& execution_id,
                    const proxy::Attempt& attempt, int64_t at_us) {
  std::string id = random_hex(16);
  Poco::Int64 recorded = at_us;
  Poco::Int64 number = attempt.attempt;
  Poco::Int64 status = attempt.status;
  Poco::Int64 duration = attempt.duration.count();
  session << "INSERT INTO attempts (id, execution_id, recorded_at, attempt, method, url, "
             "status, duration_us, retry_reason, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      use(id), useRef(execution_id), use(recorded), use(number), useRef(attempt.method),
      useRef(attempt.url), use(status), use(duration), useRef(attempt.retry_reason),
      useRef(attempt.error), now;
}

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
                             const std::string& error, int64_t at_us) {
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
  submit(std::move(write));
}

void ExecutionWriter::flush() {
  Write barrier;
  {
    std::lock_guard lock(mutex_);
    queue_running_rows(true);
  }
  submit(std::move(barrier));
}

void ExecutionWriter::submit(Write write) {
  write.done = std::make_shared<std::promise<void>>();
  auto committed = write.done->get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(write));
  }
  wake_.notify_one();
  committed.get();
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
  std::vector<Write> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      auto until = next_purge_;
      for (const auto& [id, call] : running_)
        until = std::min(until, call.begun + kRunningVisibleAfter);
      wake_.wait_until(lock, until, [this] { return stopping_ || !queue_.empty(); });
      queue_running_rows(stopping_);
      if (queue_.empty() && stopping_)
        return;
      batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
      queue_.clear();
    }
    if (std::chrono::steady_clock::now() >= next_purge_) {
      next_purge_ = std::chrono::steady_clock::now() + purge_interval_;
      try {
        purge_();
      } catch (const std::exception& e) {
        Poco::Logger::get("store").error(std::string("execution log: purge failed: ") + e.what());
      }
    }
    if (!batch.empty())
      write_batch(batch);
    batch.clear();
  }
}

void ExecutionWriter::write_batch(std::vector<Write>& batch) {
  auto report = [](Write& write, const std::string& failure) {
    if (!write.done && !failure.empty())
      Poco::Logger::get("store").error(failure);
    settle(write.done, failure);
  };
  try {
    auto session = database_.session();
    try {
      WriteTransaction transaction(*session, database_.dialect());
      for (const auto& write : batch)
        write_one(*session, write);
      transaction.commit();
      for (auto& write : batch)
        settle(write.done, "");
    } catch (const Poco::Exception&) {
      // One write the database refuses must not take the rest of the batch with it: write each
      // alone, so only that one fails.
      for (auto& write : batch) {
        try {
          WriteTransaction transaction(*session, database_.dialect());
          write_one(*session, write);
          transaction.commit();
          settle(write.done, "");
        } catch (const Poco::Exception& e) {
          report(write, "execution log: cannot record execution " + write.execution_id + ": " +
                            e.displayText());
        }
      }
    }
  } catch (const std::exception& e) {
    std::string failure = std::string("execution log: cannot reach the database: ") + e.what();
    if (const auto* poco = dynamic_cast<const Poco::Exception*>(&e))
      failure = "execution log: cannot reach the database: " + poco->displayText();
    Poco::Logger::get("store").error(failure);
    for (auto& write : batch)
      settle(write.done, failure);
  }
}

void ExecutionWriter::write_one(Poco::Data::Session& session, const Write& write) {
  switch (write.kind) {
  case Write::Kind::Row: {
    const auto& start = write.row.start;
    std::string outcome = outcome_name(write.finished ? write.outcome : Outcome::Running);
    Poco::Int64 started = write.row.started_us;
    Poco::Int64 duration = write.finished_us - write.row.started_us;
    Poco::Data::Statement insert(session);
    // duration_us stays NULL while the call runs.
    insert << std::string("INSERT INTO executions (id, integration_key, connection_id, action, "
                          "key_id, key_name, started_at, outcome, error, duration_us) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ") +
                  (write.finished ? "?)" : "NULL)"),
        useRef(write.execution_id), useRef(start.connection.integration_key),
        useRef(start.connection.connection_id), useRef(start.action), useRef(start.key_id),
        useRef(start.key_name), use(started), use(outcome), useRef(write.error);
    if (write.finished)
      insert, use(duration);
    insert.execute();
    for (const auto& made : write.row.attempts)
      insert_attempt(session, write.execution_id, made.attempt, made.at_us);
    if (!start.connection.connection_id.empty())
      touch_connection(session, start.connection, write.row.started_us);
    break;
  }
  case Write::Kind::Attempt:
    insert_attempt(session, write.execution_id, write.attempt.attempt, write.attempt.at_us);
    break;
  case Write::Kind::Finish: {
    std::string outcome = outcome_name(write.outcome);
    Poco::Int64 finished = write.finished_us;
    session << "UPDATE executions SET outcome = ?, error = ?, duration_us = ? - started_at "
               "WHERE id = ?",
        use(outcome), useRef(write.error), use(finished), useRef(write.execution_id), now;
    break;
  }
  case Write::Kind::Barrier:
    break;
  }
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
