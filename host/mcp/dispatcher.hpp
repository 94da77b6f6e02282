// The MCP methods, independent of transport and era: given one request and its Exchange, runs it
// against the integration's plugin and says what to answer. The transports decide how the answer
// travels (JSON or SSE, which headers) and stamp era-specific fields.
#pragma once

#include "exchange.hpp"

namespace actionhost::mcp {

// The session era's InitializeResult for a negotiated version.
Poco::JSON::Object::Ptr initialize_result(const Exchange& exchange);
// The stateless era's DiscoverResult.
Poco::JSON::Object::Ptr discover_result(const Exchange& exchange);
// The server's capabilities for a version.
Poco::JSON::Object::Ptr server_capabilities(const std::string& version);
// {name, title, version, description} of the integration as an MCP server.
Poco::JSON::Object::Ptr server_info(const Exchange& exchange);

// Every method except initialize (which creates a session, so its transport answers it).
// Unknown methods and methods the era removed answer -32601 (HTTP 404 in the stateless era).
Reply dispatch(const jsonrpc::Message& request, Exchange& exchange);

// Methods whose results carry ttlMs/cacheScope in the stateless era.
bool is_cacheable(const std::string& method);

} // namespace actionhost::mcp
