#include "config.hpp"

namespace actionhost::config {

std::string
Template::render(const std::function<std::string(const std::string& name)>& value) const {
  std::string out;
  for (const auto& part : parts)
    out += part.placeholder ? value(part.text) : part.text;
  return out;
}

std::string Template::text() const {
  std::string out;
  for (const auto& part : parts) {
    if (part.placeholder) {
      out += "${" + part.text + "}";
      continue;
    }
    // Escape literal "${" so the text reads back as the same template.
    for (size_t i = 0; i < part.text.size(); ++i) {
      if (part.text.compare(i, 2, "${") == 0)
        out += '$';
      out += part.text[i];
    }
  }
  return out;
}

bool Template::has_placeholders() const {
  for (const auto& part : parts)
    if (part.placeholder)
      return true;
  return false;
}

} // namespace actionhost::config
