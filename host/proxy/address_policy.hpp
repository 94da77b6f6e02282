// Which address a request may connect to: resolve once, check every candidate, connect to the
// one checked.
#pragma once

#include "proxy.hpp"

#include <string>

namespace actionhost::proxy::detail {

// The address to connect to for `host`. Internal addresses (is_internal_address) are allowed
// only when `anchor_host` (the integration's configured host: the base URL's, or the token
// URL's) is itself internal, so local providers work but an action cannot be steered at the
// host's own network. Throws ProxyError: AH_ERR_PERMISSION when refused, AH_ERR_UNAVAILABLE when
// the name does not resolve.
Poco::Net::IPAddress choose_address(const Resolver& resolve, const std::string& host,
                                    const std::string& anchor_host);

} // namespace actionhost::proxy::detail
