// Sending requests to Microsoft Graph and reading its error bodies
// ({"error": {"code": "ErrorItemNotFound", "message": "The specified object was not found"}}).
#include "outlook.hpp"

#include <Poco/URI.h>

namespace outlook_calendar {

namespace {

std::string error_message(const ah::Response& response) {
  try {
    auto body = ah::json::parse_object(response.body);
    if (auto error = body->getObject("error")) {
      std::string code = error->optValue<std::string>("code", "");
      std::string message = error->optValue<std::string>("message", "");
      return code.empty() ? message : code + ": " + message;
    }
  } catch (const std::exception&) {
  }
  return response.body.substr(0, 300);
}

std::string segment(const std::string& id) {
  std::string out;
  Poco::URI::encode(id, "!#$&'()*+,/:;=?@[]%", out);
  return out;
}

} // namespace

std::string calendar_path(const std::string& calendar_id) {
  return calendar_id == "primary" ? "/me/calendar" : "/me/calendars/" + segment(calendar_id);
}

std::string events_path(const std::string& calendar_id, const std::string& event_id) {
  std::string path = calendar_path(calendar_id) + "/events";
  return event_id.empty() ? path : path + "/" + segment(event_id);
}

ah::Response send(ah::Context& ctx, ah::Request request, const calendar::Subject& about) {
  request.headers.emplace_back("Prefer", kPrefer);
  ah::Response response = ctx.proxy().send(request);
  if (!response.ok())
    calendar::fail(kProvider, response, error_message(response), about);
  return response;
}

} // namespace outlook_calendar
