// A fake host for the SDK's trampolines: real ah_host_api / ah_registrar_api tables whose
// functions record what the plugin does, and scripted answers for the proxy and the client.
#pragma once

#include <actionhost/plugin.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

// A content block as the host copied it.
struct Block {
  ah_content_kind kind = 0;
  std::string text, data, mime_type, uri, name;
};

// What the fake proxy was asked.
struct SentRequest {
  std::string method, url, body;
  ah::Pairs query, headers;
  uint32_t timeout_ms = 0, flags = 0;
};

// The host's side of one call: what the plugin produced, and scripted answers.
struct ah_call {
  std::vector<std::string> errors;
  std::vector<Block> content;
  std::vector<std::string> structured;
  std::vector<std::pair<std::string, Block>> prompt_messages;
  std::vector<std::string> completions;
  std::vector<std::pair<ah_log_level, std::string>> logs;
  std::vector<std::tuple<double, double, std::string>> progress;
  bool cancelled = false;

  // The proxy: answers a request by filling `answer` (status != AH_OK: a transport failure).
  struct HttpAnswer {
    ah_status status = AH_OK;
    int http_status = 200;
    ah::Pairs headers;
    std::string body, error;
  };
  std::function<HttpAnswer(const SentRequest&)> http;
  std::vector<SentRequest> requests;
  int releases = 0;

  // The MCP client: a question -> status and result JSON.
  struct Question {
    std::string method, params, key;
  };
  std::function<std::pair<ah_status, std::string>(const Question&)> client;
  std::vector<Question> client_requests;
  std::vector<std::pair<ah_notify_kind, std::string>> notifications;

  // Host-owned memory handed to the plugin; cleared by http_release.
  HttpAnswer last_answer;
  std::vector<ah_pair> last_headers;
  std::string last_client_result, last_client_error;
};

// What the registrar was given, copied as the real one copies it.
struct RegisteredAction {
  std::string name, title, description, input_schema, output_schema, meta;
  ah_tristate read_only = 0, destructive = 0, idempotent = 0, open_world = 0;
  std::vector<std::string> scopes;
  uint32_t flags = 0, timeout_ms = 0;
  ah_handler_fn invoke = nullptr;
  void* state = nullptr;
  ah_task_support task_support = AH_TASK_FORBIDDEN;
};
struct RegisteredResource {
  std::string uri, name, title, description, mime_type;
  ah_handler_fn read = nullptr;
  ah_complete_fn complete = nullptr;
  void* state = nullptr;
};
struct RegisteredPrompt {
  std::string name, title, description, arguments;
  ah_handler_fn get = nullptr;
  ah_complete_fn complete = nullptr;
  void* state = nullptr;
};

struct ah_registrar {
  std::vector<RegisteredAction> actions;
  std::vector<RegisteredResource> resources, templates;
  std::vector<RegisteredPrompt> prompts;
  std::vector<std::string> errors;
  std::string refuse_name; // register_* refuses this name or URI with AH_ERR_DUPLICATE
};

// The arguments and identity of one request, owning its strings.
struct Invocation {
  std::string name, arguments = "{}", uri, integration_key = "sample-int", connection_id = "conn-1",
                    end_user_id = "user-9", metadata = R"({"team":"blue"})",
                    settings = R"({"region":"eu"})", request_meta = "{}", execution_id = "exec-42",
                    client_capabilities = R"({"elicitation":{}})";
  uint32_t deadline_ms = 0;

  ah_invocation view() const {
    ah_invocation inv;
    AH_INIT(inv);
    inv.name = ah::view(name);
    inv.arguments_json = ah::view(arguments);
    inv.uri = ah::view(uri);
    inv.integration_key = ah::view(integration_key);
    inv.connection_id = ah::view(connection_id);
    inv.end_user_id = ah::view(end_user_id);
    inv.connection_metadata_json = ah::view(metadata);
    inv.settings_json = ah::view(settings);
    inv.request_meta_json = ah::view(request_meta);
    inv.execution_id = ah::view(execution_id);
    inv.deadline_ms = deadline_ms;
    inv.client_capabilities_json = ah::view(client_capabilities);
    return inv;
  }
};

class FakeHost {
public:
  using InitFn = ah_status (*)(const ah_host_api*, const ah_registrar_api*, void**);

  FakeHost();
  ~FakeHost();
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  // Runs a plugin's init as the host would; shutdown runs when the FakeHost goes away.
  ah_status init(InitFn init, void (*shutdown)(void*) = &ah::shutdown_plugin);

  // Calls a registered action / resource / template / prompt by name (or URI).
  ah_status invoke(const std::string& action, const std::string& arguments_json, ah_call& call);
  ah_status read(const std::string& uri, ah_call& call);
  ah_status read_template(const std::string& uri_template, const std::string& uri,
                          const std::string& variables_json, ah_call& call);
  ah_status get_prompt(const std::string& prompt, const std::string& arguments_json, ah_call& call);
  ah_status complete_prompt(const std::string& prompt, const std::string& argument,
                            const std::string& prefix, ah_call& call);
  ah_status complete_template(const std::string& uri_template, const std::string& variable,
                              const std::string& prefix, ah_call& call);

  const RegisteredAction& action(const std::string& name) const;

  ah_host_api api{};
  ah_registrar registrar;
  ah_registrar_api registrar_api{};
  Invocation invocation; // identity used by every call; name/arguments/uri set per call
  std::vector<std::pair<ah_log_level, std::string>> init_logs;
  std::vector<std::pair<ah_notify_kind, std::string>> notifications; // those without a call

private:
  void* state_ = nullptr;
  void (*shutdown_)(void*) = nullptr;
};
