// Internal: "did you mean" for misspelt keys, modes and placeholders.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actionhost::config::detail {

// The candidate closest to `word` (case-insensitive edit distance), when close enough to be a
// likely typo: at most 2 edits, and fewer than half of the word's length.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace actionhost::config::detail
