// The 2024-11-05 HTTP+SSE transport: GET /sse opens the stream and names, in an `endpoint` event,
// the URL to POST messages to; every answer travels on the stream, each POST only gets 202.
#include "dispatcher.hpp"
#include "service_impl.hpp"
#include "versions.hpp"

#include <Poco/String.h>
#include <Poco/URI.h>

namespace actionhost::mcp {
namespace {

// Messages of the session's calls go to its stream.
class StreamOutbound : public Outbound {
public:
  explicit StreamOutbound(Session& session) : session_(session) {}
  void send(const std::string& message) override { session_.push(message); }

private:
  Session& session_;
};

std::string session_param(const http::Request& request) {
  for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters())
    if (name == "sessionId")
      return value;
  return {};
}

} // namespace

void Service::Impl::legacy_stream(http::Request& request, http::Response& response) {
  const registry::ServedIntegration* integration = nullptr;
  std::shared_ptr<const Caller> caller;
  if (!admit(request, response, "/sse", integration, caller))
    return;
  // The session is bound to the caller of this GET: its POSTs must present the same key.
  auto session =
      sessions.create(integration->config.key, std::string(versions::k2024_11_05), {}, caller);
  session->claim_listener();
  session->enter();
  auto& out = sse::start(response);
  bool open = sse::write(out, sse::frame("/messages?sessionId=" + session->id(), {}, "endpoint"));
  // The stream is the session: a client that closes it ends the session at once.
  auto gone = std::make_shared<std::atomic<bool>>(false);
  HangupWatch::Scope watch(hangups, request, [gone, session] {
    *gone = true;
    session->wake();
  });
  while (open && !stopping && !*gone) {
    auto messages = session->wait_messages(std::chrono::seconds(15), open, gone.get());
    for (auto& message : messages)
      open = open && sse::write(out, sse::frame(message));
    if (open && messages.empty())
      open = sse::write(out, sse::kKeepAlive);
  }
  session->leave();
  sessions.end(session->id()); // the stream is the session
}

void Service::Impl::legacy_post(http::Request& request, http::Response& response) {
  BodyDrain drain(request, response, options.max_body_bytes);
  if (auto refusal = refuse_at_door(request, door)) {
    send_error(response, 403, jsonrpc::kInvalidRequest, "Forbidden: " + *refusal);
    return;
  }
  auto session = sessions.find(session_param(request));
  if (!session) {
    send_error(response, 404, -32001, "Session not found: open GET /sse first");
    return;
  }
  // Every POST authenticates again: the key that opened the stream, and no other.
  if (const auto& owner = session->caller(); owner->key) {
    std::optional<store::KeyInfo> key;
    try {
      key = verified_key(request);
    } catch (const store::StoreError&) {
      response.set("Retry-After", "1");
      send_error(response, 503, jsonrpc::kInternalError,
                 "Service Unavailable: the database cannot be read; retry shortly");
      return;
    }
    if (!key || key->id != owner->key_id()) {
      send_unauthorized(response, "Unauthorized: present the secret key that opened this stream");
      return;
    }
  }
  if (Poco::toLower(request.getContentType()).find("application/json") == std::string::npos) {
    send_error(response, 400, jsonrpc::kInvalidRequest,
               "Unsupported Content-Type: POST messages as application/json");
    return;
  }
  const auto* integration = registry.find(session->integration());
  std::string text;
  if (!integration || !read_body(request, response, text))
    return;
  jsonrpc::Body body;
  try {
    body = jsonrpc::parse(text, {options.max_json_depth});
  } catch (const jsonrpc::ParseFailure& failure) {
    send_error(response, 400, failure.error.code, failure.error.message);
    return;
  }
  if (body.batch || body.messages.front().kind == jsonrpc::Message::Kind::Invalid) {
    send_error(response, 400, jsonrpc::kInvalidRequest, "Invalid message: " + text);
    return;
  }
  // Accept first, then work: the answer goes to the stream, and the client may need to POST
  // its answers to our questions meanwhile (on another connection).
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_ACCEPTED);
  response.setContentType("text/plain");
  response.setContentLength(8);
  auto& accepted = response.send(); // send() may be called once per response
  accepted << "Accepted";
  accepted.flush();

  session->enter();
  auto& message = body.messages.front();
  StreamOutbound out(*session);
  auto exchange = exchange_for(*integration, session->caller());
  exchange.session = session.get();
  exchange.out = &out;
  if (message.kind == jsonrpc::Message::Kind::Response) {
    session->resolve(message.id.toString(), message.error ? "" : jsonrpc::to_json(message.result),
                     message.error ? message.error->message : "");
  } else if (message.is_request() && message.method == "initialize") {
    exchange.version =
        versions::negotiate(message.params->optValue<std::string>("protocolVersion", ""));
    session->set_negotiated(exchange.version, message.params->getObject("capabilities"));
    session->push(jsonrpc::result_response(message.id, initialize_result(exchange)));
  } else if (message.is_request()) {
    exchange.version = session->version();
    exchange.client_capabilities = session->client_capabilities();
    exchange.log_level = session->log_level;
    if (auto meta = message.params->getObject("_meta"))
      exchange.meta = meta;
    std::string key = jsonrpc::to_json(message.id);
    session->track(key, exchange.cancel);
    Reply reply = dispatch(message, exchange);
    if (!session->untrack(key)) // a call the client cancelled gets no response
      session->push(reply.to_json(message.id));
  } else if (message.method == "notifications/cancelled" && message.params->has("requestId")) {
    session->cancel(jsonrpc::to_json(message.params->get("requestId")));
  }
  session->leave();
}

} // namespace actionhost::mcp
