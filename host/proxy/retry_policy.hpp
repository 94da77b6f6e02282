// When an attempt is retried, and how long to wait before the next one.
#pragma once

#include "target.hpp"

#include <config.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace actionhost::proxy::detail {

// GET, HEAD, OPTIONS, PUT, DELETE (and TRACE): repeating them does not repeat their effect.
bool idempotent(const std::string& method);

// 429 is retried for every method (the provider did not act on the request); the other
// statuses in on_status (5xx by default) only for idempotent methods unless
// retry_non_idempotent.
bool retries_status(int status, const std::string& method, const config::RetryConfig& retry);

// Network errors: idempotent methods only, unless retry_non_idempotent.
bool retries_network_error(const std::string& method, const config::RetryConfig& retry);

// The wait the provider asked for, if any: Retry-After (delta seconds or an HTTP date) and, for
// non-5xx statuses, the integration's rate_limit_reset_headers (epoch seconds, epoch
// milliseconds or delta seconds, told apart by magnitude, or an HTTP date). With several, the
// longest wins.
std::optional<std::chrono::milliseconds>
requested_wait(int status, const Pairs& headers, const config::RetryConfig& retry,
               std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// Exponential backoff with full jitter: uniform in [0, min(backoff_max, initial * 2^(n-1))],
// where n is the number of attempts made so far.
std::chrono::milliseconds backoff(int attempts_made, const config::RetryConfig& retry);

} // namespace actionhost::proxy::detail
