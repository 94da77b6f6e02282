// Streamable HTTP in the session era (2025-03-26, 2025-06-18, 2025-11-25, and 2024-11-05 clients
// that speak it): initialize opens a session, every later request names it, GET opens the
// server-to-client stream, DELETE ends the session.
#include "dispatcher.hpp"
#include "post_stream.hpp"
#include "service_impl.hpp"
#include "versions.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/String.h>

namespace actionhost::mcp {
namespace {

constexpr int kSessionNotFound = -32001;
constexpr int kServerError = -32000;

using Poco::Dynamic::Var;

// The id as map key: its JSON text, so 1 and "1" stay apart.
std::string id_key(const Var& id) {
  return jsonrpc::to_json(id);
}

// Finds the session a request names: 400 without one, 404 for an unknown or ended one, and 404
// too for a session another caller opened (another key or connection), so a session id found
// elsewhere reveals nothing, not even that the session exists.
std::shared_ptr<Session> session_of(Service::Impl& impl, http::Request& request,
                                    http::Response& response,
                                    const registry::ServedIntegration& integration,
                                    const Caller& caller) {
  if (!request.has("Mcp-Session-Id")) {
    send_error(response, 400, kServerError,
               "Bad Request: Mcp-Session-Id header is required (send initialize first)");
    return nullptr;
  }
  auto session = impl.sessions.find(request.get("Mcp-Session-Id"));
  if (!session || session->integration() != integration.config.key ||
      !session->caller()->same_as(caller)) {
    send_error(response, 404, kSessionNotFound,
               "Session not found: it ended or never existed; send initialize again");
    return nullptr;
  }
  return session;
}

void initialize(Service::Impl& impl, http::Request& request, http::Response& response,
                const registry::ServedIntegration& integration,
                const std::shared_ptr<const Caller>& caller, const jsonrpc::Message& message) {
  if (request.has("Mcp-Session-Id") && impl.sessions.find(request.get("Mcp-Session-Id"))) {
    send_error(response, 400, jsonrpc::kInvalidRequest,
               "Invalid Request: this session is already initialized", message.id);
    return;
  }
  auto exchange = impl.exchange_for(integration, caller);
  exchange.version =
      versions::negotiate(message.params->optValue<std::string>("protocolVersion", ""));
  auto session = impl.sessions.create(integration.config.key, exchange.version,
                                      message.params->getObject("capabilities"), caller);
  response.set("Mcp-Session-Id", session->id());
  http::send_json(response, 200, jsonrpc::result_response(message.id, initialize_result(exchange)));
}

// A notification or a client's response to one of our requests.
void receive(Session& session, const jsonrpc::Message& message) {
  if (message.kind == jsonrpc::Message::Kind::Response) {
    std::string error;
    if (message.error)
      error = message.error->message.empty() ? "the client answered with an error"
                                             : message.error->message;
    session.resolve(message.id.isString() ? message.id.toString() : id_key(message.id),
                    message.error ? std::string() : jsonrpc::to_json(message.result), error);
    return;
  }
  if (message.method == "notifications/initialized") {
    session.initialized = true;
  } else if (message.method == "notifications/cancelled") {
    if (message.params->has("requestId"))
      session.cancel(id_key(message.params->get("requestId")));
  }
}

Exchange exchange_in(Service::Impl& impl, const registry::ServedIntegration& integration,
                     Session& session, const jsonrpc::Message& message) {
  auto exchange = impl.exchange_for(integration, session.caller());
  exchange.version = session.version();
  exchange.client_capabilities = session.client_capabilities();
  exchange.session = &session;
  exchange.log_level = session.log_level;
  if (auto meta = message.params->getObject("_meta"))
    exchange.meta = meta;
  return exchange;
}

// Runs one request; calls that can be cancelled are tracked until they return. Nothing when the
// client cancelled it (notifications/cancelled): the spec asks for no response then.
std::optional<Reply> run(Session& session, const jsonrpc::Message& message, Exchange& exchange) {
  std::string key = id_key(message.id);
  session.track(key, exchange.cancel);
  Reply reply = dispatch(message, exchange);
  if (session.untrack(key))
    return std::nullopt;
  return reply;
}

} // namespace

void Service::Impl::session_post(http::Request& request, http::Response& response,
                                 const registry::ServedIntegration& integration,
                                 const std::shared_ptr<const Caller>& caller, jsonrpc::Body& body) {
  if (!body.batch && body.messages.front().method == "initialize" &&
      body.messages.front().is_request()) {
    initialize(*this, request, response, integration, caller, body.messages.front());
    return;
  }
  auto session = session_of(*this, request, response, integration, *caller);
  if (!session)
    return;
  struct Busy {
    Session& s;
    explicit Busy(Session& session) : s(session) { s.enter(); }
    ~Busy() { s.leave(); }
  } busy(*session);

  std::string header_version = Poco::trim(request.get("MCP-Protocol-Version", ""));
  if (!header_version.empty() && !versions::is_session_version(header_version)) {
    std::string supported;
    for (const auto& v : versions::session_versions())
      supported += (supported.empty() ? "" : ", ") + v;
    send_error(response, 400, kServerError,
               "Bad Request: Unsupported protocol version: " + header_version +
                   " (supported versions: " + supported + ")");
    return;
  }
  if (body.batch && !versions::allows_batches(session->version())) {
    send_error(response, 400, jsonrpc::kInvalidRequest,
               "Invalid Request: JSON-RPC batches are not allowed in protocol version " +
                   session->version() + " (only 2025-03-26)");
    return;
  }

  std::vector<const jsonrpc::Message*> requests;
  for (const auto& message : body.messages) {
    if (message.is_request())
      requests.push_back(&message);
    else if (message.kind != jsonrpc::Message::Kind::Invalid)
      receive(*session, message);
  }
  if (!body.batch) {
    if (requests.empty()) {
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_ACCEPTED);
      response.setContentLength(0);
      response.send();
      return;
    }
    const auto& message = *requests.front();
    auto exchange = exchange_in(*this, integration, *session, message);
    PostStream stream(response, {session.get(), versions::primes_streams(session->version()), {}});
    exchange.out = &stream;
    if (auto reply = run(*session, message, exchange))
      stream.finish(reply->to_json(message.id), 200);
    else
      stream.abandon();
    return;
  }
  // A 2025-03-26 batch: one array of responses (invalid members answered in place).
  Poco::JSON::Array::Ptr answers = new Poco::JSON::Array;
  for (const auto& message : body.messages) {
    if (message.kind == jsonrpc::Message::Kind::Invalid) {
      answers->add(Poco::JSON::Parser().parse(jsonrpc::error_response(message.id, *message.error)));
    } else if (message.is_request()) {
      auto exchange = exchange_in(*this, integration, *session, message);
      if (auto reply = run(*session, message, exchange))
        answers->add(Poco::JSON::Parser().parse(reply->to_json(message.id)));
    }
  }
  if (answers->size() == 0) {
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_ACCEPTED);
    response.setContentLength(0);
    response.send();
    return;
  }
  http::send_json(response, 200, jsonrpc::to_json(answers));
}

