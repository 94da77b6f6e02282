// Proxy requests of a call under test, answered by a testkit::Provider.
#include "provider_services.hpp"

#include <Poco/URI.h>

namespace ah::testkit::detail {

namespace {
void add_query_string(const std::string& text, Pairs& out) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string::npos)
      end = text.size();
    std::string part = text.substr(start, end - start);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string name, value;
      Poco::URI::decode(part.substr(0, eq), name, true);
      if (eq != std::string::npos)
        Poco::URI::decode(part.substr(eq + 1), value, true);
      out.emplace_back(std::move(name), std::move(value));
    }
    start = end + 1;
  }
}
} // namespace

ProviderRequest to_provider_request(const plugins::HttpRequest& request) {
  ProviderRequest out;
  out.method = request.method;
  out.query = request.query;
  out.headers = request.headers;
  out.body = request.body;
  size_t mark = request.url.find('?');
  out.path = request.url.substr(0, mark);
  if (mark != std::string::npos)
    add_query_string(request.url.substr(mark + 1), out.query);
  return out;
}

std::string log_level_name(ah_log_level level) {
  static const char* const names[] = {"debug", "info",     "notice", "warning",
                                      "error", "critical", "alert",  "emergency"};
  return level >= 0 && level <= 7 ? names[level] : "log";
}

ProviderServices::ProviderServices(Provider& provider, Client client, std::string plugin_id)
    : DefaultCallServices(std::move(plugin_id)), provider_(provider), client_(std::move(client)) {}

ah_status ProviderServices::http_request(const plugins::HttpRequest& request,
                                         plugins::HttpResponse& response) {
  ProviderResponse answer = provider_.respond(to_provider_request(request));
  response.attempts = 1;
  if (answer.failure != AH_OK) {
    response.error = answer.error;
    return answer.failure;
  }
  response.status = answer.status;
  response.headers = answer.headers;
  response.body = answer.body;
  return AH_OK;
}

ah_status ProviderServices::client_request(const plugins::ClientRequest& request,
                                           plugins::ClientReply& reply) {
  ClientQuestion question{request.method, request.params_json, request.key};
  {
    std::lock_guard lock(mutex_);
    questions_.push_back(question);
  }
  ClientAnswer answer;
  try {
    answer = client_.answer(question);
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    problems_.push_back("the client's handler for " + request.method + " threw: " + e.what());
    reply.error = "the test's client failed: " + std::string(e.what());
    return AH_ERR_INTERNAL;
  }
  if (answer.failure != AH_OK) {
    reply.error = answer.error;
    return answer.failure;
  }
  reply.result_json = answer.result_json;
  return AH_OK;
}

void ProviderServices::progress(double progress, std::optional<double> total,
                                const std::string& message) {
  std::lock_guard lock(mutex_);
  progress_.push_back({progress, total, message});
}

void ProviderServices::log(ah_log_level level, const std::string& text) {
  std::lock_guard lock(mutex_);
  logs_.push_back(log_level_name(level) + ": " + text);
}

void ProviderServices::fill(CallResult& result) const {
  std::lock_guard lock(mutex_);
  result.logs = logs_;
  result.progress = progress_;
  result.questions = questions_;
  result.problems.insert(result.problems.end(), problems_.begin(), problems_.end());
}

} // namespace ah::testkit::detail
