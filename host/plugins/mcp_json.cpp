// The MCP list entries (Tool, Resource, ResourceTemplate, Prompt) and CallToolResult as JSON.
#include "plugins.hpp"

namespace actionhost::plugins {

namespace {
void set_if(Poco::JSON::Object& target, const char* key, const std::string& value) {
  if (!value.empty())
    target.set(key, value);
}
void set_if(Poco::JSON::Object& target, const char* key, const Poco::JSON::Object::Ptr& value) {
  if (value)
    target.set(key, value);
}
void set_if(Poco::JSON::Object& target, const char* key, const std::optional<bool>& value) {
  if (value)
    target.set(key, *value);
}
} // namespace

const char* Action::task_support_name() const {
  switch (task_support) {
  case AH_TASK_OPTIONAL:
    return "optional";
  case AH_TASK_REQUIRED:
    return "required";
  default:
    return "forbidden";
  }
}

Poco::JSON::Object::Ptr Action::to_mcp(bool with_execution) const {
  Poco::JSON::Object::Ptr tool = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  tool->set("name", name);
  set_if(*tool, "title", title);
  set_if(*tool, "description", description);
  tool->set("inputSchema", input_schema);
  set_if(*tool, "outputSchema", output_schema);
  Poco::JSON::Object::Ptr hints = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  set_if(*hints, "readOnlyHint", annotations.read_only);
  set_if(*hints, "destructiveHint", annotations.destructive);
  set_if(*hints, "idempotentHint", annotations.idempotent);
  set_if(*hints, "openWorldHint", annotations.open_world);
  if (hints->size() > 0)
    tool->set("annotations", hints);
  if (with_execution && task_support != AH_TASK_FORBIDDEN) {
    Poco::JSON::Object::Ptr execution = new Poco::JSON::Object;
    execution->set("taskSupport", task_support_name());
    tool->set("execution", execution);
  }
  set_if(*tool, "_meta", meta);
  return tool;
}

Poco::JSON::Object::Ptr Resource::to_mcp() const {
  Poco::JSON::Object::Ptr r = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  r->set("uri", uri);
  r->set("name", name);
  set_if(*r, "title", title);
  set_if(*r, "description", description);
  set_if(*r, "mimeType", mime_type);
  if (size > 0)
    r->set("size", size);
  set_if(*r, "annotations", annotations);
  return r;
}

Poco::JSON::Object::Ptr ResourceTemplate::to_mcp() const {
  Poco::JSON::Object::Ptr t = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  t->set("uriTemplate", uri_template);
  t->set("name", name);
  set_if(*t, "title", title);
  set_if(*t, "description", description);
  set_if(*t, "mimeType", mime_type);
  set_if(*t, "annotations", annotations);
  return t;
}

Poco::JSON::Object::Ptr Prompt::to_mcp() const {
  Poco::JSON::Object::Ptr p = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  p->set("name", name);
  set_if(*p, "title", title);
  set_if(*p, "description", description);
  if (!arguments.empty()) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const PromptArgument& a : arguments) {
      Poco::JSON::Object::Ptr arg = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      arg->set("name", a.name);
      set_if(*arg, "description", a.description);
      if (a.required)
        arg->set("required", true);
      list->add(arg);
    }
    p->set("arguments", list);
  }
  return p;
}

Poco::JSON::Object::Ptr ToolResult::to_json() const {
  Poco::JSON::Object::Ptr result = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  result->set("content", content);
  set_if(*result, "structuredContent", structured_content);
  if (is_error)
    result->set("isError", true);
  return result;
}

std::string ToolResult::text() const {
  std::string out;
  for (size_t i = 0; i < content->size(); ++i) {
    auto block = content->getObject(static_cast<unsigned>(i));
    if (block && block->optValue<std::string>("type", "") == "text")
      out += (out.empty() ? "" : "\n") + block->optValue<std::string>("text", "");
  }
  return out;
}

} // namespace actionhost::plugins
