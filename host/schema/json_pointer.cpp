// RFC 6901 JSON Pointers: the one escaping of '~' and '/' that violations, schema walks and
// fixture comparisons all print and read.
#include "schema.hpp"

namespace actionhost::schema {

std::string json_pointer(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& token : tokens) {
    out += '/';
    for (char c : token) {
      if (c == '~')
        out += "~0";
      else if (c == '/')
        out += "~1";
      else
        out += c;
    }
  }
  return out;
}

std::vector<std::string> split_json_pointer(std::string_view pointer) {
  std::vector<std::string> tokens;
  if (pointer.empty())
    return tokens;
  size_t start = pointer[0] == '/' ? 1 : 0;
  while (true) {
    auto end = pointer.find('/', start);
    auto raw = pointer.substr(start, end == std::string_view::npos ? end : end - start);
    std::string token;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        token += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += raw[i];
      }
    }
    tokens.push_back(std::move(token));
    if (end == std::string_view::npos)
      break;
    start = end + 1;
  }
  return tokens;
}

} // namespace actionhost::schema
