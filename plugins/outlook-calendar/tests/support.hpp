// What every outlook-calendar unit test shares: the plugin built by this tree, loaded with the
// test kit, Graph's error body, and a request body read as a JSON object.
#pragma once

#include <calendar/types.hpp>

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

namespace outlook_calendar_tests {

using namespace ah::testkit;

inline const LoadedPlugin& plugin() {
  static const LoadedPlugin loaded(PLUGIN_PATH);
  return loaded;
}

inline ah::JsonObject body_of(const ProviderRequest& request) {
  return ah::json::as_object(request.json());
}

// Microsoft Graph's error body.
inline ProviderResponse graph_error(int status, const std::string& code,
                                    const std::string& message) {
  return ProviderResponse::json(
      R"({"error": {"code": ")" + code + R"(", "message": ")" + message + R"("}})", status);
}

// The Prefer header every request carries: times in UTC, bodies as text.
inline const std::string kPrefer = R"(outlook.timezone="UTC", outlook.body-content-type="text")";

} // namespace outlook_calendar_tests
