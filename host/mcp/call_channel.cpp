#include "call_channel.hpp"

#include "versions.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/UUIDGenerator.h>

namespace actionhost::mcp {
namespace {

// The client capability a server-to-client method needs.
std::string capability_for(const std::string& method) {
  if (method == "sampling/createMessage")
    return "sampling";
  if (method == "roots/list")
    return "roots";
  return "elicitation";
}

bool declares(const Poco::JSON::Object::Ptr& capabilities, const std::string& capability,
              const Poco::JSON::Object::Ptr& params) {
  if (!capabilities || !capabilities->has(capability))
    return false;
  if (capability != "elicitation" || !params || params->optValue<std::string>("mode", "") != "url")
    return true;
  // URL-mode elicitation needs elicitation.url; an empty elicitation object means form only.
  auto elicitation = capabilities->getObject("elicitation");
  return elicitation && elicitation->has("url");
}

Poco::JSON::Object::Ptr parse_object(const std::string& text) {
  try {
    Poco::JSON::Parser parser;
    auto value = parser.parse(text.empty() ? std::string("{}") : text);
    if (value.type() == typeid(Poco::JSON::Object::Ptr))
      return value.extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
  }
  return nullptr;
}

} // namespace

CallChannel::CallChannel(Exchange& exchange, Poco::Dynamic::Var progress_token,
                         std::map<std::string, Poco::Dynamic::Var> answers)
    : exchange_(exchange), progress_token_(std::move(progress_token)),
      answers_(std::move(answers)) {}

ah_status CallChannel::http_request(const plugins::HttpRequest&, plugins::HttpResponse& response) {
  response.error = "no proxy configured for this integration";
  return AH_ERR_UNSUPPORTED;
}

ah_status CallChannel::client_request(const plugins::ClientRequest& request,
                                      plugins::ClientReply& reply) {
  auto params = parse_object(request.params_json);
  if (!params) {
    reply.error = "the request's params are not a JSON object";
    return AH_ERR_INVALID_ARGUMENT;
  }
  std::string capability = capability_for(request.method);
  if (!declares(exchange_.client_capabilities, capability, params)) {
    std::lock_guard lock(mutex_);
    missing_capability_ = capability;
    reply.error = "the client did not declare the '" + capability + "' capability";
    return AH_ERR_UNSUPPORTED;
  }
  if (!exchange_.stateless) {
    if (request.method == "elicitation/create" &&
        params->optValue<std::string>("mode", "") == "url")
      return require_url_elicitation(params, reply);
    return ask_over_session(request, reply);
  }

  std::lock_guard lock(mutex_);
  std::string key = request.key.empty() ? std::to_string(++asked_) : request.key;
  if (auto it = answers_.find(key); it != answers_.end()) {
    reply.result_json = jsonrpc::to_json(it->second);
    return AH_OK;
  }
  Poco::JSON::Object::Ptr question = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  question->set("method", request.method);
  question->set("params", params);
  questions_.emplace_back(key, question);
  return AH_ERR_INPUT_REQUIRED;
}

// A URL-mode elicitation is completed out of band (the user visits the URL), so the call cannot
// wait for it: like a stateless round trip, the call ends asking for it, the client answers the
// request with -32042 URLElicitationRequiredError listing it, and retries once the user is done.
ah_status CallChannel::require_url_elicitation(Poco::JSON::Object::Ptr params,
                                               plugins::ClientReply& reply) {
  if (!versions::at_least(exchange_.version, versions::k2025_11_25)) {
    reply.error = "URL-mode elicitation needs protocol version 2025-11-25 or later";
    return AH_ERR_UNSUPPORTED;
  }
  if (!params->has("url") || !params->get("url").isString() || !params->has("message")) {
    reply.error = "a URL-mode elicitation needs params.url and params.message";
    return AH_ERR_INVALID_ARGUMENT;
  }
  if (!params->has("elicitationId"))
    params->set("elicitationId", Poco::UUIDGenerator::defaultGenerator().createRandom().toString());
  std::lock_guard lock(mutex_);
  url_elicitations_.push_back(params);
  reply.error = "the user must complete the URL elicitation first; the client retries after";
  return AH_ERR_INPUT_REQUIRED;
}

ah_status CallChannel::ask_over_session(const plugins::ClientRequest& request,
                                        plugins::ClientReply& reply) {
  Session* session = exchange_.session;
  if (!session || !exchange_.out) {
    reply.error = "this transport cannot carry requests to the client";
    return AH_ERR_UNSUPPORTED;
  }
  std::string id = session->next_request_id();
  auto pending = session->expect(id);
  exchange_.out->send(jsonrpc::request(id, request.method, parse_object(request.params_json)));
  std::unique_lock lock(pending->mutex);
  while (!pending->done) {
    if (exchange_.cancel->cancelled() || session->ended()) {
      lock.unlock();
      session->forget(id);
      reply.error = "the request was cancelled before the client answered";
      return AH_ERR_CANCELLED;
    }
    pending->cv.wait_for(lock, std::chrono::milliseconds(100));
  }
  if (!pending->error.empty()) {
    reply.error = pending->error;
    return AH_ERR_UNAVAILABLE;
  }
  reply.result_json = pending->result_json;
  return AH_OK;
}

void CallChannel::progress(double progress, std::optional<double> total,
                           const std::string& message) {
  if (progress_token_.isEmpty() || !exchange_.out)
    return;
  Poco::JSON::Object::Ptr params = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  params->set("progressToken", progress_token_);
  params->set("progress", progress);
  if (total)
    params->set("total", *total);
  if (!message.empty() && exchange_.version != versions::k2024_11_05)
    params->set("message", message);
  exchange_.out->send(jsonrpc::notification("notifications/progress", params));
}

void CallChannel::log(ah_log_level level, const std::string& text) {
  if (exchange_.log_level < 0 || level < exchange_.log_level || !exchange_.out)
    return;
  Poco::JSON::Object::Ptr params = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  params->set("level", log_level_name(level));
  params->set("logger", exchange_.integration ? exchange_.integration->config.key : "actionhost");
  params->set("data", text);
  exchange_.out->send(jsonrpc::notification("notifications/message", params));
}

bool CallChannel::cancelled() {
  return exchange_.cancel && exchange_.cancel->cancelled();
}

} // namespace actionhost::mcp
