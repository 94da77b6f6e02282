// Walking a document and its schema side by side, one path step at a time.
#include "path_walk.hpp"

#include <regex>

namespace actionhost::schema::walk {

using Poco::JSON::Array;
using Poco::JSON::Object;

bool is_object(const Var& v) {
  return v.type() == typeid(Object::Ptr);
}
bool is_array(const Var& v) {
  return v.type() == typeid(Array::Ptr);
}

std::optional<Var> some(Var v) {
  return std::optional<Var>(std::in_place, std::move(v));
}

// valijson wraps every path element in brackets, keys and indices alike; the document tells
// which one it was.
std::vector<Step> steps_of(const std::vector<std::string>& context, const Var& document) {
  std::vector<Step> steps;
  Var node = document;
  for (size_t i = 1; i < context.size(); ++i) {
    std::string raw = context[i];
    if (raw.size() >= 2 && raw.front() == '[' && raw.back() == ']')
      raw = raw.substr(1, raw.size() - 2);
    Step step{raw};
    Var next;
    if (is_array(node)) {
      auto array = node.extract<Array::Ptr>();
      try {
        step.position = std::stoul(raw);
        step.index = true;
        if (step.position < array->size())
          next = array->get(static_cast<unsigned>(step.position));
      } catch (const std::exception&) {
      }
    } else if (is_object(node)) {
      auto object = node.extract<Object::Ptr>();
      if (object->has(raw))
        next = object->get(raw);
    }
    steps.push_back(step);
    node = next;
  }
  return steps;
}

std::optional<Var> member(const Var& node, const std::string& key) {
  if (!is_object(node))
    return std::nullopt;
  auto object = node.extract<Object::Ptr>();
  if (!object->has(key))
    return std::nullopt;
  return some(object->get(key));
}

namespace {

// Follows local "$ref": "#/..." pointers; other references are left alone.
Var resolve(Var node, const Var& root) {
  for (int hops = 0; hops < 16; ++hops) {
    auto ref = member(node, "$ref");
    if (!ref || !ref->isString())
      return node;
    std::string pointer = ref->extract<std::string>();
    if (pointer.empty() || pointer[0] != '#')
      return node;
    Var target = root;
    std::vector<std::string> tokens;
    if (pointer.size() > 1 && pointer[1] == '/')
      tokens = split_json_pointer(std::string_view(pointer).substr(1));
    for (const auto& token : tokens) {
      if (is_array(target)) {
        auto array = target.extract<Array::Ptr>();
        size_t i = std::strtoul(token.c_str(), nullptr, 10);
        if (i >= array->size())
          return node;
        target = array->get(static_cast<unsigned>(i));
      } else if (auto next = member(target, token)) {
        target = *next;
      } else {
        return node;
      }
    }
    node = target;
  }
  return node;
}

std::optional<Var> child_schema(const Var& node, const Step& step) {
  if (step.index) {
    if (auto prefix = member(node, "prefixItems"); prefix && is_array(*prefix)) {
      auto array = prefix->extract<Array::Ptr>();
      if (step.position < array->size())
        return some(array->get(static_cast<unsigned>(step.position)));
    }
    auto items = member(node, "items");
    if (items && is_array(*items)) {
      auto array = items->extract<Array::Ptr>();
      if (step.position < array->size())
        return some(array->get(static_cast<unsigned>(step.position)));
      return member(node, "additionalItems");
    }
    return items;
  }
  if (auto properties = member(node, "properties"))
    if (auto property = member(*properties, step.token))
      return property;
  if (auto patterns = member(node, "patternProperties"); patterns && is_object(*patterns)) {
    for (const auto& [pattern, schema] : *patterns->extract<Object::Ptr>()) {
      try {
        if (std::regex_search(step.token, std::regex(pattern)))
          return some(schema);
      } catch (const std::regex_error&) {
      }
    }
  }
  auto additional = member(node, "additionalProperties");
  if (additional && is_object(*additional))
    return additional;
  return std::nullopt;
}

} // namespace

std::optional<Var> schema_at(const Var& root, const std::vector<Step>& steps) {
  Var node = resolve(root, root);
  for (const Step& step : steps) {
    auto child = child_schema(node, step);
    if (!child)
      return std::nullopt;
    node = resolve(*child, root);
  }
  return some(node);
}

std::optional<Var> value_at(const Var& document, const std::vector<Step>& steps) {
  Var node = document;
  for (const Step& step : steps) {
    if (step.index && is_array(node)) {
      auto array = node.extract<Array::Ptr>();
      if (step.position >= array->size())
        return std::nullopt;
      node = array->get(static_cast<unsigned>(step.position));
    } else if (auto next = member(node, step.token)) {
      node = *next;
    } else {
      return std::nullopt;
    }
  }
  return some(node);
}

std::string pointer_of(const std::vector<Step>& steps) {
  std::vector<std::string> tokens;
  for (const Step& step : steps)
    tokens.push_back(step.token);
  return json_pointer(tokens);
}

} // namespace actionhost::schema::walk
