// Decoding: JSON to C++ values, checking types, formats and field constraints, and collecting
// every problem with its path ("attendees[2].email: expected string") into one ah::DecodeError.
#pragma once

#include <actionhost/sdk/errors.hpp>
#include <actionhost/sdk/field.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <regex>

namespace ah {

namespace detail {

// "100", "0.5", "1e+21": the shortest text that reads back as the same number.
inline std::string number_text(double v) {
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}
inline std::string number_text(long long v) {
  return std::to_string(v);
}

// JSON Schema counts string length in Unicode code points, not bytes.
inline std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// "1 item", "3 items".
inline std::string counted(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

inline bool plain_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

class Decoder {
public:
  std::vector<DecodeIssue> issues;

  void fail(std::string message) {
    issues.push_back({path_.empty() ? "(root)" : path_, std::move(message)});
  }

  // Runs f with the path extended by a property name or an array index.
  template <class F> void at_key(std::string_view key, F&& f) {
    std::size_t size = path_.size();
    if (plain_key(key))
      path_.append(path_.empty() ? "" : ".").append(key);
    else
      path_.append("[").append(json::stringify(std::string(key))).append("]");
    f();
    path_.resize(size);
  }
  template <class F> void at_index(std::size_t i, F&& f) {
    std::size_t size = path_.size();
    path_.append("[").append(std::to_string(i)).append("]");
    f();
    path_.resize(size);
  }

  // An integer within [lo, hi]; 5.0 counts as an integer, as in JSON Schema.
  std::optional<long long> integer(const Json& v, long long lo, long long hi) {
    long long x = 0;
    if (v.isBoolean() || !v.isNumeric()) {
      fail("expected integer");
      return std::nullopt;
    }
    if (v.isInteger() && v.isSigned()) {
      x = v.convert<Poco::Int64>();
    } else if (v.isInteger()) {
      auto u = v.convert<Poco::UInt64>();
      if (u > static_cast<Poco::UInt64>(hi))
        return out_of_range(false, lo, hi);
      x = static_cast<long long>(u);
    } else {
      double d = v.convert<double>();
      if (!std::isfinite(d) || std::trunc(d) != d) {
        fail("expected integer");
        return std::nullopt;
      }
      // hi + 1.0 is exact at INT64_MAX (2^63), where hi itself is not representable.
      if (d < static_cast<double>(lo) || d >= static_cast<double>(hi) + 1.0)
        return out_of_range(d < static_cast<double>(lo), lo, hi);
      x = static_cast<long long>(d);
    }
    if (x < lo || x > hi)
      return out_of_range(x < lo, lo, hi);
    return x;
  }

  template <class T> void value(const Json& v, T& out) {
    if constexpr (is_optional_v<T>) {
      unwrap_optional_t<T> inner{};
      std::size_t before = issues.size();
      value(v, inner);
      if (issues.size() == before)
        out = std::move(inner);
    } else if constexpr (std::same_as<T, std::string>) {
      if (v.type() == typeid(std::string))
        out = v.extract<std::string>();
      else
        fail("expected string");
    } else if constexpr (std::same_as<T, bool>) {
      if (v.type() == typeid(bool))
        out = v.extract<bool>();
      else
        fail("expected boolean");
    } else if constexpr (Integer<T>) {
      if (auto x = integer(v, std::numeric_limits<T>::min(),
                           static_cast<long long>(std::numeric_limits<T>::max())))
        out = static_cast<T>(*x);
    } else if constexpr (std::floating_point<T>) {
      if (v.isNumeric() && !v.isBoolean())
        out = static_cast<T>(v.convert<double>());
      else
        fail("expected number");
    } else if constexpr (NamedEnum<T>) {
      std::optional<T> e;
      if (v.type() == typeid(std::string))
        e = enum_from_name<T>(v.extract<std::string>());
      if (e)
        out = *e;
      else
        fail("expected one of " + enum_name_list<T>());
    } else if constexpr (FormattedString<T>) {
      if (v.type() == typeid(std::string) && T::valid(v.extract<std::string>()))
        out.value = v.extract<std::string>();
      else
        fail("expected " + std::string(T::expected));
    } else if constexpr (Sequence<T>) {
      sequence(v, out);
    } else if constexpr (StringMap<T>) {
      map(v, out);
    } else if constexpr (std::same_as<T, Json>) {
      out = v;
    } else if constexpr (std::same_as<T, JsonObject>) {
      if (!(out = json::as_object(v)))
        fail("expected object");
    } else if constexpr (std::same_as<T, JsonArray>) {
      if (!(out = json::as_array(v)))
        fail("expected array");
    } else if constexpr (Record<T>) {
      record(v, out);
    } else {
      static_assert(Record<T>, "ah::decode: unsupported type");
    }
  }

private:
  std::optional<long long> out_of_range(bool below, long long lo, long long hi) {
    fail(below ? "must be at least " + number_text(lo) : "must be at most " + number_text(hi));
    return std::nullopt;
  }

  template <class T> void sequence(const Json& v, T& out) {
    JsonArray arr = json::as_array(v);
    if (!arr) {
      fail("expected array");
      return;
    }
    out.clear();
    for (std::size_t i = 0; i < arr->size(); ++i) {
      typename T::value_type item{};
      at_index(i, [&] { value(arr->get(static_cast<unsigned>(i)), item); });
      out.push_back(std::move(item));
    }
  }

  template <class T> void map(const Json& v, T& out) {
    JsonObject obj = json::as_object(v);
    if (!obj) {
      fail("expected object");
      return;
    }
    out.clear();
    for (const std::string& key : obj->getNames())
      at_key(key, [&] { value(obj->get(key), out[key]); });
  }

  template <class T> void record(const Json& v, T& out) {
    JsonObject obj = json::as_object(v);
    if (!obj) {
      fail("expected object");
      return;
    }
    std::vector<std::string_view> known;
    for_each_field<T>([&](const auto& f) {
      known.push_back(f.name);
      field(*obj, f, out);
    });
    for (const std::string& key : obj->getNames())
      if (std::find(known.begin(), known.end(), key) == known.end())
        at_key(key, [&] { fail("unknown field"); });
  }

  template <class S, class T>
  void field(const Poco::JSON::Object& obj, const Field<S, T>& f, S& out) {
    using V = typename Field<S, T>::value_type;
    T& member = out.*(f.member);
    std::string key(f.name);
    if (!obj.has(key)) {
      if (f.rules.default_value)
        member = *f.rules.default_value;
      else if (f.required())
        at_key(f.name, [&] { fail("required field missing"); });
      else
        member = T{};
      return;
    }
    at_key(f.name, [&] {
      V decoded{};
      std::size_t before = issues.size();
      if constexpr (Integer<V>) {
        // The field's bounds and the type's range are checked together, reporting the tighter.
        long long lo = std::numeric_limits<V>::min();
        long long hi = static_cast<long long>(std::numeric_limits<V>::max());
        if (auto x = integer(obj.get(key), std::max(lo, f.rules.minimum.value_or(lo)),
                             std::min(hi, f.rules.maximum.value_or(hi))))
          decoded = static_cast<V>(*x);
      } else {
        value(obj.get(key), decoded);
      }
      if (issues.size() == before) {
        check(decoded, f.rules);
        member = std::move(decoded);
      } else if constexpr (Sequence<V>) {
        // Bad items leave the array's length known: report a wrong length as well.
        if (json::as_array(obj.get(key)))
          check(decoded, f.rules);
      }
    });
  }

  template <class V> void check(const V& v, const Constraints<V>& r) {
    if constexpr (std::floating_point<V>) {
      if (r.minimum && v < *r.minimum)
        fail("must be at least " + number_text(*r.minimum));
      if (r.maximum && v > *r.maximum)
        fail("must be at most " + number_text(*r.maximum));
    } else if constexpr (StringLike<V>) {
      std::string_view s;
      if constexpr (FormattedString<V>)
        s = v.value;
      else
        s = v;
      std::size_t n = (r.min_length || r.max_length) ? code_points(s) : 0;
      if (r.min_length && n < *r.min_length)
        fail("must be at least " + counted(*r.min_length, "character") + " long");
      if (r.max_length && n > *r.max_length)
        fail("must be at most " + counted(*r.max_length, "character") + " long");
      if (!r.pattern.empty() &&
          !std::regex_search(s.begin(), s.end(), std::regex(r.pattern.begin(), r.pattern.end())))
        fail("must match the pattern " + std::string(r.pattern));
    } else if constexpr (Sequence<V>) {
      if (r.min_items && v.size() < *r.min_items)
        fail("must have at least " + counted(*r.min_items, "item"));
      if (r.max_items && v.size() > *r.max_items)
        fail("must have at most " + counted(*r.max_items, "item"));
    }
  }

  std::string path_;
};

} // namespace detail

// Decodes a parsed JSON value into T. Throws ah::DecodeError listing every problem found.
template <class T> T decode(const Json& value) {
  detail::Decoder decoder;
  T out{};
  decoder.value(value, out);
  if (!decoder.issues.empty())
    throw DecodeError(std::move(decoder.issues));
  return out;
}

// Decodes JSON text into T. Malformed text is a DecodeError at "(root)" too.
template <class T> T decode_json(std::string_view text) {
  Json parsed;
  try {
    parsed = json::parse(text);
  } catch (const Poco::Exception& e) {
    throw DecodeError("(root)", "invalid JSON: " + e.displayText());
  }
  return decode<T>(parsed);
}

} // namespace ah
