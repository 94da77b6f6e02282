// Keeping secrets out of what leaves the proxy: attempt records, error messages, and the
// response a plugin receives.
#pragma once

#include "target.hpp"

#include <string>
#include <vector>

namespace actionhost::proxy::detail {

// The secret values of one call. Values shorter than kMinSecret are not searched for (a
// one-letter password would turn every text into confetti); they are still never injected into
// anything the plugin sees, since injected headers are never echoed.
class Secrets {
public:
  static constexpr size_t kMinSecret = 4;
  void add(const std::string& secret); // also adds its percent-encoded form
  void merge(const Secrets& other);
  // `text` with every secret replaced by "[redacted]".
  std::string scrub(std::string text) const;
  bool empty() const { return values_.empty(); }

private:
  std::vector<std::string> values_;
};

// True for query parameter names that usually carry a credential: key, api_key, apikey, token,
// access_token, secret, client_secret, password, signature, sig, code, and any name containing
// token, secret, password or apikey.
bool sensitive_query_name(const std::string& name);

// The URL for the execution log: values of sensitive parameters and of `injected_names` become
// "[redacted]", and any secret left anywhere in it is scrubbed.
std::string redact_url(const Target& target, const std::vector<std::string>& injected_names,
                       const Secrets& secrets);

} // namespace actionhost::proxy::detail
