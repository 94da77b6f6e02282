// Provider: the test's handlers, tried in order, and the record of what the action sent.
#include <actionhost/testkit/provider.hpp>

#include <mutex>

namespace ah::testkit {

namespace {
struct Route {
  std::string method, path;
  Handler handler;
  bool matches(const ProviderRequest& request) const {
    if (!ah::detail::iequals(method, request.method))
      return false;
    if (!path.empty() && path.back() == '*')
      return request.path.compare(0, path.size() - 1, path, 0, path.size() - 1) == 0;
    return request.path == path;
  }
};
} // namespace

struct Provider::Impl {
  mutable std::mutex mutex;
  std::vector<Route> routes;
  std::vector<ProviderRequest> requests;
  std::vector<std::string> problems;

  std::string route_list() const {
    if (routes.empty())
      return "the test set up no handlers";
    std::string out = "handlers: ";
    for (size_t i = 0; i < routes.size(); ++i)
      out += (i ? ", " : "") + routes[i].method + " " + routes[i].path;
    return out;
  }
};

Provider::Provider() : impl_(std::make_shared<Impl>()) {}

Provider& Provider::on(std::string method, std::string path, Handler handler) {
  std::lock_guard lock(impl_->mutex);
  for (auto& route : impl_->routes)
    if (route.method == method && route.path == path) {
      route.handler = std::move(handler);
      return *this;
    }
  impl_->routes.push_back({std::move(method), std::move(path), std::move(handler)});
  return *this;
}

Provider& Provider::on(std::string method, std::string path, ProviderResponse response) {
  return on(std::move(method), std::move(path),
            [response = std::move(response)](const ProviderRequest&) { return response; });
}

ProviderResponse Provider::respond(const ProviderRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->requests.push_back(request);
    for (const auto& route : impl_->routes)
      if (route.matches(request)) {
        handler = route.handler;
        break;
      }
    if (!handler) {
      std::string problem = "no handler for " + request.line() + " (" + impl_->route_list() + ")";
      impl_->problems.push_back(problem);
      return ProviderResponse::fail(AH_ERR_UNAVAILABLE, "testkit: " + problem);
    }
  }
  // Outside the lock: a handler may take its time, or look at requests() itself.
  try {
    return handler(request);
  } catch (const std::exception& e) {
    std::string problem = "the handler for " + request.line() + " threw: " + e.what();
    std::lock_guard lock(impl_->mutex);
    impl_->problems.push_back(problem);
    return ProviderResponse::fail(AH_ERR_UNAVAILABLE, "testkit: " + problem);
  }
}

std::vector<ProviderRequest> Provider::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->requests;
}

std::vector<std::string> Provider::problems() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->problems;
}

void Provider::clear() {
  std::lock_guard lock(impl_->mutex);
  impl_->requests.clear();
  impl_->problems.clear();
}

} // namespace ah::testkit
