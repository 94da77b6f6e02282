// MCP requires tool input and output schemas to describe a JSON object.
#include "schema.hpp"

namespace actionhost::schema {

std::string object_schema_problem(const Poco::Dynamic::Var& schema) {
  if (schema.type() != typeid(Poco::JSON::Object::Ptr))
    return "a tool schema must be a JSON object, got " + json_type_name(schema);
  auto object = schema.extract<Poco::JSON::Object::Ptr>();
  if (!object->has("type"))
    return "a tool schema needs \"type\": \"object\" (it has no \"type\")";
  Poco::Dynamic::Var type = object->get("type");
  if (!type.isString() || type.extract<std::string>() != "object")
    return "a tool schema needs \"type\": \"object\", not \"type\": " + to_json(type);
  return "";
}

} // namespace actionhost::schema
