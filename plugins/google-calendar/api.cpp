// Sending requests to Calendar API v3 and reading its error bodies
// ({"error": {"code": 404, "message": "Not Found", "errors": [{"reason": "notFound"}]}}).
#include "google.hpp"

#include <Poco/URI.h>

namespace google_calendar {

namespace {

std::string error_message(const ah::Response& response) {
  try {
    auto body = ah::json::parse_object(response.body);
    if (auto error = body->getObject("error")) {
      std::string message = error->optValue<std::string>("message", "");
      if (auto errors = error->getArray("errors"); errors && errors->size() > 0) {
        std::string reason = errors->getObject(0)->optValue<std::string>("reason", "");
        if (!reason.empty() && message.find(reason) == std::string::npos)
          message += " [" + reason + "]";
      }
      return message;
    }
  } catch (const std::exception&) {
  }
  return response.body.substr(0, 300);
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
  if (!response.ok())
    calendar::fail(kProvider, response, error_message(response), about);
  return response;
}

ah::JsonObject object_of(const ah::Response& response) {
  return response.json_object();
}

} // namespace google_calendar
