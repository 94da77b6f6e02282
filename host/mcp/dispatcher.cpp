#include "dispatcher.hpp"

#include "call_channel.hpp"
#include "tasks.hpp"
#include "tool_execution.hpp"
#include "versions.hpp"

#include <Poco/NumberParser.h>

namespace actionhost::mcp {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr ordered() {
  return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}
bool is_object(const Var& v) {
  return v.type() == typeid(Object::Ptr);
}

Reply invalid_params(std::string message, Var data = {}) {
  return Reply::fail(jsonrpc::kInvalidParams, std::move(message), std::move(data));
}

plugins::RequestInfo request_info(const Exchange& exchange) {
  plugins::RequestInfo info;
  info.integration_key = exchange.integration->config.key;
  info.settings_json = exchange.integration->config.settings_json;
  info.request_meta_json = jsonrpc::to_json(exchange.meta);
  info.client_capabilities_json = jsonrpc::to_json(exchange.client_capabilities);
  return info;
}

// ---- Pagination: the cursor is an opaque token for an offset into a deterministic order.

std::string make_cursor(size_t offset) {
  return base64url("offset:" + std::to_string(offset));
}

std::optional<size_t> read_cursor(const Object::Ptr& params) {
  if (!params->has("cursor") || params->get("cursor").isEmpty())
    return 0;
  if (!params->get("cursor").isString())
    return std::nullopt;
  auto text = unbase64url(params->get("cursor").toString());
  Poco::UInt64 offset = 0;
  if (!text || text->rfind("offset:", 0) != 0 ||
      !Poco::NumberParser::tryParseUnsigned64(text->substr(7), offset))
    return std::nullopt;
  return static_cast<size_t>(offset);
}

template <class Items, class ToJson>
Reply page(const Exchange& exchange, const Object::Ptr& params, const char* key, const Items& items,
           ToJson to_json) {
  auto offset = read_cursor(params);
  if (!offset || *offset > items.size())
    return invalid_params("invalid cursor (pass back the nextCursor of a previous page)");
  size_t end = std::min(items.size(), *offset + exchange.options->page_size);
  Array::Ptr list = new Array;
  for (size_t i = *offset; i < end; ++i)
    list->add(to_json(items[i]));
  auto result = ordered();
  result->set(key, list);
  if (end < items.size())
    result->set("nextCursor", make_cursor(end));
  return Reply::ok(result);
}

// The tools the caller's key lets it see (all of them without tool limits).
const std::vector<std::shared_ptr<const plugins::Action>>& visible_tools(const Exchange& exchange) {
  const auto& all = exchange.integration->tools;
  if (!exchange.caller->has_tool_limits())
    return all;
  thread_local std::vector<std::shared_ptr<const plugins::Action>> visible;
  visible.clear();
  for (const auto& tool : all)
    if (exchange.caller->may_use(tool->name))
      visible.push_back(tool);
  return visible;
}

// ---- Multi round-trip requests (stateless era)

struct RoundTrip {
  std::map<std::string, Var> answers; // every answer so far, by key
  std::optional<Reply> refusal;
};

// Reads inputResponses and requestState of a retried request. The state is ours, signed: it names
// the request it belongs to and the answers of earlier rounds.
RoundTrip read_round_trip(const Object::Ptr& params, const std::string& method,
                          const std::string& name, const Exchange& exchange) {
  RoundTrip round;
  if (!exchange.stateless)
    return round;
  if (params->has("requestState")) {
    Var state = params->get("requestState");
    std::optional<Object::Ptr> opened;
    if (state.isString())
      opened = exchange.signer->open(state.toString());
    if (!opened || (*opened)->optValue<std::string>("m", "") != method ||
        (*opened)->optValue<std::string>("n", "") != name) {
      round.refusal = invalid_params("requestState integrity check failed");
      return round;
    }
    if (auto earlier = (*opened)->getObject("a"))
      for (const auto& [key, value] : *earlier)
        round.answers[key] = value;
  }
  if (params->has("inputResponses")) {
    Var responses = params->get("inputResponses");
    if (!is_object(responses)) {
      round.refusal = invalid_params("inputResponses must be an object of answers by key");
      return round;
    }
    for (const auto& [key, value] : *responses.extract<Object::Ptr>()) {
      if (!is_object(value)) {
        round.refusal =
            invalid_params("inputResponses['" + key + "'] must be the client's result object");
        return round;
      }
      round.answers[key] = value;
    }
  }
  return round;
}

// The InputRequiredResult for the questions a call asked.
Reply input_required(const CallChannel& channel, const RoundTrip& round, const std::string& method,
                     const std::string& name, const Exchange& exchange) {
  auto result = ordered();
  result->set("resultType", "input_required");
  auto requests = ordered();
  for (const auto& [key, question] : channel.questions())
    requests->set(key, question);
  result->set("inputRequests", requests);
  auto state = ordered();
  state->set("m", method);
  state->set("n", name);
  auto answers = ordered();
  for (const auto& [key, value] : round.answers)
    answers->set(key, value);
  state->set("a", answers);
  result->set("requestState", exchange.signer->seal(state));
  return Reply::ok(result);
}

std::optional<Reply> missing_capability(const CallChannel& channel) {
  if (!channel.missing_capability())
    return std::nullopt;
  auto required = ordered();
  required->set(*channel.missing_capability(), ordered());
  auto data = ordered();
  data->set("requiredCapabilities", required);
  return Reply::fail(jsonrpc::kMissingClientCapability,
                     "this request needs the client capability '" + *channel.missing_capability() +
                         "', which the request's clientCapabilities do not declare",
                     data, 400);
}

// Session era: the call stopped to have the user complete URL-mode elicitations (2025-11-25).
std::optional<Reply> url_elicitation_required(const CallChannel& channel, ah_status status,
                                              const Exchange& exchange) {
  if (exchange.stateless || status != AH_ERR_INPUT_REQUIRED || channel.url_elicitations().empty())
    return std::nullopt;
  Array::Ptr elicitations = new Array;
  for (const auto& params : channel.url_elicitations())
    elicitations->add(params);
  auto data = ordered();
  data->set("elicitations", elicitations);
  return Reply::fail(jsonrpc::kUrlElicitationRequired,
                     "URL elicitation required: complete the elicitation(s) in data.elicitations, "
                     "then retry the request",
                     data);
}

// ---- Methods

Reply tools_call(const Object::Ptr& params, Exchange& exchange) {
  if (!params->has("name") || !params->get("name").isString())
    return invalid_params("tools/call needs params.name, the tool to call");
  std::string name = params->get("name").toString();
  auto tool = exchange.integration->tool(name);
  if (!tool || !exchange.caller->may_use(name)) // a denied tool is as unknown as a missing one
    return invalid_params("Unknown tool '" + name + "'");
  Object::Ptr arguments;
  if (params->has("arguments") && !params->get("arguments").isEmpty()) {
    if (!is_object(params->get("arguments")))
      return invalid_params("tools/call params.arguments must be an object");
    arguments = params->getObject("arguments");
  }
  auto round = read_round_trip(params, "tools/call", name, exchange);
  if (round.refusal)
    return *round.refusal;
  if (exchange.tasks) { // SEP-2663: may become a task
    auto offer =
        exchange.tasks->offer(tool, arguments, round.answers, request_info(exchange), exchange);
    if (offer.reply)
      return *offer.reply;
    if (offer.result) { // finished before it became one: answered as a call
      if (offer.result->status == AH_ERR_INPUT_REQUIRED && !offer.channel->questions().empty())
        return input_required(*offer.channel, round, "tools/call", name, exchange);
      if (offer.result->is_error)
        if (auto refusal = missing_capability(*offer.channel))
          return *refusal;
      return Reply::ok(offer.result->to_json());
    }
  }
  Var token = exchange.meta->has("progressToken") ? exchange.meta->get("progressToken") : Var();
  CallChannel channel(exchange, token, round.answers);
  ToolExecution execution(exchange, *tool); // the execution log, the proxy
  auto result = execution.run(arguments, channel, request_info(exchange));
  if (auto required = url_elicitation_required(channel, result.status, exchange)) {
    execution.fail_protocol("URL elicitation required");
    return *required;
  }
  if (exchange.stateless && result.status == AH_ERR_INPUT_REQUIRED &&
      !channel.questions().empty()) {
    execution.fail_protocol("input required");
    return input_required(channel, round, "tools/call", name, exchange);
  }
  if (exchange.stateless && result.is_error)
    if (auto refusal = missing_capability(channel)) {
      execution.fail_protocol(refusal->error->message);
      return *refusal;
    }
  return Reply::ok(result.to_json());
}

Reply resources_read(const Object::Ptr& params, Exchange& exchange) {
  if (!params->has("uri") || !params->get("uri").isString())
    return invalid_params("resources/read needs params.uri");
  std::string uri = params->get("uri").toString();
  auto round = read_round_trip(params, "resources/read", uri, exchange);
  if (round.refusal)
    return *round.refusal;
  CallChannel channel(exchange, Var(), round.answers);
  auto read = exchange.integration->plugin->read_resource(
      uri, {&channel, exchange.cancel, request_info(exchange)});
  if (auto required = url_elicitation_required(channel, read.status, exchange))
    return *required;
  if (exchange.stateless && read.status == AH_ERR_INPUT_REQUIRED && !channel.questions().empty())
    return input_required(channel, round, "resources/read", uri, exchange);
  if (read.status == AH_ERR_NOT_FOUND) {
    auto data = ordered();
    data->set("uri", uri);
    // The stateless era moved "not found" to invalid params (SEP-2164).
    return Reply::fail(exchange.stateless ? jsonrpc::kInvalidParams : jsonrpc::kResourceNotFound,
                       "Resource not found: " + uri, data);
  }
  if (read.status != AH_OK)
    return Reply::fail(jsonrpc::kInternalError, "reading " + uri + " failed: " + read.error);
  auto result = ordered();
  result->set("contents", read.contents);
  return Reply::ok(result);
}

Reply prompts_get(const Object::Ptr& params, Exchange& exchange) {
  if (!params->has("name") || !params->get("name").isString())
    return invalid_params("prompts/get needs params.name");
  std::string name = params->get("name").toString();
  Object::Ptr arguments;
  if (params->has("arguments") && !params->get("arguments").isEmpty()) {
    if (!is_object(params->get("arguments")))
      return invalid_params("prompts/get params.arguments must be an object");
    arguments = params->getObject("arguments");
  }
  auto round = read_round_trip(params, "prompts/get", name, exchange);
  if (round.refusal)
    return *round.refusal;
  CallChannel channel(exchange, Var(), round.answers);
  auto got = exchange.integration->plugin->get_prompt(
      name, arguments, {&channel, exchange.cancel, request_info(exchange)});
  if (auto required = url_elicitation_required(channel, got.status, exchange))
    return *required;
  if (exchange.stateless && got.status == AH_ERR_INPUT_REQUIRED && !channel.questions().empty())
    return input_required(channel, round, "prompts/get", name, exchange);
  if (got.status == AH_ERR_NOT_FOUND || got.status == AH_ERR_INVALID_ARGUMENT)
    return invalid_params(got.error.empty() ? "Unknown prompt '" + name + "'" : got.error);
  if (got.status != AH_OK)
    return Reply::fail(jsonrpc::kInternalError, "prompt '" + name + "' failed: " + got.error);
  auto result = ordered();
  if (!got.description.empty())
    result->set("description", got.description);
  result->set("messages", got.messages);
  return Reply::ok(result);
}

Reply completion_complete(const Object::Ptr& params, Exchange& exchange) {
  auto ref = params->getObject("ref");
  auto argument = params->getObject("argument");
  if (!ref || !argument || !argument->has("name"))
    return invalid_params("completion/complete needs params.ref and params.argument.name");
  std::string type = ref->optValue<std::string>("type", "");
  plugins::Plugin::CompletionRef kind;
  std::string target;
  if (type == "ref/prompt") {
    kind = plugins::Plugin::CompletionRef::prompt;
    target = ref->optValue<std::string>("name", "");
  } else if (type == "ref/resource") {
    kind = plugins::Plugin::CompletionRef::resource_template;
    target = ref->optValue<std::string>("uri", "");
  } else {
    return invalid_params("params.ref.type must be \"ref/prompt\" or \"ref/resource\"");
  }
  Object::Ptr context;
  if (auto c = params->getObject("context"))
    context = c->getObject("arguments");
  CallChannel channel(exchange, Var());
  auto completed = exchange.integration->plugin->complete(
      kind, target, argument->optValue<std::string>("name", ""),
      argument->optValue<std::string>("value", ""), context,
      {&channel, exchange.cancel, request_info(exchange)});
  if (completed.status != AH_OK && completed.status != AH_ERR_NOT_FOUND)
    return Reply::fail(jsonrpc::kInternalError, "completion failed: " + completed.error);
  Array::Ptr values = new Array;
  for (const auto& v : completed.values)
    values->add(v);
  auto completion = ordered();
  completion->set("values", values);
  if (completed.status == AH_OK) {
    completion->set("total", static_cast<Poco::UInt64>(completed.total));
    completion->set("hasMore", completed.has_more);
  }
  auto result = ordered();
  result->set("completion", completion);
  return Reply::ok(result);
}

Reply set_level(const Object::Ptr& params, Exchange& exchange) {
  int level = log_level_from_name(params->optValue<std::string>("level", ""));
  if (level < 0)
    return invalid_params("unknown log level (expected debug, info, notice, warning, error, "
                          "critical, alert or emergency)");
  if (exchange.session)
    exchange.session->log_level = level;
  return Reply::ok(new Object);
}

// resources/subscribe and resources/unsubscribe: notifications/resources/updated for the URI go to
// the session's stream from now on (or no longer). Any URI may be watched, also one that does not
// exist yet.
Reply subscribe(const Object::Ptr& params, Exchange& exchange, bool on) {
  if (!params->has("uri") || !params->get("uri").isString())
    return invalid_params("params.uri names the resource");
  std::string uri = params->get("uri").toString();
  if (exchange.session) {
    if (!on)
      exchange.session->unsubscribe(uri);
    else if (!exchange.session->subscribe(uri))
      return invalid_params("this session already watches " +
                            std::to_string(Session::kMaxSubscriptions) +
                            " resources; unsubscribe from one first");
  }
  return Reply::ok(new Object);
}

} // namespace

