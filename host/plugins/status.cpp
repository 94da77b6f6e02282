// Readable names for ah_status codes and the refusal type.
#include "plugins.hpp"

namespace actionhost::plugins {

std::string status_name(ah_status status) {
  switch (status) {
  case AH_OK:
    return "ok";
  case AH_ERR_INVALID_ARGUMENT:
    return "invalid argument";
  case AH_ERR_NOT_FOUND:
    return "not found";
  case AH_ERR_CANCELLED:
    return "cancelled";
  case AH_ERR_TIMEOUT:
    return "timeout";
  case AH_ERR_UNAVAILABLE:
    return "unavailable";
  case AH_ERR_PERMISSION:
    return "permission denied";
  case AH_ERR_UPSTREAM:
    return "upstream error";
  case AH_ERR_INTERNAL:
    return "internal error";
  case AH_ERR_UNSUPPORTED:
    return "unsupported";
  case AH_ERR_WRONG_PHASE:
    return "wrong phase";
  case AH_ERR_INPUT_REQUIRED:
    return "input required";
  case AH_ERR_TOOL:
    return "tool error";
  case AH_ERR_DUPLICATE:
    return "duplicate";
  default:
    return "status " + std::to_string(status);
  }
}

namespace {
std::string refusal_text(const std::string& file, const std::string& id,
                         const std::string& reason) {
  return file + ": " + (id.empty() ? std::string() : "plugin '" + id + "': ") + reason;
}
} // namespace

LoadError::LoadError(std::string file, std::string plugin_id, std::string reason)
    : std::runtime_error(refusal_text(file, plugin_id, reason)), file_(std::move(file)),
      plugin_id_(std::move(plugin_id)), reason_(std::move(reason)) {}

} // namespace actionhost::plugins
