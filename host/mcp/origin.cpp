#include "origin.hpp"

#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>

namespace actionhost::mcp {
namespace {

// "host:port" or "[v6]:port" -> host.
std::string host_of(const std::string& host_header) {
  if (!host_header.empty() && host_header.front() == '[') {
    auto close = host_header.find(']');
    return close == std::string::npos ? host_header : host_header.substr(1, close - 1);
  }
  auto colon = host_header.rfind(':');
  if (colon != std::string::npos && host_header.find(':') == colon)
    return host_header.substr(0, colon);
  return host_header;
}

} // namespace

bool is_loopback_host(const std::string& host) {
  std::string h = Poco::toLower(host);
  if (!h.empty() && h.front() == '[' && h.back() == ']')
    h = h.substr(1, h.size() - 2);
  return h == "localhost" || h == "::1" || h.rfind("127.", 0) == 0;
}

std::optional<std::string> refuse_at_door(const http::Request& request, const DoorPolicy& policy) {
  if (request.has("Origin")) {
    const std::string& origin = request.get("Origin");
    bool listed = std::find(policy.allowed_origins.begin(), policy.allowed_origins.end(), origin) !=
                  policy.allowed_origins.end();
    bool local = false;
    if (policy.loopback) {
      try {
        Poco::URI uri(origin);
        local = (uri.getScheme() == "http" || uri.getScheme() == "https") &&
                is_loopback_host(uri.getHost());
      } catch (const Poco::Exception&) {
      }
    }
    if (!listed && !local)
      return "Origin '" + origin + "' is not allowed (add it to server.allowed_origins)";
  }
  if (policy.loopback && request.has("Host") && !is_loopback_host(host_of(request.get("Host"))))
    return "Host '" + request.get("Host") + "' is not allowed on a loopback listener";
  return std::nullopt;
}

} // namespace actionhost::mcp