void Service::Impl::get(http::Request& request, http::Response& response) {
  const registry::ServedIntegration* integration = nullptr;
  std::shared_ptr<const Caller> caller;
  if (!admit(request, response, "/mcp", integration, caller))
    return;
  if (request.get("Accept", "").find("text/event-stream") == std::string::npos) {
    send_error(response, 406, kServerError, "Not Acceptable: Client must accept text/event-stream");
    return;
  }
  auto session = session_of(*this, request, response, *integration, *caller);
  if (!session)
    return;
  std::string last_event_id = request.get("Last-Event-ID", "");
  bool listener = last_event_id.empty();
  if (listener && !session->claim_listener()) {
    send_error(response, 409, kServerError, "Conflict: Only one SSE stream is allowed per session");
    return;
  }
  session->enter();
  response.set("Mcp-Session-Id", session->id());
  auto& out = sse::start(response);
  bool open = true;
  if (!listener) {
    // Resumption: the events of the lost stream after the last one the client saw.
    if (auto replay = session->replay().after(last_event_id))
      for (const auto& [id, message] : replay->events)
        if (!message.empty())
          open = open && sse::write(out, sse::frame(message, id));
  } else {
    // A client that closes the stream frees the session's one listener slot at once, not at the
    // next keep-alive: it may reconnect right away.
    auto gone = std::make_shared<std::atomic<bool>>(false);
    HangupWatch::Scope watch(hangups, request, [gone, session] {
      *gone = true;
      session->wake();
    });
    uint64_t stream = session->replay().open_stream();
    while (open && !stopping && !*gone) {
      auto messages = session->wait_messages(std::chrono::seconds(15), open, gone.get());
      for (auto& message : messages)
        open =
            open && sse::write(out, sse::frame(message, session->replay().record(stream, message)));
      if (open && messages.empty())
        open = sse::write(out, sse::kKeepAlive);
    }
    session->release_listener();
  }
  session->leave();
}

void Service::Impl::remove(http::Request& request, http::Response& response) {
  const registry::ServedIntegration* integration = nullptr;
  std::shared_ptr<const Caller> caller;
  if (!admit(request, response, "/mcp", integration, caller))
    return;
  auto session = session_of(*this, request, response, *integration, *caller);
  if (!session)
    return;
  sessions.end(session->id());
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentLength(0);
  response.send();
}

} // namespace actionhost::mcp
