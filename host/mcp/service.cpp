#include "service_impl.hpp"

#include "versions.hpp"

#include <Poco/Logger.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>

namespace actionhost::mcp {

void send_error(http::Response& response, int status, int code, const std::string& message,
                const Poco::Dynamic::Var& id, const Poco::Dynamic::Var& data) {
  http::send_json(response, status, jsonrpc::error_response(id, {code, message, data}));
}

void send_unauthorized(http::Response& response, const std::string& message) {
  response.set("WWW-Authenticate", "Bearer");
  send_error(response, 401, jsonrpc::kInvalidRequest, message);
}

Service::Impl::Impl(const registry::Registry& registry_, Options options_, Backends backends_)
    : registry(registry_), options(std::move(options_)),
      backends(std::move(backends_)), door{options.allowed_origins, options.loopback},
      sessions(options.session_idle_timeout) {}

namespace {

void unknown_integration(http::Response& response, const std::string& key) {
  send_error(response, 404, jsonrpc::kInvalidRequest,
             "Unknown integration '" + key +
                 "': it is not in the configuration or could not "
                 "be loaded");
}

// The connection a request names: the connection-id header (as Nango's MCP server takes it), or
// a connection_id query parameter for clients that can send only a URL and a bearer token.
std::string connection_id_of(const http::Request& request) {
  if (request.has("connection-id"))
    return Poco::trim(request.get("connection-id"));
  const std::string& uri = request.getURI();
  if (uri.find('?') == std::string::npos)
    return {};
  for (const auto& [name, value] : Poco::URI(uri).getQueryParameters())
    if (name == "connection_id")
      return value;
  return {};
}

} // namespace

std::optional<store::KeyInfo> Service::Impl::verified_key(const http::Request& request) {
  if (!backends.store || !request.has("Authorization"))
    return std::nullopt;
  std::string value = Poco::trim(request.get("Authorization"));
  if (value.size() <= 7 || Poco::icompare(value.substr(0, 7), "Bearer ") != 0)
    return std::nullopt;
  return backends.store->verify_secret_key(Poco::trim(value.substr(7)));
}

std::shared_ptr<const Caller> Service::Impl::identify(http::Request& request,
                                                      http::Response& response,
                                                      const registry::ServedIntegration& served) {
  const auto& integration = served.config;
  bool open = integration.access == config::Access::Open;
  auto caller = std::make_shared<Caller>();
  try {
    // An open integration needs no key, but a key that is presented must be valid.
    if (!open || request.has("Authorization")) {
      caller->key = verified_key(request);
      if (!caller->key) {
        send_unauthorized(response,
                          request.has("Authorization")
                              ? "Unauthorized: the secret key is not valid"
                              : "Integration '" + integration.key +
                                    "' requires a secret key (Authorization: Bearer <key>)");
        return nullptr;
      }
      if (!caller->key->limits.allows_integration(integration.key)) {
        unknown_integration(response, integration.key); // a limited key does not learn more
        return nullptr;
      }
    }
    std::string connection_id = connection_id_of(request);
    if (!connection_id.empty()) {
      store::ConnectionRef ref{integration.key, connection_id};
      if (!backends.store || !backends.store->find_connection(ref)) {
        send_error(response, 404, jsonrpc::kInvalidRequest,
                   "Unknown connection '" + connection_id + "' of integration '" + integration.key +
                       "': create it first (actionhost connections create)");
        return nullptr;
      }
      caller->connection = std::move(ref);
    } else if (!open && integration.auth.mode != config::AuthMode::None) {
      send_error(response, 400, jsonrpc::kInvalidRequest,
                 "Integration '" + integration.key +
                     "' needs a connection: send a connection-id header or a connection_id "
                     "query parameter");
      return nullptr;
    }
  } catch (const store::StoreError& e) {
    Poco::Logger::get("mcp").error("caller check failed: %s", std::string(e.what()));
    response.set("Retry-After", "1");
    send_error(response, 503, jsonrpc::kInternalError,
               "Service Unavailable: the database cannot be read; retry shortly");
    return nullptr;
  }
  return caller;
}

bool Service::Impl::admit(http::Request& request, http::Response& response,
                          const std::string& path_prefix,
                          const registry::ServedIntegration*& integration,
                          std::shared_ptr<const Caller>& caller) {
  if (auto refusal = refuse_at_door(request, door)) {
    send_error(response, 403, jsonrpc::kInvalidRequest, "Forbidden: " + *refusal);
    return false;
  }
  std::string path = Poco::URI(request.getURI()).getPath();
  std::string key;
  if (path.size() > path_prefix.size() + 1 && path.compare(0, path_prefix.size(), path_prefix) == 0)
    key = path.substr(path_prefix.size() + 1);
  else if (request.has("provider-config-key"))
    key = request.get("provider-config-key");
  if (key.empty()) {
    send_error(response, 400, jsonrpc::kInvalidRequest,
               "No integration named: POST to " + path_prefix +
                   "/{integration} or send a provider-config-key header naming one");
    return false;
  }
  integration = registry.find(key);
  if (!integration) {
    unknown_integration(response, key);
    return false;
  }
  caller = identify(request, response, *integration);
  return caller != nullptr;
}

bool Service::Impl::read_body(http::Request& request, http::Response& response, std::string& body) {
  auto limit = options.max_body_bytes;
  if (request.hasContentLength() && static_cast<uint64_t>(request.getContentLength64()) > limit) {
    response.setKeepAlive(false); // not worth draining: the connection closes after the answer
    send_error(response, 413, jsonrpc::kInvalidRequest,
               "Request body too large (limit " + std::to_string(limit) + " bytes)");
    return false;
  }
  auto& in = request.stream();
  char buffer[8192];
  while (in) {
    in.read(buffer, sizeof buffer);
    body.append(buffer, static_cast<size_t>(in.gcount()));
    if (body.size() > limit) {
      response.setKeepAlive(false);
      send_error(response, 413, jsonrpc::kInvalidRequest,
                 "Request body too large (limit " + std::to_string(limit) + " bytes)");
      return false;
    }
  }
  return true;
}

Exchange Service::Impl::exchange_for(const registry::ServedIntegration& integration,
                                     std::shared_ptr<const Caller> caller) const {
  Exchange exchange;
  exchange.integration = &integration;
  exchange.caller = std::move(caller);
  exchange.backends = &backends;
  exchange.options = &options;
  exchange.signer = &signer;
  exchange.tasks = tasks.get();
  return exchange;
}

void Service::Impl::on_change(const ChangeFeed::Change& change) {
  std::vector<std::string> integrations;
  for (const auto& integration : registry.integrations())
    if (integration.plugin && integration.plugin->id() == change.plugin_id)
      integrations.push_back(integration.config.key);
  if (integrations.empty())
    return;
  bool updated = change.kind == AH_NOTIFY_RESOURCE_UPDATED;
  std::string message = change_notification(change.kind, change.uri);
  sessions.for_each([&](Session& session) {
    if (std::find(integrations.begin(), integrations.end(), session.integration()) ==
        integrations.end())
      return;
    // resources/updated only for a subscribed URI; list changes to every session with a stream.
    if (!updated || session.subscribed(change.uri))
      session.push_if_listening(message);
  });
  listens.deliver(integrations, change.kind, change.uri);
}

bool Service::Impl::wait_unless_stopping(std::chrono::milliseconds timeout) {
  std::unique_lock lock(stop_mutex);
  stop_cv.wait_for(lock, timeout, [&] { return stopping.load(); });
  return !stopping;
}

namespace {

bool has_claim(const jsonrpc::Message& message) {
  if (!message.params)
    return false;
  auto meta = message.params->getObject("_meta");
  return meta && meta->has("io.modelcontextprotocol/protocolVersion");
}

std::string trimmed_header(const http::Request& request, const std::string& name) {
  return request.has(name) ? Poco::trim(request.get(name)) : std::string();
}

} // namespace

// Reads what is left of a request body once the request is answered. A POST refused before its
// body was read (403, 404, 415, ...) would otherwise leave the body on a keep-alive connection,
// where it would be parsed as the start of the next request.
BodyDrain::~BodyDrain() {
  if (!response_.getKeepAlive())
    return; // the connection closes after this answer: nothing to protect
  try {
    auto& in = request_.stream();
    char buffer[8192];
    uint64_t drained = 0;
    while (in && drained <= limit_) {
      in.read(buffer, sizeof buffer);
      drained += static_cast<uint64_t>(in.gcount());
    }
  } catch (const std::exception&) {
    // The connection is broken anyway; Poco closes it.
  }
}

void Service::Impl::post(http::Request& request, http::Response& response) {
  BodyDrain drain(request, response, options.max_body_bytes);
  const registry::ServedIntegration* integration = nullptr;
  std::shared_ptr<const Caller> caller;
  if (!admit(request, response, "/mcp", integration, caller))
    return;
  std::string content_type = Poco::toLower(request.getContentType());
  if (content_type.find("application/json") == std::string::npos) {
    send_error(response, 415, jsonrpc::kInvalidRequest,
               "Unsupported Media Type: Content-Type must be application/json");
    return;
  }
  std::string text;
  if (!read_body(request, response, text))
    return;
  jsonrpc::Body body;
  try {
    body = jsonrpc::parse(text, {options.max_json_depth});
  } catch (const jsonrpc::ParseFailure& failure) {
    send_error(response, 400, failure.error.code, failure.error.message);
    return;
  }
  std::string header_version = trimmed_header(request, "MCP-Protocol-Version");
  if (body.batch) {
    for (const auto& m : body.messages)
      if (has_claim(m) || m.method == "initialize") {
        send_error(response, 400, jsonrpc::kInvalidRequest,
                   "Invalid Request: initialize and stateless (2026-07-28) requests cannot be "
                   "batched");
        return;
      }
    session_post(request, response, *integration, caller, body);
    return;
  }
  auto& message = body.messages.front();
  if (message.kind == jsonrpc::Message::Kind::Invalid) {
    send_error(response, 400, jsonrpc::kInvalidRequest,
               "Invalid Request: " + message.error->message, message.id);
    return;
  }
  bool modern_header = versions::names_stateless_era(header_version);
  if (message.method == "initialize" && !has_claim(message)) {
    if (modern_header) {
      send_error(response, 400, jsonrpc::kHeaderMismatch,
                 "initialize belongs to the session era but MCP-Protocol-Version names " +
                     header_version,
                 message.id);
      return;
    }
    session_post(request, response, *integration, caller, body);
    return;
  }
  if ((message.kind == jsonrpc::Message::Kind::Request ||
       message.kind == jsonrpc::Message::Kind::Notification) &&
      (has_claim(message) || modern_header)) {
    stateless_post(request, response, *integration, caller, message);
    return;
  }
  session_post(request, response, *integration, caller, body);
}

Service::Service(const registry::Registry& registry, Options options,
                 std::shared_ptr<ChangeFeed> changes, Backends backends)
    : impl_(std::make_shared<Impl>(registry, std::move(options), std::move(backends))),
      changes_(std::move(changes)) {
  if (changes_)
    change_listener_ = changes_->subscribe(
        [impl = impl_.get()](const ChangeFeed::Change& change) { impl->on_change(change); });
}

Service::~Service() {
  stop();
}

void Service::add_routes(http::Router& router) {
  auto impl = impl_;
  for (const char* path : {"/mcp", "/mcp/*"}) {
    router.add("POST", path, [impl](auto& rq, auto& rs) { impl->post(rq, rs); });
    router.add("GET", path, [impl](auto& rq, auto& rs) { impl->get(rq, rs); });
    router.add("DELETE", path, [impl](auto& rq, auto& rs) { impl->remove(rq, rs); });
  }
  for (const char* path : {"/sse", "/sse/*"})
    router.add("GET", path, [impl](auto& rq, auto& rs) { impl->legacy_stream(rq, rs); });
  router.add("POST", "/messages", [impl](auto& rq, auto& rs) { impl->legacy_post(rq, rs); });
}

void Service::stop() {
  {
    std::lock_guard lock(impl_->stop_mutex);
    if (impl_->stopping)
      return;
    impl_->stopping = true;
  }
  if (changes_)
    changes_->unsubscribe(change_listener_); // no on_change runs from here on
  impl_->stop_cv.notify_all();
  impl_->listens.stop();
  impl_->sessions.stop();
}

} // namespace actionhost::mcp
