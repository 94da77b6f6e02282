// settings: is free-form YAML handed to the plugin as a JSON object.
#include "sections.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <charconv>
#include <sstream>

namespace actionhost::config::detail {

namespace {

// A plain scalar's JSON type follows YAML 1.2's core schema (so `country: no` stays a string);
// quoted scalars and those with ${...} are always strings.
Poco::Dynamic::Var scalar(const Context& ctx, const Field& field) {
  const std::string& source = field.node.Scalar();
  auto text = read_string(ctx, field);
  if (!text)
    return {};
  if (field.node.Tag() != "?" || source.find("${") != std::string::npos)
    return *text;
  if (source == "null" || source == "Null" || source == "NULL" || source == "~")
    return {};
  if (source == "true" || source == "True" || source == "TRUE")
    return true;
  if (source == "false" || source == "False" || source == "FALSE")
    return false;
  const char* end = source.data() + source.size();
  long long integer = 0;
  if (auto result = std::from_chars(source.data(), end, integer);
      result.ec == std::errc() && result.ptr == end)
    return integer;
  double number = 0;
  if (auto result = std::from_chars(source.data(), end, number);
      result.ec == std::errc() && result.ptr == end)
    return number;
  return *text;
}

Poco::Dynamic::Var to_json(const Context& ctx, const Field& field) {
  if (field.node.IsMap()) {
    Poco::JSON::Object::Ptr object = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Section section(ctx, field, std::nullopt);
    for (const auto& entry : section.entries())
      object->set(entry.key, to_json(ctx, entry.field));
    return object;
  }
  if (field.node.IsSequence()) {
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array();
    for (const auto& item : list_items(ctx, field, "a list").value_or(std::vector<Field>{}))
      array->add(to_json(ctx, item));
    return array;
  }
  if (field.node.IsScalar())
    return scalar(ctx, field);
  return {};
}

} // namespace

std::string read_settings_json(const Context& ctx, const Field& field) {
  if (!field.node.IsMap() && !field.node.IsNull()) {
    field.error(ctx, "expected a map, got " + describe(field.node));
    return "{}";
  }
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(to_json(ctx, field), out);
  std::string json = out.str();
  return json.empty() || json == "null" ? "{}" : json;
}

} // namespace actionhost::config::detail
