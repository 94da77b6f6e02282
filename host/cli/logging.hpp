// Process-wide logging: Poco loggers named after modules ("plugins", "http", ...) writing one
// line per event to stderr. Configured once in main, before any thread starts.
#pragma once

#include <string>

namespace actionhost::cli {

// level: trace, debug, information/info, notice, warning, error, critical, fatal.
// Throws std::invalid_argument for an unknown level.
void setup_logging(const std::string& level);

} // namespace actionhost::cli
