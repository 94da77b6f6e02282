#include "google_calendar_fake.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <optional>
#include <sstream>

namespace actionhost::fakes {

namespace {

using Object = Poco::JSON::Object::Ptr;
using Array = Poco::JSON::Array::Ptr;

std::string text(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

// RFC 3339 with an explicit offset ("Z" or ±hh:mm), as epoch seconds.
std::optional<long long> instant(const std::string& value) {
  if (value.size() < 20 || value[10] != 'T')
    return std::nullopt;
  char last = value.back();
  bool offset = last == 'Z' || (value.size() >= 6 &&
                                (value[value.size() - 6] == '+' || value[value.size() - 6] == '-'));
  Poco::DateTime parsed;
  int tzd = 0;
  if (!offset || !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, value,
                                                 parsed, tzd))
    return std::nullopt;
  return static_cast<long long>(parsed.timestamp().epochTime()) - tzd;
}

std::string rfc3339(long long epoch) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(epoch),
                                         "%Y-%m-%dT%H:%M:%SZ");
}

long long start_of(const Object& event, const std::string& key) {
  auto when = event->getObject(key);
  if (when->has("date"))
    return *instant(when->getValue<std::string>("date") + "T00:00:00Z");
  return *instant(when->getValue<std::string>("dateTime"));
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(path);
  while (std::getline(in, part, '/'))
    if (!part.empty()) {
      std::string decoded;
      Poco::URI::decode(part, decoded);
      parts.push_back(decoded);
    }
  return parts;
}

Object parse_body(const Request& request) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(request.body).extract<Object>();
  } catch (const std::exception&) {
    return nullptr;
  }
}

bool positive_int(const std::string& value, int max) {
  if (value.empty() || value.size() > 6 ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  int n = std::stoi(value);
  return n >= 1 && n <= max;
}

} // namespace

GoogleCalendarFake::GoogleCalendarFake(std::string access_token, std::string client_id,
                                       std::string client_secret, std::string refresh_token)
    : tokens(std::move(client_id), std::move(client_secret), std::move(refresh_token)),
      access_token_(std::move(access_token)) {
  server.on("POST", "/token", tokens.route());
  server.otherwise([this](const Request& request) { return answer(request); });
}

void GoogleCalendarFake::add_calendar(const std::string& id, const std::string& summary,
                                      const std::string& access_role, bool primary) {
  std::lock_guard lock(mutex_);
  calendars_.push_back({id, summary, access_role, primary, {}});
}

std::string GoogleCalendarFake::add_event(const std::string& calendar_id,
                                          const std::string& summary, const std::string& start,
                                          const std::string& end, const std::string& description) {
  std::lock_guard lock(mutex_);
  auto* calendar = find_calendar(calendar_id);
  if (!calendar)
    throw std::invalid_argument("no calendar " + calendar_id);
  Object event = new Poco::JSON::Object;
  std::string id = "seed" + std::to_string(next_id_++);
  event->set("kind", "calendar#event");
  event->set("id", id);
  event->set("status", "confirmed");
  event->set("htmlLink", "https://www.google.com/calendar/event?eid=" + id);
  event->set("summary", summary);
  if (!description.empty())
    event->set("description", description);
  Object s = new Poco::JSON::Object, e = new Poco::JSON::Object;
  // "YYYY-MM-DD" makes an all-day event.
  s->set(start.size() == 10 ? "date" : "dateTime", start);
  e->set(end.size() == 10 ? "date" : "dateTime", end);
  event->set("start", s);
  event->set("end", e);
  calendar->events.push_back(event);
  return id;
}

void GoogleCalendarFake::set_busy(const std::string& id,
                                  std::vector<std::pair<std::string, std::string>> busy) {
  std::lock_guard lock(mutex_);
  busy_.emplace_back(id, std::move(busy));
}

Poco::JSON::Object::Ptr GoogleCalendarFake::event(const std::string& calendar_id,
                                                  const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& c : calendars_)
    if (c.id == calendar_id || (calendar_id == "primary" && c.primary))
      for (const auto& e : c.events)
        if (e->getValue<std::string>("id") == id)
          return e;
  return nullptr;
}

size_t GoogleCalendarFake::event_count(const std::string& calendar_id) const {
  std::lock_guard lock(mutex_);
  for (const auto& c : calendars_)
    if (c.id == calendar_id || (calendar_id == "primary" && c.primary))
      return c.events.size();
  return 0;
}

