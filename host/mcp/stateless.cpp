// Streamable HTTP in the stateless era (2026-07-28): no session; every request carries its
// protocol version, client capabilities and log level in params._meta, and the Mcp-Method /
// Mcp-Name headers repeat what the body says so intermediaries can route without parsing it.
#include "dispatcher.hpp"
#include "post_stream.hpp"
#include "service_impl.hpp"
#include "versions.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <sstream>

namespace actionhost::mcp {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

constexpr const char* kVersionKey = "io.modelcontextprotocol/protocolVersion";
constexpr const char* kCapabilitiesKey = "io.modelcontextprotocol/clientCapabilities";
constexpr const char* kLogLevelKey = "io.modelcontextprotocol/logLevel";
constexpr const char* kServerInfoKey = "io.modelcontextprotocol/serverInfo";
constexpr const char* kSubscriptionKey = "io.modelcontextprotocol/subscriptionId";

// Header values may carry text as "=?base64?<Base64 of the UTF-8>?=" (SEP-2243: names that are
// not plain ASCII, Mcp-Param-* values). Poco decodes RFC 2047 encoded words in header values as it
// reads them ("=?charset?encoding?text?=") and, from anything else that starts like one, drops
// the "=?": the sentinel arrives altered, and not always reversibly. So instead of decoding what
// arrived, compare it with what each legal encoding of the expected text (literal or Base64
// sentinel) turns into on the way in, and with the encoding itself (should the header arrive
// raw). Malformed Base64 matches neither and is refused like any other mismatch.
std::string base64_sentinel(const std::string& text) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << text;
  encoder.close();
  return "=?base64?" + out.str() + "?=";
}

bool header_says(const std::string& received, const std::string& expected) {
  for (const auto& form : {expected, base64_sentinel(expected)})
    if (received == form || received == Poco::trim(Poco::Net::MessageHeader::decodeWord(form)))
      return true;
  return false;
}

// An argument as its Mcp-Param-* header text: strings as they are, integers in decimal, booleans
// as true/false. Numbers may also be written another way ("42.0" for 42).
bool header_carries(const std::string& received, const Var& argument) {
  if (argument.isString())
    return header_says(received, argument.toString());
  if (argument.type() == typeid(bool))
    return header_says(received, argument.extract<bool>() ? "true" : "false");
  if (argument.isNumeric()) {
    if (header_says(received, jsonrpc::to_json(argument)))
      return true;
    double parsed = 0;
    return Poco::NumberParser::tryParseFloat(received, parsed) &&
           parsed == argument.convert<double>();
  }
  return false;
}

// The name a method's Mcp-Name header must repeat, or nothing for methods without one.
std::optional<std::string> body_name(const jsonrpc::Message& message) {
  const std::string& m = message.method;
  const char* field = m == "resources/read"                       ? "uri"
                      : (m == "tools/call" || m == "prompts/get") ? "name"
                                                                  : nullptr;
  if (m == "tasks/get" || m == "tasks/update" || m == "tasks/cancel")
    field = "taskId"; // SEP-2663: tasks route on their id
  if (!field)
    return std::nullopt;
  return message.params->optValue<std::string>(field, "");
}

Var mismatch(const std::string& header, const std::string& body) {
  Object::Ptr detail = new Object;
  detail->set("header", header);
  detail->set("body", body);
  Object::Ptr data = new Object;
  data->set("mismatch", detail);
  return data;
}

// Every result says it is complete (or input_required), list results how long they stay fresh,
// and each names the server in _meta.
void stamp(Object::Ptr& result, const std::string& method, const Exchange& exchange) {
  if (!result->has("resultType"))
    result->set("resultType", "complete");
  if (result->getValue<std::string>("resultType") == "complete" && is_cacheable(method)) {
    if (!result->has("ttlMs"))
      result->set("ttlMs", 0);
    if (!result->has("cacheScope"))
      result->set("cacheScope", "private");
  }
  Object::Ptr meta = result->getObject("_meta");
  if (!meta) {
    meta = new Object;
    result->set("_meta", meta);
  }
  meta->set(kServerInfoKey, server_info(exchange));
}

