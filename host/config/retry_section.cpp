#include "keys.hpp"
#include "sections.hpp"

namespace actionhost::config::detail {

namespace {
std::optional<long long> read_status(const Context& ctx, const Field& field) {
  return read_int(ctx, field, 100, 599);
}
} // namespace

RetryConfig read_retry(const Context& ctx, const Field& field) {
  RetryConfig retry;
  Section section(ctx, field, kRetryKeys);
  if (auto attempts = section.get("max_attempts"))
    retry.max_attempts = static_cast<int>(read_int(ctx, *attempts, 1, 10).value_or(3));
  if (auto statuses = section.get("on_status")) {
    retry.on_status.clear();
    if (auto codes = read_list(ctx, *statuses, "a list of HTTP status codes", read_status))
      retry.on_status.assign(codes->begin(), codes->end());
  }
  if (auto flag = section.get("retry_non_idempotent"))
    retry.retry_non_idempotent = read_bool(ctx, *flag).value_or(false);
  auto initial = section.get("backoff_initial");
  if (initial)
    retry.backoff_initial = read_duration(ctx, *initial).value_or(retry.backoff_initial);
  if (auto max = section.get("backoff_max")) {
    auto value = read_duration(ctx, *max);
    if (value && *value < retry.backoff_initial)
      max->error(ctx, "must not be shorter than backoff_initial");
    retry.backoff_max = value.value_or(retry.backoff_max);
  }
  if (auto headers = section.get("rate_limit_reset_headers"))
    retry.rate_limit_reset_headers =
        read_string_list(ctx, *headers).value_or(std::vector<std::string>{});
  return retry;
}

} // namespace actionhost::config::detail