void GoogleCalendarFake::expire_access_token() {
  std::lock_guard lock(mutex_);
  expired_ = true;
}

void GoogleCalendarFake::throttle(int requests, int retry_after_seconds, int status) {
  std::lock_guard lock(mutex_);
  throttled_ = requests;
  retry_after_ = retry_after_seconds;
  throttle_status_ = status;
}

void GoogleCalendarFake::garble(int requests) {
  std::lock_guard lock(mutex_);
  garbled_ = requests;
}

std::vector<std::string> GoogleCalendarFake::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

std::vector<Request> GoogleCalendarFake::api_requests() const {
  std::vector<Request> out;
  for (auto& r : server.requests())
    if (r.path.rfind("/calendar/v3/", 0) == 0)
      out.push_back(r);
  return out;
}

GoogleCalendarFake::Calendar* GoogleCalendarFake::find_calendar(const std::string& id) {
  for (auto& c : calendars_)
    if (c.id == id || (id == "primary" && c.primary))
      return &c;
  return nullptr;
}

// Google's error body: {"error": {"code", "message", "errors": [{"domain", "reason",
// "message"}], "status"}}. A `problem` is also recorded: the client sent something wrong.
Reply GoogleCalendarFake::reject(int status, const std::string& reason, const std::string& message,
                                 const std::string& problem) {
  if (!problem.empty())
    problems_.push_back(problem);
  static const std::map<int, std::string> statuses{
      {400, "INVALID_ARGUMENT"}, {401, "UNAUTHENTICATED"}, {403, "PERMISSION_DENIED"},
      {404, "NOT_FOUND"},        {410, "NOT_FOUND"},       {429, "RESOURCE_EXHAUSTED"}};
  Object detail = new Poco::JSON::Object;
  detail->set("domain", reason.find("RateLimit") != std::string::npos ||
                                reason.find("rateLimit") != std::string::npos
                            ? "usageLimits"
                            : "global");
  detail->set("reason", reason);
  detail->set("message", message);
  Array errors = new Poco::JSON::Array;
  errors->add(detail);
  Object error = new Poco::JSON::Object;
  error->set("code", status);
  error->set("message", message);
  error->set("errors", errors);
  error->set("status", statuses.count(status) ? statuses.at(status) : "UNKNOWN");
  Object body = new Poco::JSON::Object;
  body->set("error", error);
  return Reply::json(text(body), status);
}

Reply GoogleCalendarFake::answer(const Request& request) {
  std::lock_guard lock(mutex_);
  const std::string prefix = "/calendar/v3/";
  if (request.path.rfind(prefix, 0) != 0)
    return reject(404, "notFound", "Not Found", "request outside /calendar/v3: " + request.path);
  std::string auth = request.header("Authorization");
  if (auth.empty())
    return reject(401, "required", "Login Required.", "no Authorization header");
  bool valid = (!expired_ && auth == "Bearer " + access_token_) ||
               (tokens.grants() > 0 && auth == "Bearer access-" + std::to_string(tokens.grants()));
  if (!valid)
    return reject(401, "authError", "Invalid Credentials");
  if (garbled_ > 0) {
    --garbled_;
    return Reply{
        200, {{"Content-Type", "text/html"}}, "<html><body>Sign in to Wi-Fi</body></html>"};
  }
  if (throttled_ > 0) {
    --throttled_;
    if (throttle_status_ == 403)
      return reject(403, "userRateLimitExceeded", "User Rate Limit Exceeded");
    Reply reply = reject(429, "rateLimitExceeded", "Rate Limit Exceeded");
    reply.headers.emplace_back("Retry-After", std::to_string(retry_after_));
    return reply;
  }
  if ((request.method == "POST" || request.method == "PATCH") &&
      request.header("Content-Type").rfind("application/json", 0) != 0)
    return reject(400, "parseError", "This API does not support parsing form-encoded input.",
                  request.method + " " + request.path + " without a JSON Content-Type");
  return route(request, split_path(request.path.substr(prefix.size())));
}

