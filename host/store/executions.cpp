// The execution log: one row per tool call, one per proxy attempt, purged after the retention.
#include "sql_store.hpp"

#include "execution_writer.hpp"

#include <Poco/Data/Statement.h>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace actionhost::store {
namespace detail {
namespace {

constexpr auto kPurgeInterval = std::chrono::hours(1);

} // namespace

std::string SqlStore::begin_execution(const ExecutionStart& start) {
  std::string id = time_ordered_id();
  writer_->begin(id, start, now_micros());
  return id;
}

void SqlStore::finish_execution(const std::string& execution_id, Outcome outcome,
                                const std::string& error) {
  writer_->finish(execution_id, outcome, error, now_micros(), !options_.buffered_execution_log);
}

void SqlStore::record(const proxy::Attempt& attempt) {
  writer_->attempt(attempt, now_micros());
}

void SqlStore::flush_execution_log() {
  writer_->flush();
}

std::vector<Execution> SqlStore::list_executions(const ExecutionFilter& filter) {
  flush_execution_log(); // this process's own calls, up to now, are in the answer
  auto session = database_.session();
  Statement select(*session);
  select << "SELECT id, integration_key, connection_id, action, key_id, key_name, started_at, "
            "duration_us, outcome, error FROM executions WHERE 1 = 1";
  if (filter.integration_key) {
    select << " AND integration_key = ?";
    select.addBind(bind(*filter.integration_key));
  }
  if (filter.connection_id) {
    select << " AND connection_id = ?";
    select.addBind(bind(*filter.connection_id));
  }
  if (filter.since) {
    select << " AND started_at >= ?";
    select.addBind(bind(static_cast<Poco::Int64>(to_micros(*filter.since))));
  }
  select << " ORDER BY started_at DESC, id LIMIT " << std::to_string(filter.limit);
  select.execute();
  RecordSet rows(select);
  std::vector<Execution> executions;
  for (size_t row = 0; row < rows.rowCount(); ++row) {
    Execution e;
    e.id = text_at(rows, 0, row);
    e.connection = {text_at(rows, 1, row), text_at(rows, 2, row)};
    e.action = text_at(rows, 3, row);
    e.key_id = text_at(rows, 4, row);
    e.key_name = text_at(rows, 5, row);
    e.started_at = from_micros(int_at(rows, 6, row));
    if (auto duration = optional_int_at(rows, 7, row))
      e.duration = std::chrono::microseconds(*duration);
    e.outcome = parse_outcome(text_at(rows, 8, row)).value_or(Outcome::ProtocolError);
    e.error = text_at(rows, 9, row);
    executions.push_back(std::move(e));
  }
  for (auto& execution : executions) {
    Statement attempts(*session);
    attempts << "SELECT attempt, method, url, status, duration_us, retry_reason, error "
                "FROM attempts WHERE execution_id = ? ORDER BY recorded_at, attempt",
        bind(execution.id);
    attempts.execute();
    RecordSet found(attempts);
    for (size_t row = 0; row < found.rowCount(); ++row) {
      proxy::Attempt a;
      a.execution_id = execution.id;
      a.attempt = static_cast<int>(int_at(found, 0, row));
      a.method = text_at(found, 1, row);
      a.url = text_at(found, 2, row);
      a.status = static_cast<int>(int_at(found, 3, row));
      a.duration = std::chrono::microseconds(int_at(found, 4, row));
      a.retry_reason = text_at(found, 5, row);
      a.error = text_at(found, 6, row);
      execution.attempts.push_back(std::move(a));
    }
  }
  return executions;
}

size_t SqlStore::purge_executions(TimePoint cutoff) {
  Poco::Int64 cutoff_us = to_micros(cutoff);
  auto session = database_.session();
  WriteTransaction transaction(*session, database_.dialect());
  Statement attempts(*session);
  attempts << "DELETE FROM attempts WHERE execution_id IN "
              "(SELECT id FROM executions WHERE started_at < ?) OR recorded_at < ?",
      bind(cutoff_us), bind(cutoff_us);
  attempts.execute();
  Statement executions(*session);
  executions << "DELETE FROM executions WHERE started_at < ?", bind(cutoff_us);
  size_t removed = executions.execute();
  transaction.commit();
  return removed;
}

void SqlStore::purge_expired() {
  purge_executions(Clock::now() - options_.execution_retention);
}

std::unique_ptr<ExecutionWriter> SqlStore::start_writer() {
  return std::make_unique<ExecutionWriter>(
      database_, [this] { purge_expired(); },
      std::chrono::duration_cast<std::chrono::milliseconds>(kPurgeInterval));
}

} // namespace detail

std::string outcome_name(Outcome outcome) {
  switch (outcome) {
  case Outcome::Running:
    return "running";
  case Outcome::Ok:
    return "ok";
  case Outcome::ToolError:
    return "tool_error";
  case Outcome::ProtocolError:
    return "protocol_error";
  case Outcome::Cancelled:
    return "cancelled";
  }
  return "protocol_error";
}

std::optional<Outcome> parse_outcome(std::string_view name) {
  for (auto outcome : {Outcome::Running, Outcome::Ok, Outcome::ToolError, Outcome::ProtocolError,
                       Outcome::Cancelled})
    if (outcome_name(outcome) == name)
      return outcome;
  return std::nullopt;
}

} // namespace actionhost::store
