// A local Microsoft Graph v1.0 for calendars (https://learn.microsoft.com/graph/api/resources/
// calendar): /me/calendars, /me/calendar[s/{id}]/events (OData $top/$skip/$filter/$orderby,
// @odata.nextLink pages), calendarView, event create/update/delete and getSchedule, under
// /v1.0, with an OAuth token endpoint at /token. It keeps calendars and events in memory,
// answers with Graph's resource and error shapes ({"error": {"code", "message"}}), and notes
// every request a real Graph would reject in problems().
#pragma once

#include "fake_provider.hpp"

#include <Poco/JSON/Object.h>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace actionhost::fakes {

class OutlookCalendarFake {
public:
  OutlookCalendarFake(std::string access_token, std::string client_id, std::string client_secret,
                      std::string refresh_token);

  std::string base_url() const { return server.url() + "/v1.0"; }
  std::string token_url() const { return server.url() + "/token"; }

  // Exactly one calendar should be the default (/me/calendar).
  void add_calendar(const std::string& id, const std::string& name, bool can_edit,
                    bool is_default = false);
  // An event; start/end RFC 3339 in UTC ("...Z"). Returns its id.
  std::string add_event(const std::string& calendar_id, const std::string& subject,
                        const std::string& start, const std::string& end,
                        const std::string& body_text = {});
  // Busy periods getSchedule reports for an address (RFC 3339 UTC pairs).
  void set_busy(const std::string& address, std::vector<std::pair<std::string, std::string>> busy);
  Poco::JSON::Object::Ptr event(const std::string& calendar_id, const std::string& id) const;
  size_t event_count(const std::string& calendar_id) const;

  int page_size = 100;        // the most items one page holds, whatever $top asks
  void expire_access_token(); // the current token is refused (401) from now on
  void throttle(int requests, int retry_after_seconds);

  std::vector<std::string> problems() const;
  std::vector<Request> api_requests() const; // requests under /v1.0

  FakeProvider server;
  TokenEndpoint tokens;

private:
  struct Calendar {
    std::string id, name;
    bool can_edit = false, is_default = false;
    std::vector<Poco::JSON::Object::Ptr> events;
  };
  Reply answer(const Request& request);
  Reply route(const Request& request, std::vector<std::string> parts);
  Reply calendars(const Request& request);
  Reply list(const Request& request, Calendar& calendar, bool view);
  Reply create(const Request& request, Calendar& calendar);
  Reply update(const Request& request, Poco::JSON::Object::Ptr event);
  Reply schedule(const Request& request);
  Reply page(const Request& request, const std::vector<Poco::JSON::Object::Ptr>& items);
  Reply reject(int status, const std::string& code, const std::string& message,
               const std::string& problem = {});
  std::string check_event(const Poco::JSON::Object::Ptr& body, bool create);
  Calendar* find_calendar(const std::string& id);

  mutable std::mutex mutex_;
  std::string access_token_;
  bool expired_ = false;
  int throttled_ = 0, retry_after_ = 1;
  int next_id_ = 1;
  std::vector<Calendar> calendars_;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> busy_;
  std::vector<std::string> problems_;
};

} // namespace actionhost::fakes
