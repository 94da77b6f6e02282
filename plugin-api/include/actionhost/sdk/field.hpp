// ah::field: one member of a struct as JSON sees it, with its name, description and constraints.
//
//   struct Query {
//     std::string text;
//     std::optional<int> limit;
//     static auto fields() {
//       return std::tuple{ah::field("text", &Query::text, "What to search for").min_length(1),
//                         ah::field("limit", &Query::limit, "Page size").minimum(1).maximum(100)};
//     }
//   };
#pragma once

#include <actionhost/sdk/enums.hpp>
#include <actionhost/sdk/formats.hpp>
#include <actionhost/sdk/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace ah {

namespace detail {
template <class T> struct optional_traits {
  static constexpr bool is_optional = false;
  using value_type = T;
};
template <class T> struct optional_traits<std::optional<T>> {
  static constexpr bool is_optional = true;
  using value_type = T;
};
template <class T> struct is_vector : std::false_type {};
template <class T, class A> struct is_vector<std::vector<T, A>> : std::true_type {};
} // namespace detail

template <class T> inline constexpr bool is_optional_v = detail::optional_traits<T>::is_optional;
template <class T> using unwrap_optional_t = typename detail::optional_traits<T>::value_type;

// JSON "integer": any integral type but bool and the character types, whose range fits int64.
template <class T>
concept Integer =
    std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> &&
    !std::same_as<T, char8_t> && !std::same_as<T, char16_t> && !std::same_as<T, char32_t> &&
    !std::same_as<T, wchar_t> && (std::is_signed_v<T> || sizeof(T) < sizeof(std::int64_t));
template <class T>
concept Number = Integer<T> || std::floating_point<T>;
template <class T>
concept StringLike = std::same_as<T, std::string> || FormattedString<T>;
template <class T>
concept Sequence = detail::is_vector<T>::value;
// std::map or std::unordered_map keyed by std::string: a JSON object with free keys.
template <class T>
concept StringMap = requires {
  typename T::mapped_type;
  requires std::same_as<typename T::key_type, std::string>;
  requires std::same_as<T, std::map<std::string, typename T::mapped_type>> ||
      std::same_as<T, std::unordered_map<std::string, typename T::mapped_type>>;
};
// A struct that lists its fields: a JSON object with exactly those properties.
template <class T>
concept Record = std::is_class_v<T> && std::default_initializable<T> && requires {
  T::fields();
};

// No arguments, or no structured result: {"type": "object", "properties": {}}.
struct None {
  static std::tuple<> fields() { return {}; }
  friend bool operator==(const None&, const None&) = default;
};

// Constraints on a field's value (the value inside std::optional for optional fields).
template <class V> struct Constraints {
  using bound_type = std::conditional_t<Integer<V>, long long, double>;
  std::optional<bound_type> minimum, maximum;
  std::optional<std::size_t> min_length, max_length; // strings, in code points
  std::optional<std::size_t> min_items, max_items;   // arrays
  std::string_view pattern;                          // strings; ECMA-262 regex, unanchored
  std::optional<V> default_value;                    // used when the field is absent
};

template <class S, class T> class Field {
public:
  using struct_type = S;
  using member_type = T;
  using value_type = unwrap_optional_t<T>;
  using bound_type = typename Constraints<value_type>::bound_type;

  constexpr Field(std::string_view name, T S::*member, std::string_view description)
      : name(name), description(description), member(member) {}

  // A field is required unless it is std::optional or has a default.
  bool required() const { return !is_optional_v<T> && !rules.default_value; }

  // Each setter returns a modified copy, so they chain on the temporary ah::field() returns.
  Field minimum(bound_type v) const requires Number<value_type> { return with(&C::minimum, v); }
  Field maximum(bound_type v) const requires Number<value_type> { return with(&C::maximum, v); }
  Field min_length(std::size_t n) const requires StringLike<value_type> {
    return with(&C::min_length, n);
  }
  Field max_length(std::size_t n) const requires StringLike<value_type> {
    return with(&C::max_length, n);
  }
  // pattern must outlive the field: pass a string literal.
  Field pattern(std::string_view regex) const requires StringLike<value_type> {
    return with(&C::pattern, regex);
  }
  Field min_items(std::size_t n) const requires Sequence<value_type> {
    return with(&C::min_items, n);
  }
  Field max_items(std::size_t n) const requires Sequence<value_type> {
    return with(&C::max_items, n);
  }
  Field default_value(value_type v) const { return with(&C::default_value, std::move(v)); }

  std::string_view name;
  std::string_view description;
  T S::*member;
  Constraints<value_type> rules;

private:
  using C = Constraints<value_type>;
  template <class M, class A> Field with(M C::*which, A&& v) const {
    Field copy = *this;
    copy.rules.*which = std::forward<A>(v);
    return copy;
  }
};

// name and description must outlive the field: pass string literals.
template <class S, class T>
constexpr Field<S, T> field(std::string_view name, T S::*member,
                            std::string_view description = {}) {
  return Field<S, T>(name, member, description);
}

// Calls f(field) for each field of a record, in declaration order.
template <Record T, class F> void for_each_field(F&& f) {
  std::apply([&](const auto&... fs) { (f(fs), ...); }, T::fields());
}

} // namespace ah