Reply GoogleCalendarFake::route(const Request& request, const std::vector<std::string>& parts) {
  const std::string& m = request.method;
  if (parts == std::vector<std::string>{"users", "me", "calendarList"} && m == "GET")
    return calendar_list(request);
  if (parts == std::vector<std::string>{"freeBusy"} && m == "POST")
    return free_busy(request);
  if (parts.size() >= 3 && parts[0] == "calendars" && parts[2] == "events" && parts.size() <= 4) {
    Calendar* calendar = find_calendar(parts[1]);
    if (!calendar)
      return reject(404, "notFound", "Not Found");
    bool writable = calendar->role == "owner" || calendar->role == "writer";
    if (parts.size() == 3 && m == "GET")
      return list_events(request, *calendar);
    if (parts.size() == 3 && m == "POST")
      return writable ? insert_event(request, *calendar)
                      : reject(403, "requiredAccessLevel",
                               "You need to have writer access to this calendar.");
    auto found = std::find_if(calendar->events.begin(), calendar->events.end(), [&](auto& e) {
      return e->template getValue<std::string>("id") == parts[3];
    });
    if (found == calendar->events.end())
      return reject(404, "notFound", "Not Found");
    if ((*found)->getValue<std::string>("status") == "cancelled")
      return reject(410, "deleted", "Resource has been deleted");
    if (m == "GET")
      return Reply::json(text(*found));
    if (!writable)
      return reject(403, "requiredAccessLevel", "You need to have writer access to this calendar.");
    if (m == "PATCH")
      return patch_event(request, *calendar, *found);
    if (m == "DELETE") {
      (*found)->set("status", "cancelled");
      return Reply{204, {}, ""};
    }
  }
  return reject(404, "notFound", "Not Found", "no such API: " + m + " " + request.path);
}

Reply GoogleCalendarFake::calendar_list(const Request& request) {
  std::string max = request.param("maxResults");
  if (!max.empty() && !positive_int(max, 250))
    return reject(400, "invalid", "Invalid value for maxResults", "calendarList maxResults " + max);
  size_t limit = std::min<size_t>(max.empty() ? 100 : std::stoul(max), page_size);
  size_t offset = 0;
  if (std::string token = request.param("pageToken"); !token.empty()) {
    if (token.rfind("cal-", 0) != 0)
      return reject(400, "invalid", "Invalid page token", "bad calendarList pageToken " + token);
    offset = std::stoul(token.substr(4));
  }
  Array items = new Poco::JSON::Array;
  for (size_t i = offset; i < calendars_.size() && i < offset + limit; ++i) {
    const auto& c = calendars_[i];
    Object item = new Poco::JSON::Object;
    item->set("kind", "calendar#calendarListEntry");
    item->set("id", c.id);
    item->set("summary", c.summary);
    item->set("timeZone", "Europe/Paris");
    item->set("accessRole", c.role);
    if (c.primary)
      item->set("primary", true);
    items->add(item);
  }
  Object body = new Poco::JSON::Object;
  body->set("kind", "calendar#calendarList");
  body->set("items", items);
  if (offset + limit < calendars_.size())
    body->set("nextPageToken", "cal-" + std::to_string(offset + limit));
  return Reply::json(text(body));
}

