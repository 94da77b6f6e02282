// valijson reports paths as ["<root>", "[attendees]", "[2]"] and messages such as "Value type not
// permitted by 'type' constraint."; callers (and models reading tool errors) need JSON Pointers and
// "expected string, got integer". The schema is walked along the same path to name what was
// expected; when the walk cannot follow (allOf, $ref to another document, ...) valijson's own
// wording is kept.
#include "violations.hpp"

#include "path_walk.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <optional>
#include <regex>

namespace actionhost::schema {
namespace {

using namespace walk;
using Poco::JSON::Array;
using Poco::JSON::Object;

std::string expected_types(const Var& type) {
  if (type.isString())
    return type.extract<std::string>();
  if (!is_array(type))
    return "";
  std::string out;
  auto array = type.extract<Array::Ptr>();
  for (size_t i = 0; i < array->size(); ++i) {
    if (i > 0)
      out += i + 1 == array->size() ? " or " : ", ";
    out += array->get(static_cast<unsigned>(i)).toString();
  }
  return out;
}

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

// valijson's plain sentences, lower-cased and without the full stop, to follow "path: ".
std::string plain(std::string description) {
  if (!description.empty() && description.back() == '.')
    description.pop_back();
  if (!description.empty() && description[0] >= 'A' && description[0] <= 'Z' &&
      !(description.size() > 1 && description[1] >= 'A' && description[1] <= 'Z'))
    description[0] = static_cast<char>(description[0] - 'A' + 'a');
  return description;
}

std::string readable_message(const std::string& description, const std::vector<Step>& steps,
                             const Var& document, const Var& schema) {
  auto value = value_at(document, steps);
  std::string got = value ? ", got " + json_type_name(*value) : "";
  if (starts_with(description, "Value type not permitted by 'type' constraint")) {
    if (auto node = schema_at(schema, steps))
      if (auto type = member(*node, "type"); type && !expected_types(*type).empty())
        return "expected " + expected_types(*type) + got;
    return "value type not allowed here" + got;
  }
  if (starts_with(description, "Failed to match against any enum values")) {
    if (auto node = schema_at(schema, steps))
      if (auto options = member(*node, "enum"))
        return "expected one of " + to_json(*options);
  }
  if (starts_with(description, "Failed to match expected value set by 'const' constraint")) {
    if (auto node = schema_at(schema, steps))
      if (auto constant = member(*node, "const"))
        return "expected " + to_json(*constant);
  }
  return plain(description);
}

// With "additionalProperties": false valijson names only the first stray property; list each one,
// at its own path, with the names the schema does allow so a model can correct its call.
std::vector<Violation> unknown_properties(const std::string& pointer,
                                          const std::vector<Step>& steps, const Var& document,
                                          const Var& schema, const std::string& fallback) {
  auto value = value_at(document, steps);
  auto node = schema_at(schema, steps);
  std::vector<std::string> allowed;
  std::vector<std::string> patterns;
  if (node) {
    if (auto properties = member(*node, "properties"); properties && is_object(*properties))
      for (const auto& entry : *properties->extract<Object::Ptr>())
        allowed.push_back(entry.first);
    if (auto p = member(*node, "patternProperties"); p && is_object(*p))
      for (const auto& entry : *p->extract<Object::Ptr>())
        patterns.push_back(entry.first);
  }
  std::string hint;
  for (const auto& name : allowed)
    hint += (hint.empty() ? "" : ", ") + name;
  for (const auto& pattern : patterns)
    hint += (hint.empty() ? "" : ", ") + std::string("names matching ") + pattern;
  const std::string message =
      "unknown property" +
      (hint.empty() ? std::string(" (none are allowed here)") : " (allowed: " + hint + ")");
  std::vector<Violation> out;
  if (value && is_object(*value) && node) {
    for (const auto& entry : *value->extract<Object::Ptr>()) {
      const std::string& key = entry.first;
      bool known = std::find(allowed.begin(), allowed.end(), key) != allowed.end();
      for (const auto& pattern : patterns) {
        try {
          known = known || std::regex_search(key, std::regex(pattern));
        } catch (const std::regex_error&) {
        }
      }
      if (!known)
        out.push_back({pointer + json_pointer({key}), message});
    }
  }
  if (out.empty())
    out.push_back({pointer, plain(fallback)});
  return out;
}

// Messages valijson adds above a nested failure; they only repeat that a child failed.
bool is_summary(const std::string& description) {
  static const char* const prefixes[] = {
      "Failed to validate item #",
      "Failed to validate against schema associated with property name",
      "Failed to validate against schema associated with pattern",
      "Failed to validate against additional properties schema",
      "Failed to validate against child schema #",
  };
  return std::any_of(std::begin(prefixes), std::end(prefixes),
                     [&](const char* p) { return starts_with(description, p); });
}

} // namespace

std::vector<Violation> readable_violations(const valijson::ValidationResults& results,
                                           const Poco::Dynamic::Var& document,
                                           const Poco::Dynamic::Var& schema) {
  struct Raw {
    std::vector<Step> steps;
    std::string pointer;
    std::string description;
  };
  std::vector<Raw> raw;
  for (const auto& error : results) {
    auto steps = steps_of(error.context, document);
    std::string pointer = pointer_of(steps);
    raw.push_back({std::move(steps), std::move(pointer), error.description});
  }
  std::vector<Violation> out;
  for (const Raw& r : raw) {
    bool has_deeper = std::any_of(raw.begin(), raw.end(), [&](const Raw& other) {
      return other.pointer.size() > r.pointer.size() &&
             other.pointer.compare(0, r.pointer.size() + 1, r.pointer + "/") == 0;
    });
    if (has_deeper && is_summary(r.description))
      continue;
    std::vector<Violation> found;
    if (starts_with(r.description, "Object contains a property that could not be validated"))
      found = unknown_properties(r.pointer, r.steps, document, schema, r.description);
    else
      found.push_back({r.pointer, readable_message(r.description, r.steps, document, schema)});
    for (Violation& v : found) {
      bool seen = std::any_of(out.begin(), out.end(), [&](const Violation& o) {
        return o.path == v.path && o.message == v.message;
      });
      if (!seen)
        out.push_back(std::move(v));
    }
  }
  return out;
}

std::string Violation::to_string() const {
  return (path.empty() ? std::string("(root)") : path) + ": " + message;
}

std::string describe(const std::vector<Violation>& violations) {
  std::string out;
  for (const Violation& v : violations) {
    if (!out.empty())
      out += "\n";
    out += v.to_string();
  }
  return out;
}

} // namespace actionhost::schema
