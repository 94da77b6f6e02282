// Who is calling: the secret key a request presented and the connection it acts for, found at
// the door (service.cpp, identify) and carried by the request's Exchange and, in the session
// era and the 2024-11-05 transport, by the Session it opened (a session is bound to its caller).
#pragma once

#include "store.hpp"

#include <optional>
#include <string>

namespace actionhost::mcp {

struct Caller {
  std::optional<store::KeyInfo> key;              // nullopt: an open integration, no key
  std::optional<store::ConnectionRef> connection; // nullopt: the request named none

  std::string key_id() const { return key ? key->id : std::string(); }
  std::string key_name() const { return key ? key->name : std::string(); }
  // The key's allowed/denied tools; every tool when there is no key.
  bool may_use(const std::string& tool) const { return !key || key->limits.allows_tool(tool); }
  bool has_tool_limits() const {
    return key && (!key->limits.allowed_tools.empty() || !key->limits.denied_tools.empty());
  }
  // Same key and same connection: the test a session applies to every later request.
  bool same_as(const Caller& other) const {
    return key_id() == other.key_id() && connection == other.connection;
  }
};

} // namespace actionhost::mcp
