// Positions, paths and maps: the structure of the file, before any value is interpreted.
#include "reader.hpp"

#include "keys.hpp"
#include "suggest.hpp"

#include <algorithm>

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

std::string join(const std::vector<std::string>& names, const std::string& separator) {
  std::string out;
  for (const auto& name : names)
    out += (out.empty() ? "" : separator) + name;
  return out;
}

namespace {
// A likely typo first; then a key of another section, which is usually a wrong indentation;
// otherwise the keys allowed here.
std::string hint(const std::string& name, const std::vector<std::string>& known) {
  if (auto suggestion = did_you_mean(name, known); !suggestion.empty())
    return suggestion;
  if (auto section = section_of(name))
    return " (it belongs under " + *section + "; check its indentation)";
  return " (expected " + join(known, ", ") + ")";
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
  for (const auto& pair : field.node) {
    // Copies: yaml-cpp's iterator hands out a temporary pair, so a reference would dangle.
    const YAML::Node key = pair.first;
    const YAML::Node value = pair.second;
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
      ctx.error(key.Mark(), where + "unknown key '" + name + "'" + hint(name, *known));
      continue;
    }
    Field child = field.child(name, value, key.Mark());
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

} // namespace actionhost::config::detail