Poco::JSON::Object::Ptr server_capabilities(const std::string& version) {
  auto caps = ordered();
  if (!versions::is_stateless_version(version))
    caps->set("logging", ordered());
  if (version != versions::k2024_11_05)
    caps->set("completions", ordered());
  auto prompts = ordered();
  prompts->set("listChanged", true);
  caps->set("prompts", prompts);
  auto resources = ordered();
  resources->set("subscribe", true);
  resources->set("listChanged", true);
  caps->set("resources", resources);
  auto tools = ordered();
  tools->set("listChanged", true);
  caps->set("tools", tools);
  if (versions::is_stateless_version(version)) {
    auto extensions = ordered();
    extensions->set(kTasksExtension, ordered());
    caps->set("extensions", extensions);
  }
  return caps;
}

Poco::JSON::Object::Ptr server_info(const Exchange& exchange) {
  const auto& config = exchange.integration->config;
  auto info = ordered();
  info->set("name", config.key);
  info->set("title", config.title.empty() ? config.key : config.title);
  info->set("version", exchange.options->server_version);
  if (!config.description.empty())
    info->set("description", config.description);
  return info;
}

Poco::JSON::Object::Ptr initialize_result(const Exchange& exchange) {
  auto result = ordered();
  result->set("protocolVersion", exchange.version);
  result->set("capabilities", server_capabilities(exchange.version));
  result->set("serverInfo", server_info(exchange));
  if (exchange.integration->config.instructions)
    result->set("instructions", *exchange.integration->config.instructions);
  return result;
}

