// JSON text in and out, with Poco: the one place that knows how Poco represents JSON values.
#include "schema.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace actionhost::schema {

Poco::Dynamic::Var parse_json(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw SchemaError("not valid JSON: the text is empty");
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(/*preserveObjectOrder=*/true));
    auto first = text.find_first_not_of(" \t\r\n");
    if (text[first] != '{' && text[first] != '[') {
      // Poco's handler cannot hold a bare scalar as the whole document; wrap it in an array
      // (trailing text still fails: "1],[2" becomes "[1],[2]", which has excess characters).
      auto wrapped = parser.parse("[" + std::string(text) + "]");
      return wrapped.extract<Poco::JSON::Array::Ptr>()->get(0);
    }
    return parser.parse(std::string(text));
  } catch (const Poco::Exception& e) {
    throw SchemaError("not valid JSON: " + e.displayText());
  } catch (const std::exception& e) {
    throw SchemaError(std::string("not valid JSON: ") + e.what());
  }
}

Poco::JSON::Object::Ptr parse_json_object(std::string_view text) {
  Poco::Dynamic::Var value = parse_json(text);
  if (value.type() != typeid(Poco::JSON::Object::Ptr))
    throw SchemaError("expected a JSON object, got " + json_type_name(value));
  return value.extract<Poco::JSON::Object::Ptr>();
}

std::string to_json(const Poco::Dynamic::Var& value, unsigned indent) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out, indent);
  return out.str();
}

std::string json_type_name(const Poco::Dynamic::Var& value) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr) || value.type() == typeid(Poco::JSON::Object))
    return "object";
  if (value.type() == typeid(Poco::JSON::Array::Ptr) || value.type() == typeid(Poco::JSON::Array))
    return "array";
  if (value.isEmpty())
    return "null";
  if (value.isBoolean())
    return "boolean";
  if (value.isString())
    return "string";
  if (value.isInteger())
    return "integer";
  if (value.isNumeric())
    return "number";
  return "unknown";
}

} // namespace actionhost::schema
