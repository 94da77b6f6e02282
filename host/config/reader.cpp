#include "reader.hpp"

#include "placeholders.hpp"
#include "suggest.hpp"
#include "values.hpp"

#include <algorithm>
#include <charconv>

namespace actionhost::config::detail {

Location location_of(const YAML::Mark& mark) {
  if (mark.is_null())
    return {};
  return {mark.line + 1, mark.column + 1};
}

void Context::error(const YAML::Mark& mark, const std::string& message) const {
  diagnostics->push_back({file, location_of(mark), prefix + message});
}

Context Context::with_prefix(std::string new_prefix) const {
  Context copy = *this;
  copy.prefix = std::move(new_prefix);
  return copy;
}

Field Field::child(const std::string& key, const YAML::Node& value,
                   const YAML::Mark& key_mark) const {
  // An empty value (`key:`) has no position of its own; yaml-cpp gives the next token's.
  YAML::Mark value_mark = value.IsNull() ? key_mark : value.Mark();
  return {path.empty() ? key : path + "." + key, value, value_mark};
}

void Field::error(const Context& ctx, const std::string& message) const {
  ctx.error(mark, path.empty() ? message : path + ": " + message);
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
  case YAML::NodeType::Map:
    return "a map";
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Scalar:
    return "'" + node.Scalar() + "'";
  default:
    return "nothing";
  }
}

namespace {
std::string join(const std::vector<std::string>& names, const std::string& separator) {
  std::string out;
  for (const auto& name : names)
    out += (out.empty() ? "" : separator) + name;
  return out;
}
} // namespace

Section::Section(const Context& ctx, const Field& field,
                 std::optional<std::vector<std::string>> known) {
  // An empty section (`server:` with every line commented out) is an empty map.
  if (field.node.IsNull()) {
    is_map_ = true;
    return;
  }
  if (!field.node.IsMap()) {
    field.error(ctx, "expected a map, got " + describe(field.node));
    return;
  }
  is_map_ = true;
  std::string where = field.path.empty() ? "" : field.path + ": ";
  std::map<std::string, YAML::Mark> seen;
  for (auto it = field.node.begin(); it != field.node.end(); ++it) {
    const YAML::Node& key = it->first;
    if (!key.IsScalar()) {
      ctx.error(key.Mark(), where + "expected a key name, got " + describe(key));
      continue;
    }
    const std::string& name = key.Scalar();
    if (auto first = seen.find(name); first != seen.end()) {
      ctx.error(key.Mark(), where + "duplicate key '" + name + "' (first at line " +
                                std::to_string(first->second.line + 1) + ")");
      continue;
    }
    seen.emplace(name, key.Mark());
    if (known && std::find(known->begin(), known->end(), name) == known->end()) {
      auto suggestion = did_you_mean(name, *known);
      ctx.error(key.Mark(),
                where + "unknown key '" + name + "'" +
                    (suggestion.empty() ? " (expected " + join(*known, ", ") + ")" : suggestion));
      continue;
    }
    Field child = field.child(name, it->second, key.Mark());
    if (ctx.locations)
      (*ctx.locations)[child.path] = location_of(child.mark);
    entries_.push_back({name, std::move(child), key.Mark()});
  }
}

const Section::Entry* Section::find(const std::string& key) const {
  for (const auto& entry : entries_)
    if (entry.key == key)
      return &entry;
  return nullptr;
}

std::optional<Field> Section::get(const std::string& key) const {
  const Entry* entry = find(key);
  return entry ? std::optional<Field>(entry->field) : std::nullopt;
}

void reject_unless(const Context& ctx, const Section& section, const std::string& key, bool applies,
                   const std::string& when, const std::string& actual) {
  if (applies)
    return;
  if (const auto* entry = section.find(key))
    ctx.error(entry->key_mark,
              entry->field.path + ": only used with " + when + " (" + actual + ")");
}

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

std::optional<Template> read_template(const Context& ctx, const Field& field, AuthMode mode) {
  auto expansion = expanded(ctx, field, "a string");
  if (!expansion)
    return std::nullopt;
  bool ok = true;
  for (const auto& part : expansion->value.parts) {
    if (part.placeholder && !placeholder_available(part.text, mode)) {
      field.error(ctx, "'${" + part.text + "}' is not available with auth mode " +
                           std::string(to_string(mode)) +
                           " (available: " + available_placeholders(mode) + ")");
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
