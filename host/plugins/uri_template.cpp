// Matching a concrete URI against a resource template (RFC 6570 level 1: "{id}" stands for one
// path segment's worth of text; percent-escapes are decoded in the extracted value).
#include "internal.hpp"

#include <Poco/URI.h>

#include <regex>

namespace actionhost::plugins {
namespace {

struct Pattern {
  std::regex regex;
  std::vector<std::string> names;
};

std::optional<Pattern> compile(const std::string& uri_template) {
  static const std::string special = R"(\^$.|?*+()[]{})";
  std::string expression;
  std::vector<std::string> names;
  for (size_t i = 0; i < uri_template.size(); ++i) {
    char c = uri_template[i];
    if (c == '{') {
      size_t end = uri_template.find('}', i);
      if (end == std::string::npos || end == i + 1)
        return std::nullopt;
      std::string name = uri_template.substr(i + 1, end - i - 1);
      if (name.find('{') != std::string::npos)
        return std::nullopt;
      names.push_back(name);
      expression += "([^/?#]+)";
      i = end;
    } else if (c == '}') {
      return std::nullopt;
    } else {
      if (special.find(c) != std::string::npos)
        expression += '\\';
      expression += c;
    }
  }
  return Pattern{std::regex(expression), names};
}

} // namespace

namespace detail {
bool is_valid_uri_template(const std::string& uri_template) {
  return compile(uri_template).has_value();
}
} // namespace detail

std::optional<Poco::JSON::Object::Ptr> ResourceTemplate::match(const std::string& uri) const {
  auto pattern = compile(uri_template);
  std::smatch groups;
  if (!pattern || !std::regex_match(uri, groups, pattern->regex))
    return std::nullopt;
  Poco::JSON::Object::Ptr variables = new Poco::JSON::Object;
  for (size_t i = 0; i < pattern->names.size(); ++i) {
    std::string value;
    Poco::URI::decode(groups[i + 1].str(), value);
    variables->set(pattern->names[i], value);
  }
  return variables;
}

} // namespace actionhost::plugins
