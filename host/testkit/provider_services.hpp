// The outside world of a call in a test: proxy requests go to a testkit::Provider, log lines are
// collected for the result, and questions for an MCP client are refused (there is none).
#pragma once

#include "plugins.hpp"

#include <actionhost/testkit/provider.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace ah::testkit::detail {

namespace plugins = actionhost::plugins;

// The request as a test sees it: the query string the action wrote into its path moves to query.
ProviderRequest to_provider_request(const plugins::HttpRequest& request);

class ProviderServices : public plugins::DefaultCallServices {
public:
  ProviderServices(Provider& provider, std::string plugin_id);
  ah_status http_request(const plugins::HttpRequest& request,
                         plugins::HttpResponse& response) override;
  void log(ah_log_level level, const std::string& text) override;
  std::vector<std::string> logs() const;

private:
  Provider& provider_;
  mutable std::mutex mutex_;
  std::vector<std::string> logs_;
};

// "info", "warning", ...
std::string log_level_name(ah_log_level level);

} // namespace ah::testkit::detail
