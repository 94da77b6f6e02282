// The outside world of a call in a test: proxy requests go to a testkit::Provider, questions for
// the MCP client to the test's testkit::Client, and log lines, progress and questions are
// collected for the result.
#pragma once

#include "plugins.hpp"

#include <actionhost/testkit/provider.hpp>
#include <actionhost/testkit/result.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace ah::testkit::detail {

namespace plugins = actionhost::plugins;

// The request as a test sees it: the query string the action wrote into its path moves to query.
ProviderRequest to_provider_request(const plugins::HttpRequest& request);

class ProviderServices : public plugins::DefaultCallServices {
public:
  ProviderServices(Provider& provider, Client client, std::string plugin_id);
  ah_status http_request(const plugins::HttpRequest& request,
                         plugins::HttpResponse& response) override;
  ah_status client_request(const plugins::ClientRequest& request,
                           plugins::ClientReply& reply) override;
  void progress(double progress, std::optional<double> total, const std::string& message) override;
  void log(ah_log_level level, const std::string& text) override;

  // What the call left behind: its logs, progress, questions and client handlers that threw.
  void fill(CallResult& result) const;

private:
  Provider& provider_;
  Client client_;
  mutable std::mutex mutex_;
  std::vector<std::string> logs_;
  std::vector<Progress> progress_;
  std::vector<ClientQuestion> questions_;
  std::vector<std::string> problems_;
};

// "info", "warning", ...
std::string log_level_name(ah_log_level level);

} // namespace ah::testkit::detail