// tools/call: each argument whose property declares "x-mcp-header": "X" must be repeated in the
// Mcp-Param-X header (SEP-2243), so intermediaries can route on it. Why it does not, or nothing.
std::optional<std::pair<std::string, Var>>
param_header_problem(const http::Request& request, const jsonrpc::Message& message,
                     const registry::ServedIntegration& integration) {
  auto tool = integration.tool(message.params->optValue<std::string>("name", ""));
  if (!tool || !tool->input_schema)
    return std::nullopt;
  auto properties = tool->input_schema->getObject("properties");
  auto arguments = message.params->getObject("arguments");
  if (!properties)
    return std::nullopt;
  for (const auto& [property, definition] : *properties) {
    if (definition.type() != typeid(Object::Ptr))
      continue;
    auto schema = definition.extract<Object::Ptr>();
    if (!schema->has("x-mcp-header") || !schema->get("x-mcp-header").isString())
      continue;
    std::string header = "Mcp-Param-" + schema->get("x-mcp-header").toString();
    Var argument = arguments && arguments->has(property) ? arguments->get(property) : Var();
    if (argument.isEmpty())
      continue; // absent or null: no header expected
    std::string body = argument.isString() ? argument.toString() : jsonrpc::to_json(argument);
    if (!request.has(header))
      return std::pair{"Header mismatch: the " + header + " header is required when arguments." +
                           property + " is given",
                       mismatch("", body)};
    std::string received = Poco::trim(request.get(header));
    if (!header_carries(received, argument))
      return std::pair{"Header mismatch: " + header + " '" + received +
                           "' does not carry arguments." + property + " '" + body +
                           "' (literally or as =?base64?...?=)",
                       mismatch(received, body)};
  }
  return std::nullopt;
}

} // namespace

void Service::Impl::listen(http::Request& request, http::Response& response,
                           const registry::ServedIntegration& integration,
                           const jsonrpc::Message& message) {
  const Var& id = message.id;
  // Only what the request asks for and the server offers (all of it: every list may change, any
  // resource may be watched).
  ListenFilter filter;
  Object::Ptr honoured = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  if (auto requested = message.params->getObject("notifications")) {
    filter.tools = requested->optValue<bool>("toolsListChanged", false);
    filter.prompts = requested->optValue<bool>("promptsListChanged", false);
    filter.resources = requested->optValue<bool>("resourcesListChanged", false);
    if (requested->has("resourceSubscriptions")) {
      auto uris = requested->getArray("resourceSubscriptions");
      if (uris && uris->size() > Session::kMaxSubscriptions) {
        send_error(response, 200, jsonrpc::kInvalidParams,
                   "Invalid params: at most " + std::to_string(Session::kMaxSubscriptions) +
                       " resourceSubscriptions per listen request",
                   id);
        return;
      }
      if (!uris) {
        send_error(response, 200, jsonrpc::kInvalidParams,
                   "Invalid params: notifications.resourceSubscriptions must be an array of URIs",
                   id);
        return;
      }
      for (size_t i = 0; i < uris->size(); ++i)
        if (uris->get(i).isString())
          filter.uris.insert(uris->get(i).toString());
    }
  }
  if (filter.tools)
    honoured->set("toolsListChanged", true);
  if (filter.prompts)
    honoured->set("promptsListChanged", true);
  if (filter.resources)
    honoured->set("resourcesListChanged", true);
  if (!filter.uris.empty()) {
    Poco::JSON::Array::Ptr uris = new Poco::JSON::Array;
    for (const auto& uri : filter.uris)
      uris->add(uri);
    honoured->set("resourceSubscriptions", uris);
  }
  auto stream = listens.open(integration.config.key, filter, id);
  if (!stream) {
    send_error(response, 200, jsonrpc::kInternalError,
               "Too many open subscriptions/listen streams (at most " +
                   std::to_string(kMaxListenStreams) + "); close one and retry",
               id);
    return;
  }
  // The stream stays open until the client closes it (noticed at once by the hangup watch) or
  // the server stops (then it ends with the listen request's result).
  HangupWatch::Scope watch(hangups, request, [stream] { stream->close(); });
  auto& out = sse::start(response);
  Object::Ptr ack_meta = new Object;
  ack_meta->set(kSubscriptionKey, id);
  Object::Ptr ack = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  ack->set("_meta", ack_meta);
  ack->set("notifications", honoured);
  bool writable = sse::write(
      out, sse::frame(jsonrpc::notification("notifications/subscriptions/acknowledged", ack)));
  bool open = true;
  while (writable && open) {
    auto messages = stream->wait(std::chrono::seconds(15), open);
    for (const auto& m : messages)
      writable = writable && sse::write(out, sse::frame(m));
    if (writable && open && messages.empty())
      writable = sse::write(out, sse::kKeepAlive);
  }
  listens.close(stream);
  if (writable && stopping) {
    Object::Ptr done = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    done->set("resultType", "complete");
    done->set("_meta", ack_meta);
    sse::write(out, sse::frame(jsonrpc::result_response(id, done)));
  }
}

