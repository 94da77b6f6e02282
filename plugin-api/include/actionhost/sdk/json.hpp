// Small helpers over Poco::JSON: parse, stringify, and view a Var as an object or array.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>
#include <string>
#include <string_view>

namespace ah {

// Free-form JSON passthrough: a field of this type accepts any JSON value.
using Json = Poco::Dynamic::Var;
using JsonObject = Poco::JSON::Object::Ptr;
using JsonArray = Poco::JSON::Array::Ptr;

namespace json {

// Parses JSON text. Throws Poco::Exception (Poco::JSON::JSONException, SyntaxException) on bad
// input. A Parser is not thread-safe, so each call has its own.
inline Json parse(std::string_view text) {
  Poco::JSON::Parser parser;
  return parser.parse(std::string(text));
}

inline std::string stringify(const Json& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

// A new object that keeps keys in insertion order, so schemas and results read like the struct.
inline JsonObject object() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}
inline JsonArray array() {
  return new Poco::JSON::Array();
}

// The value as an object, or null when it is not one (Poco may hold objects by pointer or value).
inline JsonObject as_object(const Json& value) {
  if (value.type() == typeid(JsonObject))
    return value.extract<JsonObject>();
  if (value.type() == typeid(Poco::JSON::Object))
    return new Poco::JSON::Object(value.extract<Poco::JSON::Object>());
  return nullptr;
}

inline JsonArray as_array(const Json& value) {
  if (value.type() == typeid(JsonArray))
    return value.extract<JsonArray>();
  if (value.type() == typeid(Poco::JSON::Array))
    return new Poco::JSON::Array(value.extract<Poco::JSON::Array>());
  return nullptr;
}

// Parses text that must hold an object; empty text is the empty object (the ABI's "{}" default).
// Throws std::invalid_argument when the text is not a JSON object.
inline JsonObject parse_object(std::string_view text) {
  if (text.empty())
    return object();
  JsonObject obj;
  try {
    obj = as_object(parse(text));
  } catch (const Poco::Exception& e) {
    throw std::invalid_argument("invalid JSON: " + e.displayText());
  }
  if (!obj)
    throw std::invalid_argument("expected a JSON object");
  return obj;
}

} // namespace json
} // namespace ah