Reply GoogleCalendarFake::list_events(const Request& request, Calendar& calendar) {
  std::string max = request.param("maxResults");
  if (!max.empty() && !positive_int(max, 2500))
    return reject(400, "invalid", "Invalid value for maxResults", "events maxResults " + max);
  std::string order = request.param("orderBy");
  if (!order.empty() && order != "startTime" && order != "updated")
    return reject(400, "invalid", "Invalid value for orderBy", "orderBy " + order);
  if (order == "startTime" && request.param("singleEvents") != "true")
    return reject(400, "invalid",
                  "The requested ordering is not available for the particular query.",
                  "orderBy=startTime without singleEvents=true");
  std::optional<long long> min, max_time;
  if (std::string v = request.param("timeMin"); !v.empty() && !(min = instant(v)))
    return reject(400, "badRequest", "Bad Request", "timeMin not RFC 3339 with offset: " + v);
  if (std::string v = request.param("timeMax"); !v.empty() && !(max_time = instant(v)))
    return reject(400, "badRequest", "Bad Request", "timeMax not RFC 3339 with offset: " + v);
  if (min && max_time && *max_time <= *min)
    return reject(400, "timeRangeEmpty", "The specified time range is empty.",
                  "timeMax not after timeMin");
  std::string q = Poco::toLower(request.param("q"));

  std::vector<Object> matching;
  for (const auto& e : calendar.events) {
    if (e->getValue<std::string>("status") == "cancelled")
      continue;
    if (min && start_of(e, "end") <= *min)
      continue;
    if (max_time && start_of(e, "start") >= *max_time)
      continue;
    std::string haystack = Poco::toLower(e->optValue<std::string>("summary", "") + " " +
                                         e->optValue<std::string>("description", "") + " " +
                                         e->optValue<std::string>("location", ""));
    if (!q.empty() && haystack.find(q) == std::string::npos)
      continue;
    matching.push_back(e);
  }
  std::stable_sort(matching.begin(), matching.end(), [](const Object& a, const Object& b) {
    return start_of(a, "start") < start_of(b, "start");
  });
  size_t limit = std::min<size_t>(max.empty() ? 250 : std::stoul(max), page_size);
  size_t offset = 0;
  if (std::string token = request.param("pageToken"); !token.empty()) {
    if (token.rfind("evt-", 0) != 0)
      return reject(400, "invalid", "Invalid page token", "bad events pageToken " + token);
    offset = std::stoul(token.substr(4));
  }
  Array items = new Poco::JSON::Array;
  for (size_t i = offset; i < matching.size() && i < offset + limit; ++i)
    items->add(matching[i]);
  Object body = new Poco::JSON::Object;
  body->set("kind", "calendar#events");
  body->set("summary", calendar.summary);
  body->set("timeZone", "Europe/Paris");
  body->set("items", items);
  if (offset + limit < matching.size())
    body->set("nextPageToken", "evt-" + std::to_string(offset + limit));
  return Reply::json(text(body));
}

// start and end: {"dateTime" with an offset (or a timeZone)} or {"date"}; end after start.
bool GoogleCalendarFake::check_times(const Object& body, bool required, std::string& why) {
  std::optional<long long> at[2];
  const char* keys[] = {"start", "end"};
  for (int i = 0; i < 2; ++i) {
    if (!body->has(keys[i])) {
      if (required) {
        why = std::string("Missing ") + keys[i] + " time.";
        return false;
      }
      continue;
    }
    auto when = body->getObject(keys[i]);
    std::string value = when ? when->optValue<std::string>("dateTime", "") : "";
    at[i] = instant(value);
    if (!at[i]) {
      why = std::string("Invalid ") + keys[i] + " time: '" + value + "'";
      return false;
    }
  }
  if (at[0] && at[1] && *at[1] <= *at[0]) {
    why = "The specified time range is empty.";
    return false;
  }
  return true;
}

namespace {

// attendees: [{"email"}], and conferenceData.createRequest with a requestId and a known type.
std::string check_details(const Object& body, const Request& request) {
  if (auto attendees = body->getArray("attendees"))
    for (size_t i = 0; i < attendees->size(); ++i) {
      auto a = attendees->getObject(i);
      if (!a || a->optValue<std::string>("email", "").find('@') == std::string::npos)
        return "attendees[" + std::to_string(i) + "] without a valid email";
    }
  if (auto conference = body->getObject("conferenceData")) {
    if (request.param("conferenceDataVersion") != "1")
      return "conferenceData sent without conferenceDataVersion=1: Google ignores it";
    auto create = conference->getObject("createRequest");
    auto key = create ? create->getObject("conferenceSolutionKey") : nullptr;
    if (!create || create->optValue<std::string>("requestId", "").empty() || !key ||
        key->optValue<std::string>("type", "") != "hangoutsMeet")
      return "conferenceData.createRequest needs requestId and conferenceSolutionKey.type "
             "hangoutsMeet";
  }
  std::string send = request.param("sendUpdates");
  if (!send.empty() && send != "all" && send != "externalOnly" && send != "none")
    return "sendUpdates " + send;
  return {};
}

void apply(Object event, const Object& body) {
  for (const char* key : {"summary", "description", "location", "start", "end"})
    if (body->has(key))
      event->set(key, body->get(key));
  if (auto attendees = body->getArray("attendees")) {
    Array stored = new Poco::JSON::Array;
    for (size_t i = 0; i < attendees->size(); ++i) {
      Object a = new Poco::JSON::Object;
      a->set("email", attendees->getObject(i)->getValue<std::string>("email"));
      a->set("responseStatus", "needsAction");
      stored->add(a);
    }
    event->set("attendees", stored);
  }
  if (body->has("conferenceData")) {
    std::string link = "https://meet.google.com/abc-defg-hij";
    event->set("hangoutLink", link);
    Object point = new Poco::JSON::Object;
    point->set("entryPointType", "video");
    point->set("uri", link);
    Array points = new Poco::JSON::Array;
    points->add(point);
    Object data = new Poco::JSON::Object;
    data->set("entryPoints", points);
    data->set("conferenceId", "abc-defg-hij");
    event->set("conferenceData", data);
  }
}

} // namespace

