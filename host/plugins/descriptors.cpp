#include "descriptors.hpp"

#include "schema.hpp"

#include <Poco/JSON/Array.h>

namespace actionhost::plugins::detail {
namespace {

[[noreturn]] void refuse(std::string reason, ah_status status = AH_ERR_INVALID_ARGUMENT) {
  throw Refusal{status, std::move(reason)};
}

// A tool schema: JSON text, compilable, and describing an object. `which` is "input schema" or
// "output schema"; `owner` names the action.
std::pair<Poco::JSON::Object::Ptr, std::shared_ptr<const schema::CompiledSchema>>
tool_schema(ah_str text, const std::string& owner, const std::string& which) {
  Poco::Dynamic::Var document;
  try {
    document = schema::parse_json(str(text));
  } catch (const schema::SchemaError& e) {
    refuse(owner + ": " + which + " is " + e.what());
  }
  std::shared_ptr<const schema::CompiledSchema> compiled;
  try {
    compiled = std::make_shared<const schema::CompiledSchema>(document);
  } catch (const schema::SchemaError& e) {
    refuse(owner + ": " + which + " is not a valid JSON Schema: " + e.what());
  }
  if (std::string problem = schema::object_schema_problem(document); !problem.empty())
    refuse(owner + ": " + which + " is not an object schema: " + problem);
  return {document.extract<Poco::JSON::Object::Ptr>(), compiled};
}

// Optional JSON-object text (annotations, _meta): null when empty.
Poco::JSON::Object::Ptr optional_object(ah_str text, const std::string& owner, const char* field) {
  if (text.len == 0)
    return nullptr;
  try {
    return schema::parse_json_object(str(text));
  } catch (const schema::SchemaError& e) {
    refuse(owner + ": " + field + " is " + e.what());
  }
}

std::optional<bool> hint(ah_tristate value, const std::string& owner, const char* field) {
  switch (value) {
  case AH_UNSET:
    return std::nullopt;
  case AH_FALSE:
    return false;
  case AH_TRUE:
    return true;
  default:
    refuse(owner + ": " + field + " is " + std::to_string(value) +
           "; use AH_UNSET, AH_FALSE or AH_TRUE");
  }
}

void require_name(ah_str name, const std::string& what) {
  if (!is_valid_tool_name(str(name)))
    refuse("invalid " + what + " name '" + str(name) +
           "': names are 1-128 characters of A-Z a-z 0-9 _ . - (the MCP tool-name rules)");
}

} // namespace

Action make_action(const ah_action_desc& d, const PluginState& plugin) {
  require_name(d.name, "action");
  Action a;
  a.name = str(d.name);
  const std::string owner = "action '" + a.name + "'";
  for (const Action& other : plugin.actions)
    if (other.name == a.name)
      refuse(owner + " is registered twice", AH_ERR_DUPLICATE);
  if (d.invoke == nullptr)
    refuse(owner + " has no invoke function");
  a.title = str(d.title);
  a.description = str(d.description);
  if (d.input_schema_json.len == 0)
    refuse(owner + ": input schema is empty; use {\"type\": \"object\"} for an action without "
                   "arguments");
  std::tie(a.input_schema, a.input_validator) =
      tool_schema(d.input_schema_json, owner, "input schema");
  if (d.output_schema_json.len > 0)
    std::tie(a.output_schema, a.output_validator) =
        tool_schema(d.output_schema_json, owner, "output schema");
  a.annotations.read_only = hint(d.read_only_hint, owner, "read_only_hint");
  a.annotations.destructive = hint(d.destructive_hint, owner, "destructive_hint");
  a.annotations.idempotent = hint(d.idempotent_hint, owner, "idempotent_hint");
  a.annotations.open_world = hint(d.open_world_hint, owner, "open_world_hint");
  if (d.scopes == nullptr && d.scope_count > 0)
    refuse(owner + ": scopes is NULL but scope_count is " + std::to_string(d.scope_count));
  for (size_t i = 0; i < d.scope_count; ++i)
    a.scopes.push_back(str(d.scopes[i]));
  a.flags = d.flags;
  a.timeout_ms = d.timeout_ms;
  a.meta = optional_object(d.meta_json, owner, "meta_json");
  // Plugins built before the field existed pass a shorter struct: the copy leaves it 0, forbidden.
  if (d.task_support != AH_TASK_FORBIDDEN && d.task_support != AH_TASK_OPTIONAL &&
      d.task_support != AH_TASK_REQUIRED)
    refuse(owner + ": task_support is " + std::to_string(d.task_support) +
           "; use AH_TASK_FORBIDDEN, AH_TASK_OPTIONAL or AH_TASK_REQUIRED");
  a.task_support = d.task_support;
  Access::bind(a, nullptr, d.invoke, d.state); // the Plugin is bound once it exists
  return a;
}

Resource make_resource(const ah_resource_desc& d, const PluginState& plugin) {
  Resource r;
  r.uri = str(d.uri);
  if (r.uri.empty())
    refuse("a resource has no uri");
  const std::string owner = "resource '" + r.uri + "'";
  for (const Resource& other : plugin.resources)
    if (other.uri == r.uri)
      refuse(owner + " is registered twice", AH_ERR_DUPLICATE);
  r.name = str(d.name);
  if (r.name.empty())
    refuse(owner + " has no name");
  if (d.read == nullptr)
    refuse(owner + " has no read function");
  r.title = str(d.title);
  r.description = str(d.description);
  r.mime_type = str(d.mime_type);
  r.size = d.size;
  r.annotations = optional_object(d.annotations_json, owner, "annotations_json");
  Access::bind(r, d.read, d.state);
  return r;
}

ResourceTemplate make_resource_template(const ah_resource_template_desc& d,
                                        const PluginState& plugin) {
  ResourceTemplate t;
  t.uri_template = str(d.uri_template);
  if (t.uri_template.empty())
    refuse("a resource template has no uri_template");
  const std::string owner = "resource template '" + t.uri_template + "'";
  for (const ResourceTemplate& other : plugin.resource_templates)
    if (other.uri_template == t.uri_template)
      refuse(owner + " is registered twice", AH_ERR_DUPLICATE);
  t.name = str(d.name);
  if (t.name.empty())
    refuse(owner + " has no name");
  if (d.read == nullptr)
    refuse(owner + " has no read function");
  t.title = str(d.title);
  t.description = str(d.description);
  t.mime_type = str(d.mime_type);
  t.annotations = optional_object(d.annotations_json, owner, "annotations_json");
  Access::bind(t, d.read, d.complete, d.state);
  if (!is_valid_uri_template(t.uri_template))
    refuse(owner + ": unbalanced braces; use RFC 6570 level 1 variables such as {id}");
  return t;
}

Prompt make_prompt(const ah_prompt_desc& d, const PluginState& plugin) {
  require_name(d.name, "prompt");
  Prompt p;
  p.name = str(d.name);
  const std::string owner = "prompt '" + p.name + "'";
  for (const Prompt& other : plugin.prompts)
    if (other.name == p.name)
      refuse(owner + " is registered twice", AH_ERR_DUPLICATE);
  if (d.get == nullptr)
    refuse(owner + " has no get function");
  p.title = str(d.title);
  p.description = str(d.description);
  if (d.arguments_json.len > 0) {
    Poco::Dynamic::Var args;
    try {
      args = schema::parse_json(str(d.arguments_json));
    } catch (const schema::SchemaError& e) {
      refuse(owner + ": arguments_json is " + e.what());
    }
    if (args.type() != typeid(Poco::JSON::Array::Ptr))
      refuse(owner + ": arguments_json must be a JSON array of {name, description?, required?}");
    for (const auto& item : *args.extract<Poco::JSON::Array::Ptr>()) {
      if (item.type() != typeid(Poco::JSON::Object::Ptr))
        refuse(owner + ": every entry of arguments_json must be an object with a \"name\"");
      auto object = item.extract<Poco::JSON::Object::Ptr>();
      PromptArgument arg;
      arg.name = object->optValue<std::string>("name", "");
      if (arg.name.empty())
        refuse(owner + ": an entry of arguments_json has no \"name\"");
      arg.description = object->optValue<std::string>("description", "");
      arg.required = object->optValue<bool>("required", false);
      p.arguments.push_back(arg);
    }
  }
  Access::bind(p, d.get, d.complete, d.state);
  return p;
}

} // namespace actionhost::plugins::detail
