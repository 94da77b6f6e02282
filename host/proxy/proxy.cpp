// Building a Proxy for an integration, and the error boundary of Proxy::request.
#include "proxy_impl.hpp"

#include "address_policy.hpp"
#include "error.hpp"

#include <stdexcept>

namespace actionhost::proxy {

Proxy::Impl::Impl(const config::Integration& integration_, ProxyOptions options_)
    : integration(integration_), config(integration_.proxy.value()), options(std::move(options_)),
      pool(config.ca_file, options.max_idle_per_host, options.max_idle_total) {
  if (!options.resolve)
    options.resolve = system_resolver();
  if (integration.auth.mode == config::AuthMode::OAuth2 && integration.auth.oauth2) {
    refresher = std::make_unique<detail::TokenRefresher>(
        integration.key, *integration.auth.oauth2, [this](const detail::Outgoing& request) {
          // The token endpoint is configured, not chosen by a plugin: its own host anchors it.
          detail::ExchangeLimits limits{config.timeout, config.max_response_bytes};
          return send(request, request.target.origin.host, limits);
        });
  }
}

detail::Received Proxy::Impl::send(const detail::Outgoing& request, const std::string& anchor_host,
                                   const detail::ExchangeLimits& limits) {
  detail::Endpoint endpoint{
      request.target.origin,
      detail::choose_address(options.resolve, request.target.origin.host, anchor_host)};
  return detail::exchange(pool, endpoint, request, limits);
}

namespace {
const config::Integration& with_proxy(const config::Integration& integration) {
  if (!integration.proxy)
    throw std::invalid_argument("integration '" + integration.key +
                                "' has no proxy section, so its actions cannot make requests");
  return integration;
}
} // namespace

Proxy::Proxy(const config::Integration& integration, ProxyOptions options)
    : impl_(std::make_unique<Impl>(with_proxy(integration), std::move(options))) {}

Proxy::~Proxy() = default;

const config::Integration& Proxy::integration() const {
  return impl_->integration;
}

ah_status Proxy::request(const ProxyCall& call, const plugins::HttpRequest& request,
                         plugins::HttpResponse& response) const {
  response = {};
  detail::Secrets secrets;
  try {
    return impl_->serve(call, request, response, secrets);
  } catch (const detail::ProxyError& e) {
    response.error = secrets.scrub(e.what());
    return e.status();
  } catch (const std::exception& e) {
    response.error = secrets.scrub(std::string("the proxy failed: ") + e.what());
    return AH_ERR_INTERNAL;
  }
}

} // namespace actionhost::proxy