Reply GoogleCalendarFake::insert_event(const Request& request, Calendar& calendar) {
  Object body = parse_body(request);
  if (!body)
    return reject(400, "parseError", "Parse Error", "events.insert body is not a JSON object");
  std::string why;
  if (!check_times(body, true, why))
    return reject(400, why.find("empty") != std::string::npos ? "timeRangeEmpty" : "required", why,
                  "events.insert: " + why);
  if (std::string bad = check_details(body, request); !bad.empty())
    return reject(400, "invalid", "Invalid request", "events.insert: " + bad);
  Object event = new Poco::JSON::Object;
  std::string id = "evt" + std::to_string(next_id_++);
  event->set("kind", "calendar#event");
  event->set("id", id);
  event->set("status", "confirmed");
  event->set("htmlLink", "https://www.google.com/calendar/event?eid=" + id);
  apply(event, body);
  calendar.events.push_back(event);
  return Reply::json(text(event));
}

Reply GoogleCalendarFake::patch_event(const Request& request, Calendar&, Object event) {
  Object body = parse_body(request);
  if (!body)
    return reject(400, "parseError", "Parse Error", "events.patch body is not a JSON object");
  Object merged = new Poco::JSON::Object(*event);
  for (const char* key : {"start", "end"})
    if (body->has(key))
      merged->set(key, body->get(key));
  std::string why;
  if (!check_times(merged, true, why))
    return reject(400, "invalid", why, "events.patch: " + why);
  if (std::string bad = check_details(body, request); !bad.empty())
    return reject(400, "invalid", "Invalid request", "events.patch: " + bad);
  apply(event, body);
  return Reply::json(text(event));
}

Reply GoogleCalendarFake::free_busy(const Request& request) {
  Object body = parse_body(request);
  if (!body)
    return reject(400, "parseError", "Parse Error", "freeBusy body is not a JSON object");
  auto min = instant(body->optValue<std::string>("timeMin", ""));
  auto max = instant(body->optValue<std::string>("timeMax", ""));
  if (!min || !max)
    return reject(400, "required", "Missing time min or time max.", "freeBusy without times");
  if (*max <= *min)
    return reject(400, "timeRangeEmpty", "The specified time range is empty.",
                  "freeBusy timeMax not after timeMin");
  auto items = body->getArray("items");
  if (!items || items->size() == 0)
    return reject(400, "required", "Missing items.", "freeBusy without items");
  Object calendars = new Poco::JSON::Object;
  for (size_t i = 0; i < items->size(); ++i) {
    auto item = items->getObject(i);
    std::string id = item ? item->optValue<std::string>("id", "") : "";
    if (id.empty())
      return reject(400, "required", "Missing id.", "freeBusy item without id");
    Object entry = new Poco::JSON::Object;
    Array busy = new Poco::JSON::Array;
    auto known = std::find_if(busy_.begin(), busy_.end(), [&](auto& b) { return b.first == id; });
    if (known == busy_.end()) {
      Object error = new Poco::JSON::Object;
      error->set("domain", "global");
      error->set("reason", "notFound");
      Array errors = new Poco::JSON::Array;
      errors->add(error);
      entry->set("errors", errors);
    } else {
      for (const auto& [s, e] : known->second) {
        long long from = std::max(*instant(s), *min), to = std::min(*instant(e), *max);
        if (to <= from)
          continue;
        Object period = new Poco::JSON::Object;
        period->set("start", rfc3339(from));
        period->set("end", rfc3339(to));
        busy->add(period);
      }
    }
    entry->set("busy", busy);
    calendars->set(id, entry);
  }
  Object out = new Poco::JSON::Object;
  out->set("kind", "calendar#freeBusy");
  out->set("timeMin", rfc3339(*min));
  out->set("timeMax", rfc3339(*max));
  out->set("calendars", calendars);
  return Reply::json(text(out));
}

} // namespace actionhost::fakes
