// The outside world of one plugin call over MCP (plugins::CallServices): progress and log lines
// become notifications on the call's stream; questions for the client (elicitation, sampling,
// roots) become server-to-client requests in the session era, or are collected for an
// InputRequiredResult in the stateless era (multi round-trip requests).
#pragma once

#include "exchange.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actionhost::mcp {

class CallChannel : public plugins::CallServices {
public:
  // `answers`: the stateless era's inputResponses gathered so far, by key (result objects).
  CallChannel(Exchange& exchange, Poco::Dynamic::Var progress_token,
              std::map<std::string, Poco::Dynamic::Var> answers = {});

  ah_status http_request(const plugins::HttpRequest& request,
                         plugins::HttpResponse& response) override;
  ah_status client_request(const plugins::ClientRequest& request,
                           plugins::ClientReply& reply) override;
  void progress(double progress, std::optional<double> total, const std::string& message) override;
  void log(ah_log_level level, const std::string& text) override;
  bool cancelled() override;

  // Stateless era: the questions the call asked that have no answer yet, by key, as
  // {"method": ..., "params": {...}}.
  const std::vector<std::pair<std::string, Poco::JSON::Object::Ptr>>& questions() const {
    return questions_;
  }
  // Session era (2025-11-25): URL-mode elicitations the call needs completed before it can go on,
  // as ElicitRequestURLParams (with an elicitationId). The request then fails with -32042.
  const std::vector<Poco::JSON::Object::Ptr>& url_elicitations() const { return url_elicitations_; }
  // A client capability the call needed and the client did not declare ("sampling", ...).
  const std::optional<std::string>& missing_capability() const { return missing_capability_; }

private:
  ah_status ask_over_session(const plugins::ClientRequest& request, plugins::ClientReply& reply);
  ah_status require_url_elicitation(Poco::JSON::Object::Ptr params, plugins::ClientReply& reply);

  Exchange& exchange_;
  Poco::Dynamic::Var progress_token_;
  std::map<std::string, Poco::Dynamic::Var> answers_;
  std::vector<std::pair<std::string, Poco::JSON::Object::Ptr>> questions_;
  std::vector<Poco::JSON::Object::Ptr> url_elicitations_;
  std::optional<std::string> missing_capability_;
  std::mutex mutex_;
  int asked_ = 0;
};

} // namespace actionhost::mcp
