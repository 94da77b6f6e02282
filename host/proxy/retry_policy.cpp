// Retry decisions and waits.
#include "retry_policy.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <random>

namespace actionhost::proxy::detail {

bool idempotent(const std::string& method) {
  static const char* const methods[] = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"};
  return std::any_of(std::begin(methods), std::end(methods),
                     [&](const char* m) { return method == m; });
}

bool retries_status(int status, const std::string& method, const config::RetryConfig& retry) {
  if (std::find(retry.on_status.begin(), retry.on_status.end(), status) == retry.on_status.end())
    return false;
  return status == 429 || idempotent(method) || retry.retry_non_idempotent;
}

bool retries_network_error(const std::string& method, const config::RetryConfig& retry) {
  return idempotent(method) || retry.retry_non_idempotent;
}

namespace {

using std::chrono::milliseconds;
using SystemClock = std::chrono::system_clock;

std::optional<SystemClock::time_point> http_date(const std::string& text) {
  Poco::DateTime parsed;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse(text, parsed, tzd))
    return std::nullopt;
  parsed.makeUTC(tzd);
  return SystemClock::from_time_t(parsed.timestamp().epochTime());
}

std::optional<double> number(const std::string& text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(),
                                   [](unsigned char c) { return std::isdigit(c) || c == '.'; }))
    return std::nullopt;
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

milliseconds until(SystemClock::time_point when, SystemClock::time_point now) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(when - now));
}

milliseconds seconds(double s) {
  return milliseconds(static_cast<int64_t>(std::ceil(s * 1000)));
}

// Retry-After is delta seconds or an HTTP date.
std::optional<milliseconds> retry_after(const std::string& value, SystemClock::time_point now) {
  if (auto n = number(value))
    return seconds(*n);
  if (auto when = http_date(value))
    return until(*when, now);
  return std::nullopt;
}

// Reset headers come as epoch milliseconds, epoch seconds or delta seconds; past about 2001
// (1e9 s) a number is an epoch, and past 1e12 it is in milliseconds.
std::optional<milliseconds> reset_at(const std::string& value, SystemClock::time_point now) {
  if (auto n = number(value)) {
    if (*n >= 1e12)
      return until(SystemClock::time_point(milliseconds(static_cast<int64_t>(*n))), now);
    if (*n >= 1e9)
      return until(SystemClock::time_point(seconds(*n)), now);
    return seconds(*n);
  }
  if (auto when = http_date(value))
    return until(*when, now);
  return std::nullopt;
}

} // namespace

std::optional<milliseconds> requested_wait(int status, const Pairs& headers,
                                           const config::RetryConfig& retry,
                                           SystemClock::time_point now) {
  std::optional<milliseconds> longest;
  auto consider = [&](std::optional<milliseconds> wait) {
    if (wait && (!longest || *wait > *longest))
      longest = wait;
  };
  for (const auto& [name, value] : headers) {
    std::string n = lower(name);
    if (n == "retry-after")
      consider(retry_after(value, now));
    else if (status < 500)
      for (const auto& reset : retry.rate_limit_reset_headers)
        if (lower(reset) == n)
          consider(reset_at(value, now));
  }
  return longest;
}

milliseconds backoff(int attempts_made, const config::RetryConfig& retry) {
  double ceiling = static_cast<double>(retry.backoff_initial.count()) *
                   std::pow(2.0, std::max(0, attempts_made - 1));
  ceiling = std::min(ceiling, static_cast<double>(retry.backoff_max.count()));
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_real_distribution<double> pick(0.0, std::max(0.0, ceiling));
  return milliseconds(static_cast<int64_t>(pick(random)));
}

} // namespace actionhost::proxy::detail
