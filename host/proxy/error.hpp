// How the proxy's parts report a failure to Proxy::request: an ah_status and a message that is
// safe to show a user (Proxy::request still scrubs it for secrets before handing it out).
#pragma once

#include <actionhost/plugin.h>

#include <stdexcept>
#include <string>

namespace actionhost::proxy::detail {

class ProxyError : public std::runtime_error {
public:
  ProxyError(ah_status status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  ah_status status() const noexcept { return status_; }

private:
  ah_status status_;
};

} // namespace actionhost::proxy::detail
