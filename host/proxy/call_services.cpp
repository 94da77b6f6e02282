// The proxy as the http_request of a plugin call.
#include "proxy.hpp"

namespace actionhost::proxy {

namespace {

class ProxiedServices : public plugins::ForwardingCallServices {
public:
  ProxiedServices(plugins::CallServices& inner, const Proxy& proxy, ProxyCall call)
      : ForwardingCallServices(inner), proxy_(proxy), call_(std::move(call)) {
    if (!call_.cancelled)
      call_.cancelled = [this] { return inner_.cancelled(); };
  }
  ah_status http_request(const plugins::HttpRequest& request,
                         plugins::HttpResponse& response) override {
    return proxy_.request(call_, request, response);
  }

private:
  const Proxy& proxy_;
  ProxyCall call_;
};

} // namespace

std::unique_ptr<plugins::CallServices> proxied_services(plugins::CallServices& inner,
                                                        const Proxy& proxy, ProxyCall call) {
  return std::make_unique<ProxiedServices>(inner, proxy, std::move(call));
}

} // namespace actionhost::proxy
