// Private to the test kit: the state every copy of a Provider shares.
#pragma once

#include "fixtures.hpp"

#include <actionhost/testkit/provider.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ah::testkit {

namespace detail {
struct Route {
  std::string method, path;
  Handler handler;
  bool matches(const ProviderRequest& request) const;
};
} // namespace detail

struct Provider::Impl {
  mutable std::mutex mutex;
  std::vector<detail::Route> routes;
  std::vector<ProviderRequest> requests;
  std::vector<std::string> problems;
  // A provider made from a fixture answers what no handler does from the recorded exchanges.
  // The replayer forwards nothing but proxy requests, so its inner services are never used.
  std::unique_ptr<actionhost::plugins::DefaultCallServices> replay_inner;
  std::unique_ptr<actionhost::fixtures::Replayer> replayer;
  std::vector<actionhost::fixtures::Exchange> recorded;

  std::string route_list() const;
  // Recorded exchanges no request has used yet, as actionhost test words them.
  std::vector<std::string> unused() const;
};

} // namespace ah::testkit
