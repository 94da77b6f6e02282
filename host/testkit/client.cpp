// ah::testkit::Client: the test's answers to an action's questions for the MCP client.
#include <actionhost/testkit/client.hpp>

#include <map>
#include <mutex>

namespace ah::testkit {

namespace {
std::string object_text(const JsonObject& object) {
  return json::stringify(object);
}
} // namespace

JsonObject ClientQuestion::params() const {
  return json::parse_object(params_json.empty() ? std::string("{}") : params_json);
}

std::string ClientQuestion::message() const {
  JsonObject p = params();
  if (p->has("message"))
    return p->optValue<std::string>("message", "");
  // sampling/createMessage: the last message's text content.
  JsonArray messages = p->getArray("messages");
  if (!messages || messages->size() == 0)
    return "";
  JsonObject last = messages->getObject(static_cast<unsigned>(messages->size() - 1));
  JsonObject content = last ? last->getObject("content") : nullptr;
  return content ? content->optValue<std::string>("text", "") : std::string();
}

ClientAnswer ClientAnswer::accept_json(std::string content_json) {
  JsonObject result = json::object();
  result->set("action", "accept");
  result->set("content", json::parse_object(content_json));
  return {object_text(result), AH_OK, {}};
}

ClientAnswer ClientAnswer::decline() {
  return {R"({"action":"decline"})", AH_OK, {}};
}

ClientAnswer ClientAnswer::cancel() {
  return {R"({"action":"cancel"})", AH_OK, {}};
}

ClientAnswer ClientAnswer::text(std::string text, std::string model) {
  JsonObject content = json::object();
  content->set("type", "text");
  content->set("text", std::move(text));
  JsonObject result = json::object();
  result->set("role", "assistant");
  result->set("content", content);
  result->set("model", std::move(model));
  result->set("stopReason", "endTurn");
  return {object_text(result), AH_OK, {}};
}

ClientAnswer ClientAnswer::result(std::string result_json) {
  return {std::move(result_json), AH_OK, {}};
}

ClientAnswer ClientAnswer::fail(ah_status status, std::string error) {
  return {"{}", status == AH_OK ? AH_ERR_INTERNAL : status, std::move(error)};
}

struct Client::Impl {
  mutable std::mutex mutex;
  std::map<std::string, ClientHandler> handlers;
};

Client::Client() : impl_(std::make_shared<Impl>()) {}

Client& Client::on(std::string method, ClientHandler handler) {
  std::lock_guard lock(impl_->mutex);
  impl_->handlers[std::move(method)] = std::move(handler);
  return *this;
}

Client& Client::on(std::string method, ClientAnswer answer) {
  return on(std::move(method), [answer](const ClientQuestion&) { return answer; });
}

std::string Client::capabilities_json() const {
  static const std::map<std::string, std::string> kCapability = {
      {"elicitation/create", "elicitation"},
      {"sampling/createMessage", "sampling"},
      {"roots/list", "roots"}};
  JsonObject capabilities = json::object();
  std::lock_guard lock(impl_->mutex);
  for (const auto& [method, handler] : impl_->handlers)
    if (auto found = kCapability.find(method); found != kCapability.end())
      capabilities->set(found->second, json::object());
  return object_text(capabilities);
}

ClientAnswer Client::answer(const ClientQuestion& question) const {
  ClientHandler handler;
  {
    std::lock_guard lock(impl_->mutex);
    auto found = impl_->handlers.find(question.method);
    if (found == impl_->handlers.end())
      return ClientAnswer::fail(AH_ERR_UNSUPPORTED,
                                "the test's client answers no '" + question.method +
                                    "' (give CallSettings::client a handler for it)");
    handler = found->second;
  }
  return handler(question);
}

} // namespace ah::testkit
