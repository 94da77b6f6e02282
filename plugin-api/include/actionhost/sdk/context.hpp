// ah::Context: what an action sees of its request and of the host (proxy, log, progress,
// cancellation, client requests, connection, settings). One per callback; do not keep it.
#pragma once

#include <actionhost/plugin.h>
#include <actionhost/sdk/decode.hpp>
#include <actionhost/sdk/http.hpp>
#include <actionhost/sdk/schema.hpp>

#include <chrono>

namespace ah {

enum class LogLevel : ah_log_level {
  debug = AH_LOG_DEBUG,
  info = AH_LOG_INFO,
  notice = AH_LOG_NOTICE,
  warning = AH_LOG_WARNING,
  error = AH_LOG_ERROR,
  critical = AH_LOG_CRITICAL,
  alert = AH_LOG_ALERT,
  emergency = AH_LOG_EMERGENCY,
};

// Who the request is for. Views are valid for the callback; metadata is non-secret.
struct Connection {
  std::string_view integration_key;
  std::string_view connection_id; // empty when the integration needs no connection
  std::string_view end_user_id;
  JsonObject metadata;
};

enum class ElicitAction { accept, decline, cancel };

// The user's answer to Context::elicit<T>: content is set only when they accepted.
template <class T> struct Elicited {
  ElicitAction action = ElicitAction::cancel;
  std::optional<T> content;
  bool accepted() const { return action == ElicitAction::accept && content.has_value(); }
};

class Context {
public:
  Context(const ah_host_api* host, ah_call* call, const ah_invocation* inv)
      : host_(host), call_(call), inv_(inv) {}

  Http proxy() const { return Http(host_, call_); }

  void log(LogLevel level, std::string_view message) const {
    host_->log(call_, static_cast<ah_log_level>(level), view(message));
  }

  // Reports progress (total < 0: unknown). Throws ah::Cancelled once the call is cancelled, so
  // a loop that reports progress stops by itself.
  void progress(double done, double total = -1, std::string_view message = {}) const {
    if (host_->progress(call_, done, total, view(message)) == AH_ERR_CANCELLED)
      throw Cancelled();
  }
  bool cancelled() const { return host_->is_cancelled(call_) != 0; }
  void throw_if_cancelled() const {
    if (cancelled())
      throw Cancelled();
  }

  // Sends a request to the MCP client and returns its result object. Throws ah::InputRequired
  // when the host will ask the client and re-run the action (so run up to here idempotently),
  // and ah::HostError (e.g. AH_ERR_UNSUPPORTED) when the client cannot answer.
  JsonObject client_request(std::string_view method, const JsonObject& params) const {
    std::string text = json::stringify(params ? params : json::object());
    ah_client_reply reply;
    AH_INIT(reply);
    ah_status st = host_->client_request(call_, view(method), view(text), &reply);
    if (st == AH_ERR_INPUT_REQUIRED)
      throw InputRequired{};
    if (st != AH_OK)
      throw HostError(st, std::string(method) + " failed: " +
                              (reply.error.len ? std::string(view(reply.error))
                                               : std::string(status_name(st))));
    return json::parse_object(view(reply.result_json));
  }

  // elicitation/create with a hand-written schema; returns {action, content?}.
  JsonObject elicit(std::string_view message, const JsonObject& requested_schema) const {
    JsonObject params = json::object();
    params->set("message", std::string(message));
    params->set("requestedSchema", requested_schema);
    return client_request("elicitation/create", params);
  }

  // elicitation/create with the form derived from T (a flat struct of strings, numbers,
  // booleans and enums, as MCP elicitation allows), decoding the answer into T.
  template <Record T> Elicited<T> elicit(std::string_view message) const {
    JsonObject schema = json::object();
    describe_type<T>(*schema);
    schema->remove("additionalProperties"); // not part of MCP's restricted elicitation schema
    JsonObject answer = elicit(message, schema);
    Elicited<T> out;
    std::string action = answer->optValue<std::string>("action", "cancel");
    out.action = action == "accept"    ? ElicitAction::accept
                 : action == "decline" ? ElicitAction::decline
                                       : ElicitAction::cancel;
    if (out.action == ElicitAction::accept && answer->has("content")) {
      try {
        out.content = decode<T>(answer->get("content"));
      } catch (const DecodeError& e) {
        throw ToolError("the user's answer does not fit the requested form: " +
                        std::string(e.what()));
      }
    }
    return out;
  }

  // sampling/createMessage with hand-written params; returns the client's result object.
  JsonObject sample(const JsonObject& params) const {
    return client_request("sampling/createMessage", params);
  }

  // Asks the client's model one question and returns its text answer.
  std::string sample_text(std::string_view prompt, int max_tokens = 1000) const {
    JsonObject content = json::object();
    content->set("type", "text");
    content->set("text", std::string(prompt));
    JsonObject message = json::object();
    message->set("role", "user");
    message->set("content", content);
    JsonArray messages = json::array();
    messages->add(message);
    JsonObject params = json::object();
    params->set("messages", messages);
    params->set("maxTokens", max_tokens);
    JsonObject reply = sample(params);
    JsonObject answer = reply->getObject("content");
    if (!answer || answer->optValue<std::string>("type", "") != "text")
      throw HostError(AH_ERR_UNSUPPORTED, "the client's model did not answer with text");
    return answer->getValue<std::string>("text");
  }

  Connection connection() const {
    return {view(inv_->integration_key), view(inv_->connection_id), view(inv_->end_user_id),
            json::parse_object(view(inv_->connection_metadata_json))};
  }
  // The integration's `settings:` from integrations.yaml.
  JsonObject settings() const { return json::parse_object(view(inv_->settings_json)); }
  // The MCP request's _meta object.
  JsonObject request_meta() const { return json::parse_object(view(inv_->request_meta_json)); }
  std::string_view execution_id() const { return view(inv_->execution_id); }
  // The action, prompt or resource template being served, and for resources the URI read.
  std::string_view name() const { return view(inv_->name); }
  std::string_view uri() const { return view(inv_->uri); }
  std::string_view arguments_json() const { return view(inv_->arguments_json); }
  // Time the host allows for the whole call; zero when there is no deadline.
  std::chrono::milliseconds deadline() const {
    return std::chrono::milliseconds(inv_->deadline_ms);
  }

  // The raw ABI, for what this class does not wrap.
  const ah_host_api& host() const { return *host_; }
  ah_call* call() const { return call_; }
  const ah_invocation& invocation() const { return *inv_; }

private:
  const ah_host_api* host_;
  ah_call* call_;
  const ah_invocation* inv_;
};

} // namespace ah
