// Provider plugins: loading a shared library that speaks the C ABI of actionhost/plugin.h, checking
// it before trusting it, and calling what it registered (actions, resources, resource templates,
// prompts) with the host API table behind it.
//
// Ownership: load_plugin returns a shared_ptr<Plugin>. The Plugin owns the library; every Action
// handed out by Plugin::actions() shares that ownership, so the library stays loaded while any
// action is still held. The library is closed only after def->shutdown, and only when the last
// reference goes.
#pragma once

#include <actionhost/plugin.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace actionhost::schema {
class CompiledSchema;
}

namespace actionhost::plugins {

class Plugin;
namespace detail {
struct Access;
struct PluginState;
} // namespace detail

// ---- Loading
// -------------------------------------------------------------------------------------

// Why a plugin was refused. what() is "<file>: plugin '<id>': <reason>", or "<file>: <reason>"
// while the plugin's id is not known yet (missing file, no entry point, another ABI major, ...).
class LoadError : public std::runtime_error {
public:
  LoadError(std::string file, std::string plugin_id, std::string reason);
  const std::string& file() const noexcept { return file_; }
  const std::string& plugin_id() const noexcept { return plugin_id_; }
  const std::string& reason() const noexcept { return reason_; }

private:
  std::string file_, plugin_id_, reason_;
};

// Receives what plugins log outside a request (during init, or with a NULL call).
using LogSink =
    std::function<void(ah_log_level level, const std::string& plugin_id, const std::string& text)>;

// Writes "actionhost: plugin 'slack': warning: text" lines to stderr, from min_level up.
LogSink stderr_log_sink(ah_log_level min_level = AH_LOG_INFO);

// Receives ah_host_api.notify: a resource changed (uri set) or a list changed (uri empty). Plugins
// may call it from any thread between init and shutdown, so implementations must be thread-safe.
using NotifySink =
    std::function<void(const std::string& plugin_id, ah_notify_kind kind, const std::string& uri)>;

struct LoadOptions {
  // Lower- or upper-case hex. When set, the file is refused unless it hashes to this value, and
  // the check happens before the library is opened (opening runs the library's constructors).
  std::optional<std::string> expected_sha256;
  std::string host_version = "0.1.0"; // shown to the plugin (ah_host_api.host_version)
  LogSink log;                        // empty: stderr_log_sink()
  NotifySink notify;                  // empty: notifications are logged at debug level
};

// Opens `path`, checks its ABI version, runs its init and copies everything it registered.
// Throws LoadError on any refusal; never leaves the library half-loaded.
std::shared_ptr<Plugin> load_plugin(const std::string& path, const LoadOptions& options = {});

// The SHA-256 of a file as lower-case hex. Throws std::runtime_error when it cannot be read.
std::string sha256_of_file(const std::string& path);

// "tool error" for AH_ERR_TOOL, "ok" for AH_OK, "status 99" for codes this host does not know.
std::string status_name(ah_status status);

// ---- What a call may need from the outside world
// -------------------------------------------------

using Pairs = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method; // never empty: "GET" when the plugin left it empty
  std::string url;    // as the plugin gave it: a path, or an absolute URL
  Pairs query;
  Pairs headers;
  std::string body;
  uint32_t timeout_ms = 0;
  uint32_t flags = 0; // AH_HTTP_*
};

struct HttpResponse {
  int32_t status = 0; // HTTP status, 0 when none arrived
  Pairs headers;
  std::string body;
  std::string error; // why the request failed; safe to show to a user
  uint32_t attempts = 0;
};

// A question for the MCP client (ah_host_api.client_request).
struct ClientRequest {
  std::string method;      // "elicitation/create", "sampling/createMessage", "roots/list"
  std::string params_json; // the request's params object
  // Names the question across round trips of the stateless era. When the plugin leaves it empty
  // the host numbers questions in the order asked ("1", "2", ...), which a re-run repeats.
  std::string key;
};

struct ClientReply {
  std::string result_json; // the JSON-RPC result object the client sent
  std::string error;       // why the request failed
};

// The outside world of one call, supplied by whoever runs it (the MCP session, the CLI, a test).
// Methods may be called from any thread the plugin uses while the call runs.
class CallServices {
public:
  virtual ~CallServices() = default;
  // One request through the integration's authenticated proxy (ah_host_api.http_request).
  virtual ah_status http_request(const HttpRequest& request, HttpResponse& response) = 0;
  // elicitation/create, sampling/createMessage, roots/list (ah_host_api.client_request). May
  // return AH_ERR_INPUT_REQUIRED to record the question for a later round trip.
  virtual ah_status client_request(const ClientRequest& request, ClientReply& reply) = 0;
  // notifications/progress; total is empty when unknown.
  virtual void progress(double progress, std::optional<double> total,
                        const std::string& message) = 0;
  // A log line the plugin attached to this call (notifications/message).
  virtual void log(ah_log_level level, const std::string& text) = 0;
  // True once the request is cancelled for a reason the caller knows (client went away, ...).
  virtual bool cancelled() { return false; }
};

