// Provider: the test's handlers, tried in order, and the record of what the action sent.
#include "provider_impl.hpp"

namespace ah::testkit {

namespace detail {
bool Route::matches(const ProviderRequest& request) const {
  if (!ah::detail::iequals(method, request.method))
    return false;
  if (!path.empty() && path.back() == '*')
    return request.path.compare(0, path.size() - 1, path, 0, path.size() - 1) == 0;
  return request.path == path;
}
} // namespace detail

std::string Provider::Impl::route_list() const {
  if (routes.empty())
    return replayer ? "the fixture has no such exchange" : "the test set up no handlers";
  std::string out = "handlers: ";
  for (size_t i = 0; i < routes.size(); ++i)
    out += (i ? ", " : "") + routes[i].method + " " + routes[i].path;
  return out;
}

std::vector<std::string> Provider::Impl::unused() const {
  std::vector<std::string> out;
  if (!replayer)
    return out;
  for (size_t index : replayer->unused()) {
    const auto& request = recorded.at(index).request;
    out.push_back("recorded exchange " + std::to_string(index) + " (" + request.method + " " +
                  request.path + ") was never requested");
  }
  return out;
}

namespace {
// Called with impl.mutex held; the replayer has its own lock and never calls back.
ProviderResponse replay(Provider::Impl& impl, const ProviderRequest& request) {
  actionhost::plugins::HttpRequest http;
  http.method = request.method;
  http.url = request.path;
  http.query = request.query;
  http.headers = request.headers;
  http.body = request.body;
  actionhost::plugins::HttpResponse out;
  size_t mismatches = impl.replayer->mismatches().size();
  ah_status status = impl.replayer->http_request(http, out);
  if (status != AH_OK) {
    // A recorded failure replays as that failure; a request with no recorded match is a problem.
    if (impl.replayer->mismatches().size() > mismatches)
      impl.problems.push_back(out.error);
    return ProviderResponse::fail(status, out.error);
  }
  ProviderResponse answer;
  answer.status = out.status;
  answer.headers = out.headers;
  answer.body = out.body;
  return answer;
}
} // namespace

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
    if (!handler && impl_->replayer)
      return replay(*impl_, request);
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

std::vector<std::string> Provider::unused() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->unused();
}

void Provider::clear() {
  std::lock_guard lock(impl_->mutex);
  impl_->requests.clear();
  impl_->problems.clear();
}

} // namespace ah::testkit
