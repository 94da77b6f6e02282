// `actionhost inspect PATH.so`: loads one plugin exactly as serve would (same checks, same
// refusals) and prints what it offers, for plugin authors and for operators vetting a build.
#include "commands.hpp"
#include "options.hpp"

#include "plugins.hpp"
#include "schema.hpp"

#include <iostream>
#include <sstream>

#ifndef ACTIONHOST_VERSION
#define ACTIONHOST_VERSION "0.1.0"
#endif

namespace actionhost::cli {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

CommandSpec inspect_spec() {
  CommandSpec spec;
  spec.name = "inspect";
  spec.usage = "PATH.so";
  spec.description = "Loads one plugin with the server's checks and prints its id, version, ABI "
                     "version, SHA-256, and every action (annotations, scopes, input and output "
                     "schemas), resource, resource template and prompt. Exits 0 when it loads, 1 "
                     "with the reason when it is refused.";
  add_flag(spec, "json", "Print one JSON document instead of text.");
  add_value_option(spec, "sha256", "HEX", "Refuse the file unless it has this SHA-256.");
  spec.min_positional = 1;
  spec.max_positional = 1;
  return spec;
}

// Extra facts about an action that are not part of the MCP Tool object.
Object::Ptr action_json(const plugins::Action& action) {
  Object::Ptr json = action.to_mcp();
  Array::Ptr scopes = new Array;
  for (const auto& scope : action.scopes)
    scopes->add(scope);
  json->set("scopes", scopes);
  json->set("serialized", action.serialized());
  json->set("taskSupport", action.task_support_name());
  if (action.timeout_ms > 0)
    json->set("timeoutMs", action.timeout_ms);
  return json;
}

Object::Ptr plugin_json(const plugins::Plugin& plugin) {
  Object::Ptr json = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  json->set("id", plugin.id());
  json->set("version", plugin.version());
  json->set("title", plugin.title());
  json->set("description", plugin.description());
  json->set("file", plugin.file());
  json->set("sha256", plugin.sha256());
  json->set("abi", plugin.abi_version());
  Array::Ptr actions = new Array, resources = new Array, templates = new Array, prompts = new Array;
  for (const auto& action : plugin.actions())
    actions->add(action_json(*action));
  for (const auto& resource : plugin.resources())
    resources->add(resource.to_mcp());
  for (const auto& resource_template : plugin.resource_templates())
    templates->add(resource_template.to_mcp());
  for (const auto& prompt : plugin.prompts())
    prompts->add(prompt.to_mcp());
  json->set("actions", actions);
  json->set("resources", resources);
  json->set("resourceTemplates", templates);
  json->set("prompts", prompts);
  return json;
}

// Pretty JSON, every line indented by `indent` spaces.
std::string indented(const Poco::Dynamic::Var& value, const std::string& indent) {
  std::istringstream lines(schema::to_json(value, 2));
  std::string out, line;
  while (std::getline(lines, line))
    out += indent + line + "\n";
  return out;
}

std::string hints(const plugins::ToolAnnotations& a) {
  std::string out;
  auto add = [&](const char* name, const std::optional<bool>& value) {
    if (value)
      out += (out.empty() ? "" : ", ") + std::string(name) + "=" + (*value ? "true" : "false");
  };
  add("readOnlyHint", a.read_only);
  add("destructiveHint", a.destructive);
  add("idempotentHint", a.idempotent);
  add("openWorldHint", a.open_world);
  return out.empty() ? "(none)" : out;
}

std::string heading(const std::string& name, const std::string& title) {
  return title.empty() ? name : name + " - " + title;
}

void print_text(const plugins::Plugin& plugin, std::ostream& out) {
  out << "plugin       " << heading(plugin.id(), plugin.title()) << "\n"
      << "version      " << plugin.version() << "\n";
  if (!plugin.description().empty())
    out << "description  " << plugin.description() << "\n";
  out << "file         " << plugin.file() << "\n"
      << "sha256       " << plugin.sha256() << "\n"
      << "ABI          " << plugin.abi_version() << " (this host: " << AH_ABI_VERSION_MAJOR << "."
      << AH_ABI_VERSION_MINOR << ")\n";

  auto actions = plugin.actions();
  out << "\nactions (" << actions.size() << ")\n";
  for (const auto& action : actions) {
    out << "\n  " << heading(action->name, action->title) << "\n";
    if (!action->description.empty())
      out << "    " << action->description << "\n";
    out << "    annotations: " << hints(action->annotations) << "\n";
    std::string scopes;
    for (const auto& scope : action->scopes)
      scopes += (scopes.empty() ? "" : ", ") + scope;
    out << "    scopes: " << (scopes.empty() ? "(none)" : scopes) << "\n";
    if (action->serialized())
      out << "    runs one call at a time (serialized)\n";
    if (action->timeout_ms > 0)
      out << "    timeout: " << action->timeout_ms << " ms\n";
    if (action->task_support != AH_TASK_FORBIDDEN)
      out << "    tasks: " << action->task_support_name() << "\n";
    out << "    input schema:\n" << indented(action->input_schema, "      ");
    if (action->output_schema)
      out << "    output schema:\n" << indented(action->output_schema, "      ");
  }

  out << "\nresources (" << plugin.resources().size() << ")\n";
  for (const auto& r : plugin.resources())
    out << "  " << r.uri << "  " << heading(r.name, r.title)
        << (r.mime_type.empty() ? "" : "  (" + r.mime_type + ")") << "\n";
  out << "\nresource templates (" << plugin.resource_templates().size() << ")\n";
  for (const auto& t : plugin.resource_templates())
    out << "  " << t.uri_template << "  " << heading(t.name, t.title)
        << (t.completes() ? "  (completes variables)" : "") << "\n";
  out << "\nprompts (" << plugin.prompts().size() << ")\n";
  for (const auto& p : plugin.prompts()) {
    out << "  " << heading(p.name, p.title) << (p.completes() ? "  (completes arguments)" : "")
        << "\n";
    if (!p.description.empty())
      out << "    " << p.description << "\n";
    for (const auto& arg : p.arguments)
      out << "    argument " << arg.name << (arg.required ? " (required)" : "")
          << (arg.description.empty() ? "" : ": " + arg.description) << "\n";
  }
}

} // namespace

int inspect_command(const Args& args) {
  auto spec = inspect_spec();
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;

  plugins::LoadOptions options;
  options.host_version = ACTIONHOST_VERSION;
  if (parsed->has("sha256"))
    options.expected_sha256 = parsed->get("sha256");
  std::shared_ptr<plugins::Plugin> plugin;
  try {
    plugin = plugins::load_plugin(parsed->positional[0], options);
  } catch (const plugins::LoadError& e) {
    std::cerr << "actionhost inspect: " << e.what() << "\n";
    return kExitFailure;
  }
  if (parsed->has("json"))
    std::cout << schema::to_json(plugin_json(*plugin), 2) << "\n";
  else
    print_text(*plugin, std::cout);
  plugin->shutdown();
  return kExitOk;
}

} // namespace actionhost::cli
