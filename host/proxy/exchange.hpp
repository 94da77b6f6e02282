// One HTTP request and its response on a pooled connection: framing, timeouts, content
// decoding and the response size cap. No retries, redirects or credentials here.
#pragma once

#include "session_pool.hpp"
#include "target.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace actionhost::proxy::detail {

struct Outgoing {
  std::string method;
  Target target;
  Pairs headers; // final: plugin headers already filtered, credentials already added
  std::string body;
};

struct Received {
  int status = 0;
  Pairs headers;    // as received, minus framing headers the decoding made stale
  std::string body; // decoded (gzip, deflate)
};

struct ExchangeLimits {
  std::chrono::milliseconds timeout{30000}; // connect, send and each receive
  uint64_t max_response_bytes = 10 * 1024 * 1024;
};

// Throws ProxyError: AH_ERR_TIMEOUT, AH_ERR_UNAVAILABLE (network, TLS), AH_ERR_UPSTREAM (too
// large, undecodable). A kept-alive connection the provider closed meanwhile is replaced once.
Received exchange(SessionPool& pool, const Endpoint& endpoint, const Outgoing& request,
                  const ExchangeLimits& limits);

} // namespace actionhost::proxy::detail
