// Provider errors as tool errors a model can act on: what was not found and which action lists
// what exists, or what to do about refused credentials, rate limits and outages.
#pragma once

#include <actionhost/plugin.hpp>

#include <string>

namespace calendar {

// What a failed request was about, so a 404 can name the right thing.
struct Subject {
  std::string calendar_id; // empty: not about one calendar
  std::string event_id;    // empty: not about one event
};

// Throws the ah::ToolError for an HTTP error answer. `provider` is the product name ("Google
// Calendar"), `message` the provider's own error text (already extracted from its error body).
[[noreturn]] inline void fail(const std::string& provider, const ah::Response& response,
                              const std::string& message, const Subject& about) {
  const int status = response.status;
  std::string detail =
      " (HTTP " + std::to_string(status) + (message.empty() ? "" : ": " + message) + ")";
  if ((status == 404 || status == 410) && !about.event_id.empty())
    throw ah::ToolError("event '" + about.event_id + "' not found in calendar '" +
                        about.calendar_id + "'" + detail +
                        "; list_events shows the events of a calendar and their ids");
  if (status == 404 && !about.calendar_id.empty())
    throw ah::ToolError("calendar '" + about.calendar_id + "' not found" + detail +
                        "; list_calendars shows the calendars this connection can see");
  if (status == 401)
    throw ah::ToolError(provider + " refused the connection's credentials" + detail +
                        "; the account must be reconnected before calendars can be used");
  if (status == 403)
    throw ah::ToolError(provider + " denied the request" + detail +
                        "; the calendar may be read-only for this account (list_calendars shows "
                        "can_edit) or the connection may lack a scope");
  if (status == 429) {
    auto after = response.header("Retry-After");
    throw ah::ToolError(provider + " is rate limiting this connection" + detail + "; try again " +
                        (after ? "in " + *after + " seconds" : "later"));
  }
  if (status >= 500)
    throw ah::ToolError(provider + " is unavailable" + detail + "; try again later");
  throw ah::ToolError(provider + " rejected the request" + detail);
}

} // namespace calendar
