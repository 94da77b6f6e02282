// Encoding: C++ values to JSON. Empty optionals are left out; enums become their names.
#pragma once

#include <actionhost/sdk/field.hpp>

#include <cmath>
#include <stdexcept>

namespace ah {

namespace detail {
template <class> inline constexpr bool unencodable = false;
}

template <class T> Json encode(const T& value) {
  if constexpr (is_optional_v<T>) {
    return value ? encode(*value) : Json();
  } else if constexpr (std::same_as<T, std::string> || std::same_as<T, bool>) {
    return value;
  } else if constexpr (Integer<T>) {
    return static_cast<Poco::Int64>(value);
  } else if constexpr (std::floating_point<T>) {
    // JSON has no NaN or infinity; emitting them would produce unparseable output.
    if (!std::isfinite(value))
      throw std::domain_error("cannot encode a non-finite number as JSON");
    return static_cast<double>(value);
  } else if constexpr (NamedEnum<T>) {
    auto name = enum_to_name(value);
    if (!name)
      throw std::invalid_argument("enum value " + std::to_string(static_cast<long long>(value)) +
                                  " has no name in ah::enum_names");
    return std::string(*name);
  } else if constexpr (FormattedString<T>) {
    return value.value;
  } else if constexpr (Sequence<T>) {
    JsonArray out = json::array();
    for (const auto& item : value)
      out->add(encode<typename T::value_type>(item));
    return out;
  } else if constexpr (StringMap<T>) {
    JsonObject out = json::object();
    for (const auto& [key, item] : value)
      out->set(key, encode(item));
    return out;
  } else if constexpr (std::same_as<T, JsonObject> || std::same_as<T, JsonArray> ||
                       std::same_as<T, Json>) {
    return value;
  } else if constexpr (Record<T>) {
    JsonObject out = json::object();
    for_each_field<T>([&](const auto& f) {
      const auto& member = value.*(f.member);
      if constexpr (is_optional_v<std::remove_cvref_t<decltype(member)>>)
        if (!member)
          return;
      out->set(std::string(f.name), encode(member));
    });
    return out;
  } else {
    static_assert(detail::unencodable<T>, "ah::encode: unsupported type");
  }
}

template <class T> std::string encode_json(const T& value) {
  return json::stringify(encode(value));
}

} // namespace ah
