// Protocol versions: which ones we speak, what each allows, and what to answer in negotiation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace actionhost::mcp::versions {

inline constexpr std::string_view k2024_11_05 = "2024-11-05";
inline constexpr std::string_view k2025_03_26 = "2025-03-26";
inline constexpr std::string_view k2025_06_18 = "2025-06-18";
inline constexpr std::string_view k2025_11_25 = "2025-11-25";
inline constexpr std::string_view kStateless = "2026-07-28";
inline constexpr std::string_view kLatestSession = k2025_11_25;

// The versions `initialize` may negotiate, newest first.
const std::vector<std::string>& session_versions();
// The versions of the stateless era (server/discover's supportedVersions).
const std::vector<std::string>& stateless_versions();

bool is_session_version(std::string_view version);
bool is_stateless_version(std::string_view version);
// A header naming a version of the stateless era or later ("2026-07-28", "2099-01-01").
bool names_stateless_era(std::string_view version);

// What initialize answers: the requested version when we speak it, else the latest.
std::string negotiate(std::string_view requested);

// Only 2025-03-26 allows JSON-RPC batches.
bool allows_batches(std::string_view version);
// 2025-11-25 and later: SSE streams start with a priming event (id + retry, empty data).
bool primes_streams(std::string_view version);
// Dated versions compare as strings.
inline bool at_least(std::string_view version, std::string_view minimum) {
  return version >= minimum;
}

} // namespace actionhost::mcp::versions
