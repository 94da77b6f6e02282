// DNS-rebinding protection: a browser page from another origin must not reach a local server.
#pragma once

#include "http.hpp"

#include <optional>
#include <string>
#include <vector>

namespace actionhost::mcp {

struct DoorPolicy {
  std::vector<std::string> allowed_origins; // exact "scheme://host[:port]"
  bool loopback = true;                     // listening on loopback: loopback origins/hosts only
};

// Why the request is refused (403), or nothing. A request without Origin (not a browser) passes
// the Origin check; on a loopback listener its Host must still name a loopback host.
std::optional<std::string> refuse_at_door(const http::Request& request, const DoorPolicy& policy);

// "localhost", "127.0.0.1", "[::1]", "::1" and any 127.x address.
bool is_loopback_host(const std::string& host);

} // namespace actionhost::mcp
