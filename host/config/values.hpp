// Internal: the scalar formats of the file, as pure functions of the text.
#pragma once

#include "config.hpp"

#include <optional>
#include <string_view>

namespace actionhost::config::detail {

// "500ms", "30s", "15m", "1h".
std::optional<Duration> parse_duration(std::string_view text);
// "4194304", or with a binary unit: "512KiB", "4MiB", "1GiB".
std::optional<uint64_t> parse_size(std::string_view text);
// 64 hexadecimal digits, returned in lowercase.
std::optional<std::string> parse_sha256(std::string_view text);
// "localhost", 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host);
// Why `url` is not an absolute http(s) URL with a host, or nullopt when it is.
std::optional<std::string> url_problem(const std::string& url);

} // namespace actionhost::config::detail
