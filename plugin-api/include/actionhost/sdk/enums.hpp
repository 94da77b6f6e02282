// Enums as JSON strings: their names are declared once, in a specialisation of ah::enum_names.
#pragma once

#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace ah {

// Enums cross JSON as strings. Declare the names once by specialising ah::enum_names, right
// after the enum (before any code uses the enum as JSON), at namespace scope:
//   template <> struct ah::enum_names<Color> {
//     static constexpr ah::enumerator<Color> values[] = {
//         {Color::red, "red"}, {Color::blue, "blue"}};
//   };
template <class E> struct enumerator {
  E value;
  std::string_view name;
};
template <class E> struct enum_names;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires {
  std::size(enum_names<E>::values);
};

template <NamedEnum E> constexpr std::optional<std::string_view> enum_to_name(E value) {
  for (const auto& e : enum_names<E>::values)
    if (e.value == value)
      return e.name;
  return std::nullopt;
}

template <NamedEnum E> constexpr std::optional<E> enum_from_name(std::string_view name) {
  for (const auto& e : enum_names<E>::values)
    if (e.name == name)
      return e.value;
  return std::nullopt;
}

// "red, green, blue", for error messages.
template <NamedEnum E> std::string enum_name_list() {
  std::string out;
  for (const auto& e : enum_names<E>::values)
    out += (out.empty() ? "" : ", ") + std::string(e.name);
  return out;
}

} // namespace ah
