// A local Google Calendar API v3 (https://developers.google.com/calendar/api/v3/reference):
// calendarList, events (list with timeMin/timeMax/q/pageToken, insert with conferenceData,
// patch, delete) and freeBusy, under /calendar/v3, with an OAuth token endpoint at /token.
// It keeps calendars and events in memory, answers with Google's resource and error shapes,
// and notes every request a real Google would reject (or silently misread) in problems().
#pragma once

#include "fake_provider.hpp"

#include <Poco/JSON/Object.h>

#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace actionhost::fakes {

class GoogleCalendarFake {
public:
  // The connection starts with `access_token`; `refresh_token` gets new ones from /token.
  GoogleCalendarFake(std::string access_token, std::string client_id, std::string client_secret,
                     std::string refresh_token);

  std::string base_url() const { return server.url() + "/calendar/v3"; }
  std::string token_url() const { return server.url() + "/token"; }

  // accessRole: owner, writer, reader or freeBusyReader.
  void add_calendar(const std::string& id, const std::string& summary,
                    const std::string& access_role, bool primary = false);
  // An event; start/end RFC 3339, or dates (YYYY-MM-DD) for an all-day event. Returns its id.
  std::string add_event(const std::string& calendar_id, const std::string& summary,
                        const std::string& start, const std::string& end,
                        const std::string& description = {});
  // Busy periods freeBusy reports for a calendar id or email (RFC 3339 pairs).
  void set_busy(const std::string& id, std::vector<std::pair<std::string, std::string>> busy);
  // The stored event, as GET would return it (null when unknown).
  Poco::JSON::Object::Ptr event(const std::string& calendar_id, const std::string& id) const;
  size_t event_count(const std::string& calendar_id) const;

  int page_size = 250;        // the most items the fake puts in one page
  void expire_access_token(); // the current token is refused (401) from now on
  // The next requests get 429 with Retry-After, or with status 403 Google's usage-limit answer
  // (403 userRateLimitExceeded, no Retry-After).
  void throttle(int requests, int retry_after_seconds, int status = 429);

  // The next requests get 200 with an HTML page, as a captive portal or broken gateway sends.
  void garble(int requests);

  std::vector<std::string> problems() const; // requests a real Google would reject
  std::vector<Request> api_requests() const; // requests under /calendar/v3

  FakeProvider server;
  TokenEndpoint tokens;

private:
  struct Calendar {
    std::string id, summary, role;
    bool primary = false;
    std::vector<Poco::JSON::Object::Ptr> events;
  };
  Reply answer(const Request& request);
  Reply route(const Request& request, const std::vector<std::string>& parts);
  Reply calendar_list(const Request& request);
  Reply list_events(const Request& request, Calendar& calendar);
  Reply insert_event(const Request& request, Calendar& calendar);
  Reply patch_event(const Request& request, Calendar& calendar, Poco::JSON::Object::Ptr event);
  Reply free_busy(const Request& request);
  Reply reject(int status, const std::string& reason, const std::string& message,
               const std::string& problem = {});
  bool check_times(const Poco::JSON::Object::Ptr& body, bool required, std::string& why);
  Calendar* find_calendar(const std::string& id);

  mutable std::mutex mutex_;
  std::string access_token_;
  bool expired_ = false;
  int throttled_ = 0, retry_after_ = 1, throttle_status_ = 429, garbled_ = 0;
  int next_id_ = 1;
  std::vector<Calendar> calendars_;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> busy_;
  std::vector<std::string> problems_;
};

} // namespace actionhost::fakes
