// `actionhost logs`: the execution log, one tool call per entry with its proxy attempts, and
// `logs purge` for the retention period.
#include "commands.hpp"
#include "options.hpp"
#include "store_access.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <charconv>
#include <iostream>

namespace actionhost::cli {
namespace {

// "90s", "15m", "12h", "30d"; nullopt otherwise.
std::optional<std::chrono::seconds> parse_age(const std::string& text) {
  if (text.size() < 2)
    return std::nullopt;
  long count = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, count);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || count < 0)
    return std::nullopt;
  switch (text.back()) {
  case 's':
    return std::chrono::seconds(count);
  case 'm':
    return std::chrono::minutes(count);
  case 'h':
    return std::chrono::hours(count);
  case 'd':
    return std::chrono::hours(24 * count);
  }
  return std::nullopt;
}

// An ISO 8601 time, or an age ("1h": an hour ago).
std::optional<store::TimePoint> parse_since(const std::string& text) {
  if (auto age = parse_age(text))
    return store::Clock::now() - *age;
  Poco::DateTime parsed;
  int zone = 0;
  if (!Poco::DateTimeParser::tryParse(text, parsed, zone))
    return std::nullopt;
  parsed.makeUTC(zone);
  return store::TimePoint(std::chrono::microseconds(parsed.timestamp().epochMicroseconds()));
}

std::string format_duration(std::chrono::microseconds duration) {
  auto ms = duration.count() / 1000.0;
  char text[32];
  std::snprintf(text, sizeof text, ms < 10 ? "%.1fms" : "%.0fms", ms);
  return text;
}

Poco::JSON::Object::Ptr to_json(const store::Execution& e) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", e.id);
  o->set("integration", e.connection.integration_key);
  o->set("connection_id", e.connection.connection_id);
  o->set("action", e.action);
  o->set("key_id", e.key_id);
  o->set("key_name", e.key_name);
  o->set("started_at", format_time(e.started_at));
  if (e.duration)
    o->set("duration_us", static_cast<Poco::Int64>(e.duration->count()));
  o->set("outcome", store::outcome_name(e.outcome));
  if (!e.error.empty())
    o->set("error", e.error);
  Poco::JSON::Array::Ptr attempts = new Poco::JSON::Array;
  for (const auto& a : e.attempts) {
    Poco::JSON::Object::Ptr attempt = new Poco::JSON::Object;
    attempt->set("attempt", a.attempt);
    attempt->set("method", a.method);
    attempt->set("url", a.url);
    attempt->set("status", a.status);
    attempt->set("duration_us", static_cast<Poco::Int64>(a.duration.count()));
    if (!a.retry_reason.empty())
      attempt->set("retry_reason", a.retry_reason);
    if (!a.error.empty())
      attempt->set("error", a.error);
    attempts->add(attempt);
  }
  o->set("attempts", attempts);
  return o;
}

void print_text(const store::Execution& e) {
  std::cout << format_time(e.started_at) << "  " << e.connection.integration_key << "/"
            << e.connection.connection_id << "  " << e.action << "  "
            << store::outcome_name(e.outcome);
  if (e.duration)
    std::cout << "  " << format_duration(*e.duration);
  std::cout << "  key " << (e.key_name.empty() ? "-" : e.key_name) << "  id " << e.id << "\n";
  if (!e.error.empty())
    std::cout << "    error: " << e.error << "\n";
  for (const auto& a : e.attempts) {
    std::cout << "    #" << a.attempt << " " << a.method << " " << a.url << " -> "
              << (a.status ? std::to_string(a.status) : "no response") << " "
              << format_duration(a.duration);
    if (!a.retry_reason.empty())
      std::cout << "  retried: " << a.retry_reason;
    if (!a.error.empty())
      std::cout << "  error: " << a.error;
    std::cout << "\n";
  }
}

int logs_show(const Args& args) {
  CommandSpec spec;
  spec.name = "logs";
  spec.description = "Prints the execution log, newest first: each tool call's connection, "
                     "action, caller key, outcome and duration, and the proxy's attempts.";
  add_value_option(spec, "connection", "ID", "Only calls on this connection id.");
  add_value_option(spec, "integration", "KEY", "Only calls on this integration.");
  add_value_option(spec, "since", "TIME|AGE",
                   "Only calls started since an ISO 8601 time or an age (90s, 15m, 12h, 30d).");
  add_value_option(spec, "limit", "N", "At most N calls (default 50).");
  add_flag(spec, "json", "Print a JSON array.");
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  store::ExecutionFilter filter;
  if (parsed->has("connection"))
    filter.connection_id = parsed->get("connection");
  if (parsed->has("integration"))
    filter.integration_key = parsed->get("integration");
  if (parsed->has("since")) {
    filter.since = parse_since(parsed->get("since"));
    if (!filter.since) {
      std::cerr << "actionhost logs: --since: expected an ISO 8601 time or an age like 12h, got '"
                << parsed->get("since") << "'\n";
      return kExitUsage;
    }
  }
  if (parsed->has("limit")) {
    std::string text = parsed->get("limit");
    size_t limit = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc() || end != text.data() + text.size() || limit == 0) {
      std::cerr << "actionhost logs: --limit: expected a positive integer, got '" << text << "'\n";
      return kExitUsage;
    }
    filter.limit = limit;
  }
  auto executions = open_cli_store(*parsed, false)->list_executions(filter);
  if (parsed->has("json")) {
    Poco::JSON::Array array;
    for (const auto& e : executions)
      array.add(to_json(e));
    array.stringify(std::cout, 2);
    std::cout << "\n";
    return kExitOk;
  }
  for (const auto& e : executions)
    print_text(e);
  if (executions.empty())
    std::cerr << "no executions recorded"
              << (filter.connection_id || filter.integration_key || filter.since
                      ? " matching the filters"
                      : "")
              << "\n";
  return kExitOk;
}

int logs_purge(const Args& args) {
  CommandSpec spec;
  spec.name = "logs purge";
  spec.description = "Deletes executions (and their attempts) older than the retention period. "
                     "A running server also purges about hourly.";
  add_value_option(spec, "older-than", "AGE", "The retention: 90s, 15m, 12h, 30d (default 30d).");
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto age = parse_age(parsed->get("older-than", "30d"));
  if (!age) {
    std::cerr << "actionhost logs purge: --older-than: expected an age like 30d, got '"
              << parsed->get("older-than") << "'\n";
    return kExitUsage;
  }
  auto removed = open_cli_store(*parsed, false)->purge_executions(store::Clock::now() - *age);
  std::cout << "purged " << removed << (removed == 1 ? " execution" : " executions") << "\n";
  return kExitOk;
}

} // namespace

int logs_command(const Args& args) {
  if (!args.empty() && args[0] == "purge")
    return logs_purge(Args(args.begin() + 1, args.end()));
  return logs_show(args);
}

} // namespace actionhost::cli
