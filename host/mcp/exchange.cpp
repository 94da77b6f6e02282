#include "exchange.hpp"

namespace actionhost::mcp {
namespace {
constexpr const char* kLevels[] = {"debug", "info",     "notice", "warning",
                                   "error", "critical", "alert",  "emergency"};
}

int log_level_from_name(const std::string& name) {
  for (int i = 0; i < 8; ++i)
    if (name == kLevels[i])
      return i;
  return -1;
}

const char* log_level_name(int level) {
  return kLevels[level < 0 ? 0 : level > 7 ? 7 : level];
}

std::string Reply::to_json(const Poco::Dynamic::Var& id) const {
  return error ? jsonrpc::error_response(id, *error) : jsonrpc::result_response(id, result);
}

} // namespace actionhost::mcp
