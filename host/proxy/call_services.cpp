// The proxy as the http_request of a plugin call.
#include "proxy.hpp"

namespace actionhost::proxy {

namespace {

class ProxiedServices : public plugins::CallServices {
public:
  ProxiedServices(plugins::CallServices& inner, const Proxy& proxy, ProxyCall call)
      : inner_(inner), proxy_(proxy), call_(std::move(call)) {
    if (!call_.cancelled)
      call_.cancelled = [this] { return inner_.cancelled(); };
  }
  ah_status http_request(const plugins::HttpRequest& request,
                         plugins::HttpResponse& response) override {
    return proxy_.request(call_, request, response);
  }
  ah_status client_request(const plugins::ClientRequest& request,
                           plugins::ClientReply& reply) override {
    return inner_.client_request(request, reply);
  }
  void progress(double progress, std::optional<double> total, const std::string& message) override {
    inner_.progress(progress, total, message);
  }
  void log(ah_log_level level, const std::string& text) override { inner_.log(level, text); }
  bool cancelled() override { return inner_.cancelled(); }

private:
  plugins::CallServices& inner_;
  const Proxy& proxy_;
  ProxyCall call_;
};

} // namespace

std::unique_ptr<plugins::CallServices> proxied_services(plugins::CallServices& inner,
                                                        const Proxy& proxy, ProxyCall call) {
  return std::make_unique<ProxiedServices>(inner, proxy, std::move(call));
}

} // namespace actionhost::proxy
