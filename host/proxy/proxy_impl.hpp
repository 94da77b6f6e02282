// What a Proxy holds: its integration's configuration, the connection pool and the token
// refresher. Private to the module.
#pragma once

#include "exchange.hpp"
#include "proxy.hpp"
#include "redaction.hpp"
#include "session_pool.hpp"
#include "token_refresh.hpp"

#include <memory>

namespace actionhost::proxy {

struct Proxy::Impl {
  Impl(const config::Integration& integration, ProxyOptions options);

  // One exchange to `request.target`, at an address checked against `anchor_host`.
  detail::Received send(const detail::Outgoing& request, const std::string& anchor_host,
                        const detail::ExchangeLimits& limits);
  ah_status serve(const ProxyCall& call, const plugins::HttpRequest& request,
                  plugins::HttpResponse& response, detail::Secrets& secrets);

  config::Integration integration;
  config::ProxyConfig config;
  ProxyOptions options;
  detail::SessionPool pool;
  std::unique_ptr<detail::TokenRefresher> refresher; // OAUTH2 only
};

} // namespace actionhost::proxy