void Service::Impl::stateless_post(http::Request& request, http::Response& response,
                                   const registry::ServedIntegration& integration,
                                   const std::shared_ptr<const Caller>& caller,
                                   jsonrpc::Message& message) {
  const Var& id = message.id;
  auto meta = message.params->getObject("_meta");
  if (!meta || !meta->has(kVersionKey) || !meta->get(kVersionKey).isString() ||
      !meta->getObject(kCapabilitiesKey)) {
    send_error(response, 400, jsonrpc::kInvalidParams,
               "Invalid params: a 2026-07-28 request needs params._meta with \"" +
                   std::string(kVersionKey) + "\" and \"" + kCapabilitiesKey + "\"",
               id);
    return;
  }
  std::string claim = meta->getValue<std::string>(kVersionKey);
  std::string header_version = Poco::trim(request.get("MCP-Protocol-Version", ""));
  std::string header_method = Poco::trim(request.get("Mcp-Method", ""));
  if (!header_version.empty() && header_version != claim) {
    send_error(response, 400, jsonrpc::kHeaderMismatch,
               "Header mismatch: MCP-Protocol-Version '" + header_version +
                   "' does not match params._meta protocolVersion '" + claim + "'",
               id, mismatch(header_version, claim));
    return;
  }
  if (!header_method.empty() && header_method != message.method) {
    send_error(response, 400, jsonrpc::kHeaderMismatch,
               "Header mismatch: Mcp-Method '" + header_method + "' does not match method '" +
                   message.method + "'",
               id, mismatch(header_method, message.method));
    return;
  }
  if (!versions::is_stateless_version(claim)) {
    Poco::JSON::Array::Ptr supported = new Poco::JSON::Array;
    for (const auto& v : versions::stateless_versions())
      supported->add(v);
    Object::Ptr data = new Object;
    data->set("supported", supported);
    data->set("requested", claim);
    send_error(response, 400, jsonrpc::kUnsupportedProtocolVersion,
               "Unsupported protocol version '" + claim + "'", id, data);
    return;
  }
  if (header_version.empty() || header_method.empty()) {
    send_error(response, 400, jsonrpc::kHeaderMismatch,
               std::string("Header mismatch: the required ") +
                   (header_version.empty() ? "MCP-Protocol-Version" : "Mcp-Method") +
                   " header is absent",
               id);
    return;
  }
  if (auto name = body_name(message)) {
    if (!request.has("Mcp-Name") || !header_says(Poco::trim(request.get("Mcp-Name")), *name)) {
      send_error(response, 400, jsonrpc::kHeaderMismatch,
                 "Header mismatch: Mcp-Name must repeat '" + *name + "'", id,
                 mismatch(request.get("Mcp-Name", ""), *name));
      return;
    }
  }
  if (message.method == "tools/call")
    if (auto problem = param_header_problem(request, message, integration)) {
      send_error(response, 400, jsonrpc::kHeaderMismatch, problem->first, id, problem->second);
      return;
    }
  if (message.kind == jsonrpc::Message::Kind::Notification) {
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_ACCEPTED);
    response.setContentLength(0);
    response.send();
    return;
  }

  auto exchange = exchange_for(integration, caller);
  exchange.version = claim;
  exchange.stateless = true;
  exchange.meta = meta;
  exchange.client_capabilities = meta->getObject(kCapabilitiesKey);
  if (meta->has(kLogLevelKey)) {
    exchange.log_level = log_level_from_name(meta->optValue<std::string>(kLogLevelKey, ""));
    if (exchange.log_level < 0) {
      send_error(response, 400, jsonrpc::kInvalidParams, "Invalid params: unknown logLevel", id);
      return;
    }
  }

  if (message.method == "subscriptions/listen") {
    listen(request, response, integration, message);
    return;
  }

  // Closing the connection is how a stateless client cancels: before the answer turned into a
  // stream (noticed by the hangup watch) as well as after (noticed when a write fails).
  HangupWatch::Scope watch(hangups, request, [cancel = exchange.cancel] { cancel->cancel(); });
  PostStream stream(response, {nullptr, false, exchange.cancel});
  exchange.out = &stream;
  Reply reply = dispatch(message, exchange);
  if (reply.result)
    stamp(reply.result, message.method, exchange);
  stream.finish(reply.to_json(id), reply.http_status);
}

} // namespace actionhost::mcp
