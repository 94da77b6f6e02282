#include "tool_execution.hpp"

#include "proxy.hpp"

#include <Poco/Logger.h>

namespace actionhost::mcp {
namespace {

constexpr size_t kMaxLoggedError = 500;

// http_request of an integration whose credentials are needed but no connection was named.
class NoConnectionServices : public plugins::ForwardingCallServices {
public:
  NoConnectionServices(plugins::CallServices& inner, std::string integration)
      : ForwardingCallServices(inner), integration_(std::move(integration)) {}
  ah_status http_request(const plugins::HttpRequest&, plugins::HttpResponse& response) override {
    response.error = "integration '" + integration_ +
                     "' needs a connection for provider requests, and this call names none "
                     "(connection-id header or connection_id query parameter)";
    return AH_ERR_PERMISSION;
  }

private:
  std::string integration_;
};

plugins::ToolResult tool_error(ah_status status, const std::string& text) {
  plugins::ToolResult result;
  result.is_error = true;
  result.status = status;
  Poco::JSON::Object::Ptr block = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  block->set("type", "text");
  block->set("text", text);
  result.content->add(block);
  return result;
}

} // namespace

ToolExecution::ToolExecution(const Exchange& exchange, const plugins::Action& tool)
    : exchange_(exchange), tool_(tool) {
  store::Store* store = exchange.backends ? exchange.backends->store : nullptr;
  if (!store)
    return;
  const auto& caller = *exchange.caller;
  store::ExecutionStart start;
  start.connection = caller.connection.value_or(
      store::ConnectionRef{exchange.integration->config.key, std::string()});
  start.action = tool.name;
  start.key_id = caller.key_id();
  start.key_name = caller.key_name();
  try {
    if (caller.connection)
      connection_ = store->find_connection(*caller.connection);
    id_ = store->begin_execution(start);
  } catch (const std::exception& e) {
    Poco::Logger::get("mcp").error("execution log: cannot begin '%s': %s", tool.name,
                                   std::string(e.what()));
  }
}

ToolExecution::~ToolExecution() {
  if (id_.empty())
    return;
  try {
    exchange_.backends->store->finish_execution(id_, outcome_, error_.substr(0, kMaxLoggedError));
  } catch (const std::exception& e) {
    Poco::Logger::get("mcp").error("execution log: cannot finish %s: %s", id_,
                                   std::string(e.what()));
  }
}

std::optional<plugins::ToolResult> ToolExecution::refusal() {
  const auto& ref = exchange_.caller->connection;
  if (!ref)
    return std::nullopt;
  std::string name =
      "the connection '" + ref->connection_id + "' of integration '" + ref->integration_key + "'";
  if (!connection_)
    return tool_error(AH_ERR_PERMISSION, "The call cannot run: " + name +
                                             " no longer exists. Connect the account again, "
                                             "then retry.");
  if (connection_->status == store::ConnectionStatus::Ok)
    return std::nullopt;
  std::string reason =
      connection_->status_reason.empty() ? "" : " (" + connection_->status_reason + ")";
  return tool_error(AH_ERR_PERMISSION, "The call cannot run: " + name + " is " +
                                           proxy::to_string(connection_->status) + reason +
                                           ". Ask the user to reconnect it, then retry.");
}

plugins::ToolResult ToolExecution::run(const Poco::JSON::Object::Ptr& arguments,
                                       plugins::CallServices& channel, plugins::RequestInfo info) {
  if (auto refused = refusal()) {
    outcome_ = store::Outcome::ToolError;
    error_ = refused->text();
    return *refused;
  }
  info.execution_id = id_;
  if (connection_) {
    info.connection_id = connection_->ref.connection_id;
    info.end_user_id = connection_->end_user_id;
    info.connection_metadata_json = connection_->metadata_json;
  }

  const auto& integration = *exchange_.integration;
  const proxy::Proxy* proxy = nullptr;
  if (exchange_.backends)
    if (auto it = exchange_.backends->proxies.find(integration.config.key);
        it != exchange_.backends->proxies.end())
      proxy = it->second;
  std::unique_ptr<plugins::CallServices> services;
  if (proxy && !connection_ && integration.config.auth.mode != config::AuthMode::None) {
    services = std::make_unique<NoConnectionServices>(channel, integration.config.key);
  } else if (proxy) {
    proxy::ProxyCall call;
    call.connection = connection_ ? connection_->ref
                                  : store::ConnectionRef{integration.config.key, std::string()};
    call.metadata_json = info.connection_metadata_json;
    call.store = exchange_.backends->store;
    call.attempts = exchange_.backends->store;
    call.execution_id = id_;
    call.cancelled = [&channel] { return channel.cancelled(); };
    call.deadline = exchange_.cancel->deadline();
    if (tool_.timeout_ms > 0) {
      auto own = std::chrono::steady_clock::now() + std::chrono::milliseconds(tool_.timeout_ms);
      if (!call.deadline || own < *call.deadline)
        call.deadline = own;
    }
    services = proxy::proxied_services(channel, *proxy, std::move(call));
  }

  auto result = tool_.call(
      arguments, {services ? services.get() : &channel, exchange_.cancel, std::move(info)});
  if (result.status == AH_ERR_CANCELLED || exchange_.cancel->cancelled()) {
    outcome_ = store::Outcome::Cancelled;
    error_ = result.is_error ? result.text() : std::string();
  } else if (result.is_error) {
    outcome_ = store::Outcome::ToolError;
    error_ = result.text();
  } else {
    outcome_ = store::Outcome::Ok;
    error_.clear();
  }
  return result;
}

void ToolExecution::fail_protocol(const std::string& error) {
  outcome_ = store::Outcome::ProtocolError;
  error_ = error;
}

} // namespace actionhost::mcp