Poco::JSON::Object::Ptr discover_result(const Exchange& exchange) {
  auto result = ordered();
  Array::Ptr supported = new Array;
  for (const auto& v : versions::stateless_versions())
    supported->add(v);
  result->set("supportedVersions", supported);
  result->set("capabilities", server_capabilities(exchange.version));
  if (exchange.integration->config.instructions)
    result->set("instructions", *exchange.integration->config.instructions);
  return result;
}

bool is_cacheable(const std::string& method) {
  return method == "server/discover" || method == "tools/list" || method == "prompts/list" ||
         method == "resources/list" || method == "resources/templates/list" ||
         method == "resources/read";
}

Reply dispatch(const jsonrpc::Message& request, Exchange& exchange) {
  const std::string& m = request.method;
  const auto& params = request.params;
  const auto& plugin = *exchange.integration->plugin;
  if (m == "tools/call")
    return tools_call(params, exchange);
  if (m == "tools/list")
    return page(exchange, params, "tools", visible_tools(exchange), [&](const auto& tool) {
      return tool->to_mcp(versions::at_least(exchange.version, versions::k2025_11_25));
    });
  if (m == "resources/read")
    return resources_read(params, exchange);
  if (m == "resources/list")
    return page(exchange, params, "resources", plugin.resources(),
                [](const auto& r) { return r.to_mcp(); });
  if (m == "resources/templates/list")
    return page(exchange, params, "resourceTemplates", plugin.resource_templates(),
                [](const auto& t) { return t.to_mcp(); });
  if (m == "prompts/list")
    return page(exchange, params, "prompts", plugin.prompts(),
                [](const auto& p) { return p.to_mcp(); });
  if (m == "prompts/get")
    return prompts_get(params, exchange);
  if (m == "completion/complete")
    return completion_complete(params, exchange);
  if (exchange.tasks)
    if (auto reply = exchange.tasks->handle(m, params, exchange))
      return *reply;
  if (exchange.stateless) {
    if (m == "server/discover")
      return Reply::ok(discover_result(exchange));
  } else {
    if (m == "ping")
      return Reply::ok(new Object);
    if (m == "logging/setLevel")
      return set_level(params, exchange);
    if (m == "resources/subscribe" || m == "resources/unsubscribe")
      return subscribe(params, exchange, m == "resources/subscribe");
  }
  return Reply::fail(jsonrpc::kMethodNotFound, "Method not found: " + m, {},
                     exchange.stateless ? 404 : 200);
}

} // namespace actionhost::mcp
