// What every google-calendar unit test shares: the plugin built by this tree, loaded with the
// test kit, and a request body read as a JSON object.
#pragma once

#include <calendar/types.hpp>

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

namespace google_calendar_tests {

using namespace ah::testkit;

inline const LoadedPlugin& plugin() {
  static const LoadedPlugin loaded(PLUGIN_PATH);
  return loaded;
}

inline ah::JsonObject body_of(const ProviderRequest& request) {
  return ah::json::as_object(request.json());
}

// Calendar API v3's error body, as Google sends it.
inline ProviderResponse google_error(int status, const std::string& reason,
                                     const std::string& message) {
  return ProviderResponse::json(
      R"({"error": {"code": )" + std::to_string(status) + R"(, "message": ")" + message +
          R"(", "errors": [{"reason": ")" + reason + R"(", "message": ")" + message + R"("}]}})",
      status);
}

} // namespace google_calendar_tests
