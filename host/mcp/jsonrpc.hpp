// JSON-RPC 2.0 as MCP uses it: parsing one message or a batch from a request body, and writing
// responses and errors. Knows nothing about MCP methods.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actionhost::mcp::jsonrpc {

// Standard JSON-RPC codes and the MCP-specific ones.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kResourceNotFound = -32002;
inline constexpr int kUrlElicitationRequired = -32042;
// 2026-07-28 (stateless era) transport errors.
inline constexpr int kHeaderMismatch = -32020;
inline constexpr int kMissingClientCapability = -32021;
inline constexpr int kUnsupportedProtocolVersion = -32022;

// A JSON-RPC error object.
struct Error {
  int code = kInternalError;
  std::string message;
  Poco::Dynamic::Var data; // empty when absent
};

// One message as received. `id` is empty for notifications (and unknown for parse failures).
struct Message {
  enum class Kind { Request, Notification, Response, Invalid };
  Kind kind = Kind::Invalid;
  Poco::Dynamic::Var id;
  std::string method;
  Poco::JSON::Object::Ptr params; // never null for requests/notifications ({} when absent)
  Poco::Dynamic::Var result;      // responses
  std::optional<Error> error;     // error responses, or why an Invalid message is invalid

  bool is_request() const { return kind == Kind::Request; }
};

// A request body: one message or a batch.
struct Body {
  bool batch = false;
  std::vector<Message> messages;
};

struct ParseLimits {
  size_t max_depth = 64; // nesting of arrays/objects
};

// Parses a body. Throws ParseFailure for text that is not JSON (-32700) or is neither an object
// nor a non-empty array (-32600); a malformed member of a batch becomes an Invalid message.
struct ParseFailure {
  Error error;
};
Body parse(std::string_view text, const ParseLimits& limits = {});
// Checks the shape of one parsed value: jsonrpc "2.0", method/id/result/error types.
Message classify(const Poco::Dynamic::Var& value);

// Serialised responses, ready to send.
std::string result_response(const Poco::Dynamic::Var& id, const Poco::Dynamic::Var& result);
std::string error_response(const Poco::Dynamic::Var& id, const Error& error);
// A server-to-client notification or request.
std::string notification(const std::string& method, const Poco::JSON::Object::Ptr& params);
std::string request(const Poco::Dynamic::Var& id, const std::string& method,
                    const Poco::JSON::Object::Ptr& params);

// Compact JSON text of any Poco JSON value.
std::string to_json(const Poco::Dynamic::Var& value);

} // namespace actionhost::mcp::jsonrpc
