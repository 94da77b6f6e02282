// JSON Schema (draft 2020-12) derived from C++ types and their ah::field declarations.
#pragma once

#include <actionhost/sdk/encode.hpp>
#include <actionhost/sdk/field.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace ah {

inline constexpr std::string_view json_schema_dialect =
    "https://json-schema.org/draft/2020-12/schema";

template <class T> void describe_type(Poco::JSON::Object& schema);

namespace detail {

template <class S, class T> JsonObject field_schema(const Field<S, T>& f) {
  using V = typename Field<S, T>::value_type;
  JsonObject p = json::object();
  describe_type<V>(*p);
  if (!f.description.empty())
    p->set("description", std::string(f.description));
  const auto& r = f.rules;
  if constexpr (Integer<V>) {
    // Integers always carry their type's range, narrowed by the field's own bounds.
    long long lo = std::numeric_limits<V>::min(),
              hi = static_cast<long long>(std::numeric_limits<V>::max());
    p->set("minimum", static_cast<Poco::Int64>(std::max(lo, r.minimum.value_or(lo))));
    p->set("maximum", static_cast<Poco::Int64>(std::min(hi, r.maximum.value_or(hi))));
  } else if constexpr (Number<V>) {
    if (r.minimum)
      p->set("minimum", *r.minimum);
    if (r.maximum)
      p->set("maximum", *r.maximum);
  }
  if (r.min_length)
    p->set("minLength", static_cast<Poco::UInt64>(*r.min_length));
  if (r.max_length)
    p->set("maxLength", static_cast<Poco::UInt64>(*r.max_length));
  if (!r.pattern.empty())
    p->set("pattern", std::string(r.pattern));
  if (r.min_items)
    p->set("minItems", static_cast<Poco::UInt64>(*r.min_items));
  if (r.max_items)
    p->set("maxItems", static_cast<Poco::UInt64>(*r.max_items));
  if (r.default_value)
    p->set("default", encode(*r.default_value));
  return p;
}

// `static constexpr const char* description = "..."` describes a record; a data member that
// happens to be called `description` (an event's, a file's) is just a field.
template <class T>
concept described_record = requires {
  T::description;
}
&&!std::is_member_object_pointer_v<decltype(&T::description)>;

template <class T> void describe_record(Poco::JSON::Object& schema) {
  schema.set("type", "object");
  if constexpr (described_record<T>)
    schema.set("description", std::string(T::description));
  JsonObject properties = json::object();
  JsonArray required = json::array();
  for_each_field<T>([&](const auto& f) {
    // A repeated name would silently replace the first property; fail registration instead.
    if (properties->has(std::string(f.name)))
      throw std::logic_error("field '" + std::string(f.name) + "' is declared twice");
    properties->set(std::string(f.name), field_schema(f));
    if (f.required())
      required->add(std::string(f.name));
  });
  schema.set("properties", properties);
  if (required->size() > 0)
    schema.set("required", required);
  schema.set("additionalProperties", false);
}

template <class> inline constexpr bool unsupported_type = false;

} // namespace detail

// Writes the type-level keywords of T ("type", "format", "enum", "items", ...) into schema.
template <class T> void describe_type(Poco::JSON::Object& schema) {
  if constexpr (is_optional_v<T>) {
    describe_type<unwrap_optional_t<T>>(schema);
  } else if constexpr (std::same_as<T, std::string>) {
    schema.set("type", "string");
  } else if constexpr (std::same_as<T, bool>) {
    schema.set("type", "boolean");
  } else if constexpr (Integer<T>) {
    schema.set("type", "integer");
  } else if constexpr (std::floating_point<T>) {
    schema.set("type", "number");
  } else if constexpr (NamedEnum<T>) {
    schema.set("type", "string");
    JsonArray names = json::array();
    for (const auto& e : enum_names<T>::values)
      names->add(std::string(e.name));
    schema.set("enum", names);
  } else if constexpr (FormattedString<T>) {
    schema.set("type", "string");
    schema.set("format", std::string(T::format));
  } else if constexpr (Sequence<T>) {
    schema.set("type", "array");
    JsonObject items = json::object();
    describe_type<typename T::value_type>(*items);
    schema.set("items", items);
  } else if constexpr (StringMap<T>) {
    schema.set("type", "object");
    JsonObject values = json::object();
    describe_type<typename T::mapped_type>(*values);
    schema.set("additionalProperties", values);
  } else if constexpr (std::same_as<T, JsonObject>) {
    schema.set("type", "object");
  } else if constexpr (std::same_as<T, JsonArray>) {
    schema.set("type", "array");
  } else if constexpr (std::same_as<T, Json>) {
    // Any JSON value: no keywords at all.
  } else if constexpr (Record<T>) {
    detail::describe_record<T>(schema);
  } else {
    static_assert(detail::unsupported_type<T>,
                  "ah: no JSON Schema for this type; use a supported type, a Record (a struct "
                  "with static fields()), a NamedEnum or a FormattedString");
  }
}

// The schema of T as a standalone document ("$schema" first), e.g. an action's input schema.
template <class T> JsonObject schema_of() {
  JsonObject schema = json::object();
  schema->set("$schema", std::string(json_schema_dialect));
  describe_type<T>(*schema);
  return schema;
}

template <class T> std::string schema_json() {
  return json::stringify(schema_of<T>());
}

} // namespace ah