// Passes every service on to `inner`. Decorators derive from it and override only what they
// change (the proxy for http_request, a task noticing progress, ...).
class ForwardingCallServices : public CallServices {
public:
  explicit ForwardingCallServices(CallServices& inner) : inner_(inner) {}
  ah_status http_request(const HttpRequest& request, HttpResponse& response) override {
    return inner_.http_request(request, response);
  }
  ah_status client_request(const ClientRequest& request, ClientReply& reply) override {
    return inner_.client_request(request, reply);
  }
  void progress(double progress, std::optional<double> total, const std::string& message) override {
    inner_.progress(progress, total, message);
  }
  void log(ah_log_level level, const std::string& text) override { inner_.log(level, text); }
  bool cancelled() override { return inner_.cancelled(); }

protected:
  CallServices& inner_;
};

// For the CLI and tests: no proxy, no client features; progress is dropped, logs go to a sink.
class DefaultCallServices : public CallServices {
public:
  explicit DefaultCallServices(std::string plugin_id = {}, LogSink log = {});
  ah_status http_request(const HttpRequest& request, HttpResponse& response) override;
  ah_status client_request(const ClientRequest& request, ClientReply& reply) override;
  void progress(double progress, std::optional<double> total, const std::string& message) override;
  void log(ah_log_level level, const std::string& text) override;

private:
  std::string plugin_id_;
  LogSink log_;
};

// Cancellation and deadline of one call, shared between the caller (who may cancel from another
// thread) and the plugin (who polls ah_host_api.is_cancelled). Thread-safe.
class CancelToken {
public:
  using Clock = std::chrono::steady_clock;
  void cancel() noexcept;
  void set_deadline(Clock::time_point deadline) noexcept;
  std::optional<Clock::time_point> deadline() const noexcept;
  // True once cancel() was called or the deadline passed.
  bool cancelled() const noexcept;

private:
  std::atomic<bool> cancelled_{false};
  std::atomic<int64_t> deadline_ns_{0}; // 0 = none
};

// Who is asking: copied into ah_invocation. JSON fields hold object text ("{}" when empty).
struct RequestInfo {
  std::string integration_key;
  std::string connection_id;
  std::string end_user_id;
  std::string connection_metadata_json = "{}";
  std::string settings_json = "{}";
  std::string request_meta_json = "{}";
  std::string execution_id;
  std::string client_capabilities_json = "{}";
};

struct CallOptions {
  CallServices* services = nullptr;    // null: a DefaultCallServices for this call
  std::shared_ptr<CancelToken> cancel; // null: only the action's own timeout applies
  RequestInfo request;
};

// ---- Results
// -------------------------------------------------------------------------------------

// An MCP CallToolResult. Plugin failures are tool errors (is_error), never exceptions.
struct ToolResult {
  bool is_error = false;
  // The plugin's status, or the host's reason for is_error. AH_ERR_INPUT_REQUIRED means the
  // action asked the client through CallServices::client_request and must be run again once
  // the client answers.
  ah_status status = AH_OK;
  Poco::JSON::Array::Ptr content = new Poco::JSON::Array; // MCP content blocks
  Poco::JSON::Object::Ptr structured_content;             // null when none

  // {"content": [...], "structuredContent": {...}, "isError": true}
  Poco::JSON::Object::Ptr to_json() const;
  // The text blocks joined by newlines (for logs, the CLI and tests).
  std::string text() const;
};

// resources/read. status != AH_OK means the read failed; error says why.
struct ResourceResult {
  ah_status status = AH_OK;
  std::string error;
  Poco::JSON::Array::Ptr contents = new Poco::JSON::Array; // {uri, mimeType?, text | blob}
};

// prompts/get.
struct PromptResult {
  ah_status status = AH_OK;
  std::string error;
  std::string description;
  Poco::JSON::Array::Ptr messages = new Poco::JSON::Array; // {role, content}
};

// completion/complete. At most 100 values; total counts every value the plugin offered.
struct CompletionResult {
  ah_status status = AH_OK;
  std::string error;
  std::vector<std::string> values;
  size_t total = 0;
  bool has_more = false;
};

// ---- What a plugin registered
// --------------------------------------------------------------------

// MCP ToolAnnotations hints; empty means the plugin left them unset.
struct ToolAnnotations {
  std::optional<bool> read_only;
  std::optional<bool> destructive;
  std::optional<bool> idempotent;
  std::optional<bool> open_world;
};

class Action {
public:
  std::string name;
  std::string title;
  std::string description;
  Poco::JSON::Object::Ptr input_schema;
  Poco::JSON::Object::Ptr output_schema; // null when the action declares none
  std::shared_ptr<const schema::CompiledSchema> input_validator;
  std::shared_ptr<const schema::CompiledSchema> output_validator; // null with output_schema
  ToolAnnotations annotations;
  std::vector<std::string> scopes;
  uint32_t flags = 0;           // AH_ACTION_*
  uint32_t timeout_ms = 0;      // 0: the caller's default
  Poco::JSON::Object::Ptr meta; // null when none
  // Whether a client may run the action as an MCP task: AH_TASK_FORBIDDEN (the default),
  // AH_TASK_OPTIONAL or AH_TASK_REQUIRED.
  ah_task_support task_support = AH_TASK_FORBIDDEN;

