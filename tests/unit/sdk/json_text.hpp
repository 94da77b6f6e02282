// Comparing JSON texts in tests: both sides are parsed and written back with sorted keys, so
// expectations can be written as readable, indented JSON.
#pragma once

#include <actionhost/plugin.hpp>

#include <string>

inline std::string canonical(const std::string& json_text) {
  return ah::json::stringify(ah::json::parse(json_text)); // Poco's default parser sorts keys
}

// The schema of one property of a record, canonical.
template <class T> std::string property_schema(const std::string& name) {
  auto schema = ah::json::parse_object(ah::schema_json<T>());
  return canonical(ah::json::stringify(schema->getObject("properties")->get(name)));
}
