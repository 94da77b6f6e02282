// Scalars: expanded first, then interpreted as the type each field expects.
#include "reader.hpp"

#include "placeholders.hpp"
#include "values.hpp"

#include <algorithm>
#include <charconv>

namespace actionhost::config::detail {

namespace {
// The expanded text of a scalar, or nullopt after reporting what was expected instead.
std::optional<Expansion> expanded(const Context& ctx, const Field& field,
                                  const std::string& expected) {
  if (!field.node.IsScalar()) {
    field.error(ctx, "expected " + expected + ", got " + describe(field.node));
    return std::nullopt;
  }
  Expansion expansion = expand(field.node.Scalar(), *ctx.env);
  for (const auto& error : expansion.errors)
    field.error(ctx, error);
  if (!expansion.errors.empty())
    return std::nullopt;
  return expansion;
}

std::optional<std::string> plain_text(const Context& ctx, const Field& field,
                                      const std::string& expected) {
  auto expansion = expanded(ctx, field, expected);
  if (!expansion)
    return std::nullopt;
  bool ok = true;
  for (const auto& part : expansion->value.parts) {
    if (part.placeholder) {
      field.error(ctx, "'${" + part.text + "}' is filled in at call time and is only allowed in " +
                           "auth.headers, auth.query and proxy.base_url");
      ok = false;
    }
  }
  if (!ok)
    return std::nullopt;
  return expansion->value.render([](const std::string&) { return std::string(); });
}
} // namespace

std::optional<std::string> read_string(const Context& ctx, const Field& field) {
  return plain_text(ctx, field, "a string");
}

std::optional<std::string> read_nonempty_string(const Context& ctx, const Field& field) {
  auto text = read_string(ctx, field);
  if (text && text->empty()) {
    field.error(ctx, "expected a non-empty string");
    return std::nullopt;
  }
  return text;
}

std::optional<Template> read_template(const Context& ctx, const Field& field,
                                      std::optional<AuthMode> mode) {
  auto expansion = expanded(ctx, field, "a string");
  if (!expansion)
    return std::nullopt;
  bool ok = true;
  for (const auto& part : expansion->value.parts) {
    if (part.placeholder && mode && !placeholder_available(part.text, *mode)) {
      field.error(ctx, "'${" + part.text + "}' is not available with auth mode " +
                           std::string(to_string(*mode)) +
                           " (available: " + available_placeholders(*mode) + ")");
      ok = false;
    }
  }
  if (!ok)
    return std::nullopt;
  return expansion->value;
}

std::optional<bool> read_bool(const Context& ctx, const Field& field) {
  auto text = plain_text(ctx, field, "true or false");
  bool value = false;
  if (text && YAML::convert<bool>::decode(YAML::Node(*text), value))
    return value;
  if (text)
    field.error(ctx, "expected true or false, got '" + *text + "'");
  return std::nullopt;
}

std::optional<long long> read_int(const Context& ctx, const Field& field, long long min,
                                  long long max) {
  std::string expected = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  auto text = plain_text(ctx, field, expected);
  if (!text)
    return std::nullopt;
  long long value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec == std::errc() && end == text->data() + text->size() && value >= min && value <= max)
    return value;
  field.error(ctx, "expected " + expected + ", got '" + *text + "'");
  return std::nullopt;
}

std::optional<Duration> read_duration(const Context& ctx, const Field& field, bool allow_zero) {
  const std::string expected = "a duration such as 500ms, 30s, 15m or 1h";
  auto text = plain_text(ctx, field, expected);
  if (!text)
    return std::nullopt;
  auto duration = parse_duration(*text);
  if (!duration) {
    field.error(ctx, "expected " + expected + ", got '" + *text + "'");
    return std::nullopt;
  }
  if (!allow_zero && duration->count() == 0) {
    field.error(ctx, "expected a duration greater than zero, got '" + *text + "'");
    return std::nullopt;
  }
  return duration;
}

std::optional<uint64_t> read_size(const Context& ctx, const Field& field) {
  const std::string expected = "a size in bytes such as 1048576 or 1MiB";
  auto text = plain_text(ctx, field, expected);
  if (!text)
    return std::nullopt;
  auto size = parse_size(*text);
  if (!size || *size == 0) {
    field.error(ctx, "expected " + expected + ", got '" + *text + "'");
    return std::nullopt;
  }
  return size;
}

std::optional<std::vector<Field>> list_items(const Context& ctx, const Field& field,
                                             const std::string& expected) {
  if (!field.node.IsSequence()) {
    field.error(ctx, "expected " + expected + ", got " + describe(field.node));
    return std::nullopt;
  }
  std::vector<Field> items;
  for (size_t i = 0; i < field.node.size(); ++i) {
    const YAML::Node item = field.node[i];
    items.push_back({field.path + "[" + std::to_string(i) + "]", item,
                     item.IsNull() ? field.mark : item.Mark()});
    if (ctx.locations)
      (*ctx.locations)[items.back().path] = location_of(items.back().mark);
  }
  return items;
}

std::optional<std::vector<std::string>> read_string_list(const Context& ctx, const Field& field) {
  return read_list(ctx, field, "a list of strings", read_string);
}

std::optional<std::map<std::string, std::string>> read_string_map(const Context& ctx,
                                                                  const Field& field) {
  Section section(ctx, field, std::nullopt);
  if (!section.is_map())
    return std::nullopt;
  std::map<std::string, std::string> values;
  bool ok = true;
  for (const auto& entry : section.entries()) {
    auto value = read_string(ctx, entry.field);
    if (value)
      values[entry.key] = *value;
    ok = ok && value;
  }
  if (!ok)
    return std::nullopt;
  return values;
}

std::optional<std::string> read_url(const Context& ctx, const Field& field) {
  auto url = read_nonempty_string(ctx, field);
  if (!url)
    return std::nullopt;
  if (auto problem = url_problem(*url)) {
    field.error(ctx, *problem + ", got '" + *url + "'");
    return std::nullopt;
  }
  return url;
}

std::optional<std::filesystem::path> read_path(const Context& ctx, const Field& field) {
  auto text = read_nonempty_string(ctx, field);
  if (!text)
    return std::nullopt;
  std::filesystem::path path(*text);
  if (path.is_relative())
    path = ctx.base_dir / path;
  return path.lexically_normal();
}

std::optional<std::string> read_choice(const Context& ctx, const Field& field,
                                       const std::vector<std::string>& names,
                                       const std::string& what) {
  auto text = plain_text(ctx, field, what);
  if (!text)
    return std::nullopt;
  if (std::find(names.begin(), names.end(), *text) != names.end())
    return text;
  ctx.error(field.mark,
            "unknown " + what + " '" + *text + "' (expected " + join(names, ", ") + ")");
  return std::nullopt;
}

} // namespace actionhost::config::detail
