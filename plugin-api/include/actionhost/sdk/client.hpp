// Questions for the MCP client (elicitation, sampling, roots) through host->client_request.
// ah::Context offers these; they live here because of the stateless era's deferral rules.
#pragma once

#include <actionhost/sdk/abi.hpp>
#include <actionhost/sdk/decode.hpp>
#include <actionhost/sdk/errors.hpp>
#include <actionhost/sdk/schema.hpp>

#include <optional>

namespace ah {

enum class ElicitAction { accept, decline, cancel };

// The user's answer to elicit<T>: content is set only when they accepted.
template <class T> struct Elicited {
  ElicitAction action = ElicitAction::cancel;
  std::optional<T> content;
  bool accepted() const { return action == ElicitAction::accept && content.has_value(); }
};

// In the stateless protocol era the host may defer a question: it records it, answers
// AH_ERR_INPUT_REQUIRED, and re-runs the action once the client has answered. The throwing
// forms (client_request, elicit, sample) then throw ah::InputRequired, which the trampoline
// returns as AH_ERR_INPUT_REQUIRED. To ask several independent questions in one round trip, use
// the try_ forms, which return nullopt for a deferred question, and throw ah::InputRequired
// after asking them all:
//   auto name = ctx.try_elicit<Name>("Your name?", "name");
//   auto team = ctx.try_elicit<Team>("Your team?", "team");
//   if (!name || !team) throw ah::InputRequired{};
// (An action that returns normally with a question pending still returns
// AH_ERR_INPUT_REQUIRED: its result could not have used the answer.)
// `key` names a question across those round trips; empty lets the host number them.
class ClientRequests {
public:
  std::optional<JsonObject> try_client_request(std::string_view method, const JsonObject& params,
                                               std::string_view key = {}) const {
    std::string text = json::stringify(params ? params : json::object());
    ah_client_request req;
    AH_INIT(req);
    req.method = view(method);
    req.params_json = view(text);
    req.key = view(key);
    ah_client_reply reply;
    AH_INIT(reply);
    ah_status st = host_->client_request(call_, &req, &reply);
    if (st == AH_ERR_INPUT_REQUIRED) {
      ++pending_;
      return std::nullopt;
    }
    if (st == AH_ERR_UNSUPPORTED && reply.error.len == 0)
      throw HostError(st, "the MCP client does not support " + std::string(method));
    if (st != AH_OK)
      throw HostError(st, std::string(method) + " failed: " +
                              (reply.error.len ? std::string(view(reply.error))
                                               : std::string(status_name(st))));
    return json::parse_object(view(reply.result_json));
  }

  // Asks and returns the client's result object. Throws ah::InputRequired when deferred, and
  // ah::HostError (AH_ERR_UNSUPPORTED when the client lacks the capability, AH_ERR_CANCELLED,
  // AH_ERR_TIMEOUT) when there is no answer.
  JsonObject client_request(std::string_view method, const JsonObject& params,
                            std::string_view key = {}) const {
    if (auto result = try_client_request(method, params, key))
      return *result;
    throw InputRequired{};
  }

  // elicitation/create with a hand-written schema; returns {action, content?}.
  JsonObject elicit(std::string_view message, const JsonObject& requested_schema,
                    std::string_view key = {}) const {
    return client_request("elicitation/create", elicit_params(message, requested_schema), key);
  }

  // elicitation/create with the form derived from T (a flat struct of strings, numbers,
  // booleans and enums, as MCP elicitation allows), decoding the answer into T.
  template <Record T>
  Elicited<T> elicit(std::string_view message, std::string_view key = {}) const {
    if (auto answer = try_elicit<T>(message, key))
      return *answer;
    throw InputRequired{};
  }
  template <Record T>
  std::optional<Elicited<T>> try_elicit(std::string_view message, std::string_view key = {}) const {
    for_each_field<T>([](const auto& f) {
      using V = typename std::remove_cvref_t<decltype(f)>::value_type;
      static_assert(StringLike<V> || Number<V> || std::same_as<V, bool> || NamedEnum<V>,
                    "MCP elicitation forms are flat: strings, numbers, booleans and enums only");
    });
    JsonObject schema = json::object();
    describe_type<T>(*schema);
    schema->remove("additionalProperties"); // not part of MCP's restricted elicitation schema
    auto answer = try_client_request("elicitation/create", elicit_params(message, schema), key);
    if (!answer)
      return std::nullopt;
    return read_elicited<T>(*answer);
  }

  // sampling/createMessage with hand-written params; returns the client's result object.
  JsonObject sample(const JsonObject& params, std::string_view key = {}) const {
    return client_request("sampling/createMessage", params, key);
  }

  // Asks the client's model one question and returns its text answer.
  std::string sample_text(std::string_view prompt, int max_tokens = 1000,
                          std::string_view key = {}) const {
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
    JsonObject answer = sample(params, key)->getObject("content");
    if (!answer || answer->optValue<std::string>("type", "") != "text")
      throw HostError(AH_ERR_UNSUPPORTED, "the client's model did not answer with text");
    return answer->getValue<std::string>("text");
  }

  // True once a question was deferred during this call.
  bool input_pending() const { return pending_ > 0; }

protected:
  ClientRequests(const ah_host_api* host, ah_call* call) : host_(host), call_(call) {}

  const ah_host_api* host_;
  ah_call* call_;

private:
  static JsonObject elicit_params(std::string_view message, const JsonObject& schema) {
    JsonObject params = json::object();
    params->set("message", std::string(message));
    params->set("requestedSchema", schema);
    return params;
  }

  template <class T> static Elicited<T> read_elicited(const JsonObject& answer) {
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

  mutable int pending_ = 0;
};

} // namespace ah
