// One request being served: everything the method dispatcher and the call channel need to know
// about who asks, in which era and version, and where related messages go.
#pragma once

#include "caller.hpp"
#include "jsonrpc.hpp"
#include "mcp.hpp"
#include "request_state.hpp"
#include "sessions.hpp"

#include <Poco/JSON/Object.h>

#include <memory>
#include <optional>
#include <string>

namespace actionhost::mcp {

class Tasks;

// Where a call's notifications and server-to-client requests go: the POST's own response
// (upgraded to SSE on the first message) or a session's stream. Thread-safe.
class Outbound {
public:
  virtual ~Outbound() = default;
  virtual void send(const std::string& message) = 0;
};

struct Exchange {
  const registry::ServedIntegration* integration = nullptr;
  std::shared_ptr<const Caller> caller = std::make_shared<const Caller>();
  const Backends* backends = nullptr;
  const Options* options = nullptr;
  const StateSigner* signer = nullptr;
  std::string version;
  bool stateless = false;
  Poco::JSON::Object::Ptr client_capabilities = new Poco::JSON::Object;
  Poco::JSON::Object::Ptr meta = new Poco::JSON::Object; // the request's params._meta
  int log_level = -1;                                    // -1: no notifications/message
  Outbound* out = nullptr;                               // null: notifications are dropped
  Session* session = nullptr;                            // session era only
  Tasks* tasks = nullptr; // the tasks extension (tasks.hpp); null: no tasks
  std::shared_ptr<plugins::CancelToken> cancel = std::make_shared<plugins::CancelToken>();
};

// What a method produced: a result, or an error with the HTTP status it calls for.
struct Reply {
  Poco::JSON::Object::Ptr result;
  std::optional<jsonrpc::Error> error;
  int http_status = 200;

  static Reply ok(Poco::JSON::Object::Ptr result) { return {std::move(result), std::nullopt, 200}; }
  static Reply fail(int code, std::string message, Poco::Dynamic::Var data = {}, int status = 200) {
    return {nullptr, jsonrpc::Error{code, std::move(message), std::move(data)}, status};
  }
  std::string to_json(const Poco::Dynamic::Var& id) const;
};

// Log levels by MCP name ("debug" .. "emergency"), -1 when unknown.
int log_level_from_name(const std::string& name);
const char* log_level_name(int level);

} // namespace actionhost::mcp
