// The execution log: one row per tool call, one per proxy attempt, purged after the retention.
#include "sql_store.hpp"

#include <Poco/Data/Statement.h>
#include <Poco/Logger.h>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace actionhost::store {
namespace detail {
namespace {

constexpr auto kPurgeInterval = std::chrono::hours(1);

} // namespace

std::string SqlStore::begin_execution(const ExecutionStart& start) {
  purge_if_due();
  std::string id = random_hex(16);
  Poco::Int64 now_us = now_micros();
  std::string outcome = outcome_name(Outcome::Running);
  std::string empty;
  auto session = database_.session();
  *session << "INSERT INTO executions (id, integration_key, connection_id, action, key_id, "
              "key_name, started_at, duration_us, outcome, error) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
      bind(id), bind(start.connection.integration_key), bind(start.connection.connection_id),
      bind(start.action), bind(start.key_id), bind(start.key_name), bind(now_us), bind(outcome),
      bind(empty), now;
  *session << "UPDATE connections SET last_used_at = ? WHERE integration_key = ? AND "
              "connection_id = ?",
      bind(now_us), bind(start.connection.integration_key), bind(start.connection.connection_id),
      now;
  return id;
}

void SqlStore::finish_execution(const std::string& execution_id, Outcome outcome,
                                const std::string& error) {
  std::string name = outcome_name(outcome);
  Poco::Int64 now_us = now_micros();
  auto session = database_.session();
  *session << "UPDATE executions SET outcome = ?, error = ?, duration_us = ? - started_at "
              "WHERE id = ?",
      bind(name), bind(error), bind(now_us), bind(execution_id), now;
}

void SqlStore::record(const proxy::Attempt& attempt) {
  std::string id = random_hex(16);
  Poco::Int64 now_us = now_micros();
  Poco::Int64 number = attempt.attempt;
  Poco::Int64 status = attempt.status;
  Poco::Int64 duration = attempt.duration.count();
  try {
    auto session = database_.session();
    *session << "INSERT INTO attempts (id, execution_id, recorded_at, attempt, method, url, "
                "status, duration_us, retry_reason, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        bind(id), bind(attempt.execution_id), bind(now_us), bind(number), bind(attempt.method),
        bind(attempt.url), bind(status), bind(duration), bind(attempt.retry_reason),
        bind(attempt.error), now;
  } catch (const Poco::Exception& e) {
    // Losing a log line must not fail the provider call it describes.
    Poco::Logger::get("store").error("execution log: cannot record an attempt of execution " +
                                     attempt.execution_id + ": " + e.displayText());
  }
}

std::vector<Execution> SqlStore::list_executions(const ExecutionFilter& filter) {
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

void SqlStore::purge_if_due() {
  int64_t now_us = now_micros();
  int64_t due = next_purge_us_.load();
  if (now_us < due ||
      !next_purge_us_.compare_exchange_strong(
          due,
          now_us + std::chrono::duration_cast<std::chrono::microseconds>(kPurgeInterval).count()))
    return;
  purge_executions(Clock::now() - options_.execution_retention);
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
