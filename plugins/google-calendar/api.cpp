// Sending requests to Calendar API v3 and reading its error bodies
// ({"error": {"code": 404, "message": "Not Found", "errors": [{"reason": "notFound"}]}}).
#include "google.hpp"

#include <Poco/URI.h>

namespace google_calendar {

namespace {

struct GoogleError {
  std::string message;
  std::string reason; // errors[0].reason: "notFound", "userRateLimitExceeded", ...
};

GoogleError error_of(const ah::Response& response) {
  try {
    auto body = ah::json::parse_object(response.body);
    if (auto error = body->getObject("error")) {
      GoogleError out{error->optValue<std::string>("message", ""), ""};
      if (auto errors = error->getArray("errors"); errors && errors->size() > 0)
        if (auto first = errors->getObject(0))
          out.reason = first->optValue<std::string>("reason", "");
      if (!out.reason.empty() && out.message.find(out.reason) == std::string::npos)
        out.message += " [" + out.reason + "]";
      return out;
    }
  } catch (const std::exception&) {
  }
  return {response.body.substr(0, 300), ""};
}

} // namespace

std::string segment(const std::string& id) {
  std::string out;
  Poco::URI::encode(id, "!#$&'()*+,/:;=?@[]%", out);
  return out;
}

std::string events_path(const std::string& calendar_id, const std::string& event_id) {
  std::string path = "/calendars/" + segment(calendar_id) + "/events";
  return event_id.empty() ? path : path + "/" + segment(event_id);
}

ah::Response send(ah::Context& ctx, const ah::Request& request, const calendar::Subject& about) {
  ah::Response response = ctx.proxy().send(request);
  if (response.ok())
    return response;
  GoogleError error = error_of(response);
  // Google also rate-limits with 403 (usage limits), which the proxy cannot tell from a refusal.
  if (response.status == 403 &&
      (error.reason == "rateLimitExceeded" || error.reason == "userRateLimitExceeded"))
    throw ah::ToolError(std::string(kProvider) + " is rate limiting this connection (HTTP 403: " +
                        error.message + "); try again in a minute");
  calendar::fail(kProvider, response, error.message, about);
  return response;
}

ah::JsonObject object_of(const ah::Response& response) {
  return response.json_object();
}

} // namespace google_calendar