  bool serialized() const { return (flags & AH_ACTION_SERIALIZED) != 0; }
  // "forbidden", "optional" or "required", as MCP's execution.taskSupport says it.
  const char* task_support_name() const;

  // Validates `arguments` (null counts as {}) against the input schema, runs the action and
  // checks what it returned. Every failure, the plugin's or the host's, is a tool error.
  // Blocks until the plugin returns; serialized actions wait for the previous call.
  ToolResult call(const Poco::JSON::Object::Ptr& arguments, const CallOptions& options = {}) const;

  // The MCP Tool object for tools/list. `with_execution`: protocol versions that know tasks
  // (2025-11-25 and later) also get execution.taskSupport, left out when forbidden (its default).
  Poco::JSON::Object::Ptr to_mcp(bool with_execution = true) const;

  const Plugin& plugin() const { return *plugin_; }

private:
  friend struct detail::Access;
  const Plugin* plugin_ = nullptr;
  ah_handler_fn invoke_ = nullptr;
  void* state_ = nullptr;
  std::shared_ptr<std::mutex> serial_ = std::make_shared<std::mutex>();
};

class Resource {
public:
  std::string uri, name, title, description, mime_type;
  int64_t size = 0;                    // 0: unknown
  Poco::JSON::Object::Ptr annotations; // null when none
  Poco::JSON::Object::Ptr to_mcp() const;

private:
  friend struct detail::Access;
  ah_handler_fn read_ = nullptr;
  void* state_ = nullptr;
};

class ResourceTemplate {
public:
  std::string uri_template, name, title, description, mime_type;
  Poco::JSON::Object::Ptr annotations;
  bool completes() const { return complete_ != nullptr; }
  // The template's variables when `uri` matches it (RFC 6570 level 1), else nothing.
  std::optional<Poco::JSON::Object::Ptr> match(const std::string& uri) const;
  Poco::JSON::Object::Ptr to_mcp() const;

private:
  friend struct detail::Access;
  ah_handler_fn read_ = nullptr;
  ah_complete_fn complete_ = nullptr;
  void* state_ = nullptr;
};

struct PromptArgument {
  std::string name;
  std::string description;
  bool required = false;
};

class Prompt {
public:
  std::string name, title, description;
  std::vector<PromptArgument> arguments;
  bool completes() const { return complete_ != nullptr; }
  Poco::JSON::Object::Ptr to_mcp() const;

private:
  friend struct detail::Access;
  ah_handler_fn get_ = nullptr;
  ah_complete_fn complete_ = nullptr;
  void* state_ = nullptr;
};

// ---- The plugin
// ----------------------------------------------------------------------------------

class Plugin {
public:
  ~Plugin(); // shuts down if nobody did, then closes the library
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  const std::string& id() const;
  const std::string& version() const;
  const std::string& title() const;
  const std::string& description() const;
  const std::string& file() const;   // the path it was loaded from
  const std::string& sha256() const; // of the file, lower-case hex
  uint16_t abi_major() const;        // the ABI the plugin was built against
  uint16_t abi_minor() const;
  std::string abi_version() const; // "1.0"

  // Each shares ownership of this plugin (and so keeps its library loaded).
  std::vector<std::shared_ptr<const Action>> actions() const;
  std::shared_ptr<const Action> action(const std::string& name) const; // null when unknown
  const std::vector<Resource>& resources() const;
  const std::vector<ResourceTemplate>& resource_templates() const;
  const std::vector<Prompt>& prompts() const;

  // resources/read: a fixed resource with this URI, else the first template that matches.
  ResourceResult read_resource(const std::string& uri, const CallOptions& options = {}) const;
  // prompts/get. Arguments are strings; required ones must be present.
  PromptResult get_prompt(const std::string& name, const Poco::JSON::Object::Ptr& arguments,
                          const CallOptions& options = {}) const;
  // completion/complete for an argument of a prompt (ref is its name) or of a resource template
  // (ref is its URI template). `context` holds the other arguments already given (may be null).
  enum class CompletionRef { prompt, resource_template };
  CompletionResult complete(CompletionRef kind, const std::string& ref, const std::string& argument,
                            const std::string& value, const Poco::JSON::Object::Ptr& context,
                            const CallOptions& options = {}) const;

  // Waits for running calls, then calls the plugin's shutdown once. Later calls fail with
  // "plugin 'x' is shut down". Call it on the main thread; the destructor calls it otherwise.
  void shutdown();

private:
  friend struct detail::Access;
  explicit Plugin(std::unique_ptr<detail::PluginState> state);
  std::unique_ptr<detail::PluginState> state_;
  std::weak_ptr<Plugin> self_;
};

} // namespace actionhost::plugins
