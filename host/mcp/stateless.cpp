// Streamable HTTP in the stateless era (2026-07-28): no session; every request carries its
// protocol version, client capabilities and log level in params._meta, and the Mcp-Method /
// Mcp-Name headers repeat what the body says so intermediaries can route without parsing it.
#include "dispatcher.hpp"
#include "post_stream.hpp"
#include "service_impl.hpp"
#include "versions.hpp"

#include <Poco/Base64Decoder.h>
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

// Mcp-Name values may be "=?base64?...?=" when the name is not plain ASCII.
std::optional<std::string> decode_name(const std::string& value) {
  if (value.rfind("=?base64?", 0) != 0)
    return value;
  if (value.size() < 12 || value.compare(value.size() - 2, 2, "?=") != 0)
    return std::nullopt;
  try {
    std::istringstream in(value.substr(9, value.size() - 11));
    Poco::Base64Decoder decoder(in);
    return std::string((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

// The name a method's Mcp-Name header must repeat, or nothing for methods without one.
std::optional<std::string> body_name(const jsonrpc::Message& message) {
  const char* field = message.method == "resources/read" ? "uri"
                      : (message.method == "tools/call" || message.method == "prompts/get")
                          ? "name"
                          : nullptr;
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

} // namespace

void Service::Impl::stateless_post(http::Request& request, http::Response& response,
                                   const registry::ServedIntegration& integration,
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
    auto header_name = request.has("Mcp-Name") ? decode_name(Poco::trim(request.get("Mcp-Name")))
                                               : std::optional<std::string>();
    if (!header_name || *header_name != *name) {
      send_error(response, 400, jsonrpc::kHeaderMismatch,
                 "Header mismatch: Mcp-Name must repeat '" + *name + "'", id,
                 mismatch(request.get("Mcp-Name", ""), *name));
      return;
    }
  }
  if (message.kind == jsonrpc::Message::Kind::Notification) {
    response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_ACCEPTED);
    response.setContentLength(0);
    response.send();
    return;
  }

  auto exchange = exchange_for(integration);
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
    // The stream stays open until the client closes it or the server stops; list changes are
    // sent on it (only the kinds requested).
    Object::Ptr requested = message.params->getObject("notifications");
    Object::Ptr honoured = new Object;
    if (requested)
      for (const char* kind : {"toolsListChanged", "promptsListChanged", "resourcesListChanged"})
        if (requested->optValue<bool>(kind, false))
          honoured->set(kind, true);
    auto& out = sse::start(response);
    Object::Ptr ack_meta = new Object;
    ack_meta->set(kSubscriptionKey, id);
    Object::Ptr ack = new Object;
    ack->set("_meta", ack_meta);
    ack->set("notifications", honoured);
    bool open = sse::write(
        out, sse::frame(jsonrpc::notification("notifications/subscriptions/acknowledged", ack)));
    while (open && wait_unless_stopping(std::chrono::seconds(15)))
      open = sse::write(out, sse::kKeepAlive);
    if (open) {
      Object::Ptr done = new Object;
      done->set("resultType", "complete");
      done->set("_meta", ack_meta);
      sse::write(out, sse::frame(jsonrpc::result_response(id, done)));
    }
    return;
  }

  PostStream stream(response, {nullptr, false, exchange.cancel});
  exchange.out = &stream;
  Reply reply = dispatch(message, exchange);
  if (reply.result)
    stamp(reply.result, message.method, exchange);
  stream.finish(reply.to_json(id), reply.http_status);
}

} // namespace actionhost::mcp
