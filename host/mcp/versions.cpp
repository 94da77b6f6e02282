#include "versions.hpp"

#include <algorithm>

namespace actionhost::mcp::versions {

const std::vector<std::string>& session_versions() {
  static const std::vector<std::string> all{std::string(k2025_11_25), std::string(k2025_06_18),
                                            std::string(k2025_03_26), std::string(k2024_11_05)};
  return all;
}

const std::vector<std::string>& stateless_versions() {
  static const std::vector<std::string> all{std::string(kStateless)};
  return all;
}

bool is_session_version(std::string_view version) {
  const auto& all = session_versions();
  return std::find(all.begin(), all.end(), version) != all.end();
}

bool is_stateless_version(std::string_view version) {
  return version == kStateless;
}

bool names_stateless_era(std::string_view version) {
  // Dated versions sort as strings; anything that is not a date is no claim at all.
  bool dated = version.size() == 10 && version[4] == '-' && version[7] == '-';
  return dated && version >= kStateless;
}

std::string negotiate(std::string_view requested) {
  return is_session_version(requested) ? std::string(requested) : std::string(kLatestSession);
}

bool allows_batches(std::string_view version) {
  return version == k2025_03_26;
}

bool primes_streams(std::string_view version) {
  return at_least(version, k2025_11_25);
}

} // namespace actionhost::mcp::versions
