// Name rules. Tool names follow the MCP specification; plugin ids become part of file names,
// config keys and log lines, so they are kept to a conservative lower-case set.
#include "internal.hpp"

namespace actionhost::plugins::detail {

bool is_valid_tool_name(std::string_view name) {
  if (name.empty() || name.size() > 128)
    return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '-';
    if (!ok)
      return false;
  }
  return true;
}

bool is_valid_plugin_id(std::string_view id) {
  if (id.empty() || id.size() > 64)
    return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '_' && c != '.' && c != '-')))
      return false;
  }
  return true;
}

} // namespace actionhost::plugins::detail
