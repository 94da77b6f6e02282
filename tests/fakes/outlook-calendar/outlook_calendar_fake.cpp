#include "outlook_calendar_fake.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <optional>
#include <set>
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

bool digits_only(const std::string& s) {
  return !s.empty() && s.size() < 7 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Graph's dateTime: "2026-05-04T10:00:00" with optional fractional seconds and no offset
// (the zone is a separate field). Epoch seconds, reading it as UTC.
std::optional<long long> wall_clock(const std::string& value) {
  std::string whole = value.substr(0, value.find('.'));
  if (whole.size() != 19 || whole[10] != 'T')
    return std::nullopt;
  Poco::DateTime parsed;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse("%Y-%m-%dT%H:%M:%S", whole, parsed, tzd))
    return std::nullopt;
  return static_cast<long long>(parsed.timestamp().epochTime());
}

// RFC 3339 / ISO 8601 with an offset (query parameters such as startDateTime).
std::optional<long long> instant(const std::string& value) {
  Poco::DateTime parsed;
  int tzd = 0;
  if (value.size() < 19 || !Poco::DateTimeParser::tryParse(
                               Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, value, parsed, tzd))
    return std::nullopt;
  return static_cast<long long>(parsed.timestamp().epochTime()) - tzd;
}

std::string graph_time(long long epoch) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(epoch),
                                         "%Y-%m-%dT%H:%M:%S.0000000");
}

Object utc_time(long long epoch) {
  Object o = new Poco::JSON::Object;
  o->set("dateTime", graph_time(epoch));
  o->set("timeZone", "UTC");
  return o;
}

long long at(const Object& event, const std::string& key) {
  return *wall_clock(event->getObject(key)->getValue<std::string>("dateTime"));
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

// One clause of the $filter subset the fake understands, applied to an event.
struct Clause {
  std::string kind; // "end_ge", "start_lt", "subject_contains"
  std::string value;
};

std::string unquote(const std::string& literal) {
  if (literal.size() < 2 || literal.front() != '\'' || literal.back() != '\'')
    return {};
  std::string out;
  for (size_t i = 1; i + 1 < literal.size(); ++i) {
    out += literal[i];
    if (literal[i] == '\'')
      ++i; // '' is one quote
  }
  return out;
}

std::optional<std::vector<Clause>> parse_filter(const std::string& filter) {
  std::vector<Clause> clauses;
  size_t from = 0;
  while (from <= filter.size()) {
    size_t and_at = filter.find(" and ", from);
    std::string piece =
        filter.substr(from, and_at == std::string::npos ? std::string::npos : and_at - from);
    if (piece.rfind("end/dateTime ge ", 0) == 0)
      clauses.push_back({"end_ge", unquote(piece.substr(16))});
    else if (piece.rfind("start/dateTime lt ", 0) == 0)
      clauses.push_back({"start_lt", unquote(piece.substr(18))});
    else if (piece.rfind("contains(subject,", 0) == 0 && piece.back() == ')')
      clauses.push_back({"subject_contains", unquote(piece.substr(17, piece.size() - 18))});
    else
      return std::nullopt;
    if (clauses.back().value.empty())
      return std::nullopt;
    if (and_at == std::string::npos)
      break;
    from = and_at + 5;
  }
  return clauses;
}

bool matches(const Object& event, const std::vector<Clause>& clauses) {
  for (const auto& c : clauses) {
    if (c.kind == "end_ge" && !(at(event, "end") >= wall_clock(c.value).value_or(0)))
      return false;
    if (c.kind == "start_lt" && !(at(event, "start") < wall_clock(c.value).value_or(0)))
      return false;
    if (c.kind == "subject_contains" &&
        Poco::toLower(event->optValue<std::string>("subject", "")).find(Poco::toLower(c.value)) ==
            std::string::npos)
      return false;
  }
  return true;
}

const std::set<std::string> kEventProperties{"subject",
                                             "body",
                                             "start",
                                             "end",
                                             "location",
                                             "locations",
                                             "attendees",
                                             "isOnlineMeeting",
                                             "onlineMeetingProvider",
                                             "isAllDay",
                                             "showAs",
                                             "importance",
                                             "sensitivity",
                                             "categories",
                                             "reminderMinutesBeforeStart",
                                             "isReminderOn",
                                             "responseRequested",
                                             "allowNewTimeProposals",
                                             "recurrence",
                                             "hideAttendees"};

} // namespace

OutlookCalendarFake::OutlookCalendarFake(std::string access_token, std::string client_id,
                                         std::string client_secret, std::string refresh_token)
    : tokens(std::move(client_id), std::move(client_secret), std::move(refresh_token)),
      access_token_(std::move(access_token)) {
  server.on("POST", "/token", tokens.route());
  server.otherwise([this](const Request& request) { return answer(request); });
}

void OutlookCalendarFake::add_calendar(const std::string& id, const std::string& name,
                                       bool can_edit, bool is_default) {
  std::lock_guard lock(mutex_);
  calendars_.push_back({id, name, can_edit, is_default, {}});
}

std::string OutlookCalendarFake::add_event(const std::string& calendar_id,
                                           const std::string& subject, const std::string& start,
                                           const std::string& end, const std::string& body_text) {
  std::lock_guard lock(mutex_);
  auto* calendar = find_calendar(calendar_id);
  if (!calendar)
    throw std::invalid_argument("no calendar " + calendar_id);
  std::string id = "AAMkAGseed" + std::to_string(next_id_++) + "=";
  Object event = new Poco::JSON::Object;
  event->set("id", id);
  event->set("subject", subject);
  Object body = new Poco::JSON::Object;
  body->set("contentType", "text");
  body->set("content", body_text);
  event->set("body", body);
  event->set("start", utc_time(*instant(start)));
  event->set("end", utc_time(*instant(end)));
  event->set("isAllDay", false);
  event->set("isCancelled", false);
  event->set("originalStartTimeZone", "UTC");
  event->set("attendees", Array(new Poco::JSON::Array));
  event->set("webLink", "https://outlook.office365.com/owa/?itemid=" + id);
  calendar->events.push_back(event);
  return id;
}

void OutlookCalendarFake::set_busy(const std::string& address,
                                   std::vector<std::pair<std::string, std::string>> busy) {
  std::lock_guard lock(mutex_);
  busy_.emplace_back(address, std::move(busy));
}

Poco::JSON::Object::Ptr OutlookCalendarFake::event(const std::string& calendar_id,
                                                   const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& c : calendars_)
    if (c.id == calendar_id || (calendar_id == "primary" && c.is_default))
      for (const auto& e : c.events)
        if (e->getValue<std::string>("id") == id)
          return e;
  return nullptr;
}

size_t OutlookCalendarFake::event_count(const std::string& calendar_id) const {
  std::lock_guard lock(mutex_);
  for (const auto& c : calendars_)
    if (c.id == calendar_id || (calendar_id == "primary" && c.is_default))
      return c.events.size();
  return 0;
}

void OutlookCalendarFake::expire_access_token() {
  std::lock_guard lock(mutex_);
  expired_ = true;
}

void OutlookCalendarFake::throttle(int requests, int retry_after_seconds) {
  std::lock_guard lock(mutex_);
  throttled_ = requests;
  retry_after_ = retry_after_seconds;
}

std::vector<std::string> OutlookCalendarFake::problems() const {
  std::lock_guard lock(mutex_);
  return problems_;
}

std::vector<Request> OutlookCalendarFake::api_requests() const {
  std::vector<Request> out;
  for (auto& r : server.requests())
    if (r.path.rfind("/v1.0/", 0) == 0)
      out.push_back(r);
  return out;
}

OutlookCalendarFake::Calendar* OutlookCalendarFake::find_calendar(const std::string& id) {
  for (auto& c : calendars_)
    if (c.id == id || (id == "primary" && c.is_default))
      return &c;
  return nullptr;
}

Reply OutlookCalendarFake::reject(int status, const std::string& code, const std::string& message,
                                  const std::string& problem) {
  if (!problem.empty())
    problems_.push_back(problem);
  Object error = new Poco::JSON::Object;
  error->set("code", code);
  error->set("message", message);
  Object body = new Poco::JSON::Object;
  body->set("error", error);
  return Reply::json(text(body), status);
}

Reply OutlookCalendarFake::answer(const Request& request) {
  std::lock_guard lock(mutex_);
  const std::string prefix = "/v1.0/";
  if (request.path.rfind(prefix, 0) != 0)
    return reject(400, "BadRequest", "Invalid version.", "request outside /v1.0: " + request.path);
  std::string auth = request.header("Authorization");
  if (auth.empty())
    return reject(401, "InvalidAuthenticationToken", "Access token is empty.",
                  "no Authorization header");
  bool valid = (!expired_ && auth == "Bearer " + access_token_) ||
               (tokens.grants() > 0 && auth == "Bearer access-" + std::to_string(tokens.grants()));
  if (!valid)
    return reject(401, "InvalidAuthenticationToken",
                  "Access token has expired or is not yet valid.");
  if (throttled_ > 0) {
    --throttled_;
    Reply reply = reject(429, "TooManyRequests", "Too many requests, please retry after a while.");
    reply.headers.emplace_back("Retry-After", std::to_string(retry_after_));
    return reply;
  }
  if ((request.method == "POST" || request.method == "PATCH") &&
      request.header("Content-Type").rfind("application/json", 0) != 0)
    return reject(415, "UnsupportedMediaType", "Content-Type must be application/json.",
                  request.method + " " + request.path + " without a JSON Content-Type");
  // Graph refuses OData options it does not know ("$limit") instead of ignoring them.
  static const std::set<std::string> options{"$top",    "$skip",  "$filter", "$orderby",  "$select",
                                             "$expand", "$count", "$search", "$skiptoken"};
  for (const auto& [name, value] : Poco::URI("/?" + request.query).getQueryParameters())
    if (!name.empty() && name[0] == '$' && !options.count(name))
      return reject(400, "BadRequest", "Query option '" + name + "' is not allowed.",
                    "unknown OData option " + name);
  return route(request, split_path(request.path.substr(prefix.size())));
}

Reply OutlookCalendarFake::route(const Request& request, std::vector<std::string> parts) {
  const std::string& m = request.method;
  if (parts.size() < 2 || parts[0] != "me")
    return reject(400, "BadRequest", "Resource not found for the segment.",
                  "no such API: " + m + " " + request.path);
  if (parts.size() == 2 && parts[1] == "calendars" && m == "GET")
    return calendars(request);
  if (parts.size() == 3 && parts[1] == "calendar" && parts[2] == "getSchedule" && m == "POST")
    return schedule(request);
  // /me/calendar/... or /me/calendars/{id}/...
  Calendar* calendar = nullptr;
  size_t rest = 0;
  if (parts[1] == "calendar") {
    calendar = find_calendar("primary");
    rest = 2;
  } else if (parts[1] == "calendars" && parts.size() >= 3) {
    calendar = find_calendar(parts[2]);
    rest = 3;
  }
  if (rest == 0 || parts.size() <= rest)
    return reject(400, "BadRequest", "Resource not found for the segment.",
                  "no such API: " + m + " " + request.path);
  if (!calendar)
    return reject(404, "ErrorItemNotFound", "The specified object was not found in the store.");
  const std::string& what = parts[rest];
  if (what == "calendarView" && parts.size() == rest + 1 && m == "GET")
    return list(request, *calendar, true);
  if (what != "events" || parts.size() > rest + 2)
    return reject(400, "BadRequest", "Resource not found for the segment.",
                  "no such API: " + m + " " + request.path);
  if (parts.size() == rest + 1 && m == "GET")
    return list(request, *calendar, false);
  bool writable = calendar->can_edit;
  if (parts.size() == rest + 1 && m == "POST")
    return writable ? create(request, *calendar)
                    : reject(403, "ErrorAccessDenied",
                             "Access is denied. Check credentials and try again.");
  auto found = std::find_if(calendar->events.begin(), calendar->events.end(), [&](auto& e) {
    return e->template getValue<std::string>("id") == parts[rest + 1];
  });
  if (found == calendar->events.end())
    return reject(404, "ErrorItemNotFound", "The specified object was not found in the store.");
  if (m == "GET")
    return Reply::json(text(*found));
  if (!writable)
    return reject(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
  if (m == "PATCH")
    return update(request, *found);
  if (m == "DELETE") {
    calendar->events.erase(found);
    return Reply{204, {}, ""};
  }
  return reject(405, "Request_BadRequest", "The HTTP method is not allowed.",
                "method " + m + " on " + request.path);
}

// One page of `items` for the request's $top/$skip, with @odata.nextLink to the next one.
Reply OutlookCalendarFake::page(const Request& request,
                                const std::vector<Poco::JSON::Object::Ptr>& items) {
  std::string top = request.param("$top"), skip = request.param("$skip");
  if (!top.empty() && (!digits_only(top) || std::stoi(top) < 1 || std::stoi(top) > 1000))
    return reject(400, "ErrorInvalidUrlQuery", "Invalid $top value.", "$top " + top);
  if (!skip.empty() && !digits_only(skip))
    return reject(400, "ErrorInvalidUrlQuery", "Invalid $skip value.", "$skip " + skip);
  size_t limit = std::min<size_t>(top.empty() ? 10 : std::stoul(top), page_size);
  size_t offset = skip.empty() ? 0 : std::stoul(skip);
  Array value = new Poco::JSON::Array;
  for (size_t i = offset; i < items.size() && i < offset + limit; ++i)
    value->add(items[i]);
  Object body = new Poco::JSON::Object;
  body->set("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#" + request.path);
  body->set("value", value);
  if (offset + limit < items.size()) {
    std::string query;
    std::istringstream pieces(request.query);
    for (std::string piece; std::getline(pieces, piece, '&');)
      if (piece.rfind("%24skip=", 0) != 0 && piece.rfind("$skip=", 0) != 0)
        query += (query.empty() ? "" : "&") + piece;
    query += (query.empty() ? "" : "&") + std::string("%24skip=") + std::to_string(offset + limit);
    body->set("@odata.nextLink", server.url() + request.path + "?" + query);
  }
  return Reply::json(text(body));
}

Reply OutlookCalendarFake::calendars(const Request& request) {
  std::vector<Object> items;
  for (const auto& c : calendars_) {
    Object item = new Poco::JSON::Object;
    item->set("id", c.id);
    item->set("name", c.name);
    item->set("color", "auto");
    item->set("isDefaultCalendar", c.is_default);
    item->set("canEdit", c.can_edit);
    item->set("canShare", c.can_edit);
    Object owner = new Poco::JSON::Object;
    owner->set("name", "Ada Lovelace");
    owner->set("address", "ada@contoso.com");
    item->set("owner", owner);
    items.push_back(item);
  }
  return page(request, items);
}

Reply OutlookCalendarFake::list(const Request& request, Calendar& calendar, bool view) {
  std::optional<long long> from, to;
  if (view) {
    from = instant(request.param("startDateTime"));
    to = instant(request.param("endDateTime"));
    if (!from || !to)
      return reject(400, "ErrorInvalidParameter",
                    "This request requires a time window specified by the query string "
                    "parameters StartDateTime and EndDateTime.",
                    "calendarView without startDateTime/endDateTime");
  }
  std::vector<Clause> clauses;
  if (std::string filter = request.param("$filter"); !filter.empty()) {
    auto parsed = parse_filter(filter);
    if (!parsed)
      return reject(400, "ErrorInvalidUrlQueryFilter", "Invalid filter clause",
                    "unsupported $filter: " + filter);
    clauses = *parsed;
  }
  std::string order = request.param("$orderby");
  if (!order.empty() && order != "start/dateTime")
    return reject(400, "ErrorInvalidUrlQuery", "Invalid $orderby", "$orderby " + order);
  std::vector<Object> items;
  for (const auto& e : calendar.events) {
    if (view && !(at(e, "end") > *from && at(e, "start") < *to))
      continue;
    if (matches(e, clauses))
      items.push_back(e);
  }
  if (!order.empty())
    std::stable_sort(items.begin(), items.end(), [](const Object& a, const Object& b) {
      return at(a, "start") < at(b, "start");
    });
  return page(request, items);
}

// What Graph refuses in an event body: unknown properties, a dateTimeTimeZone without both
// fields or with an offset in dateTime, attendees without an address, bad enum values.
std::string OutlookCalendarFake::check_event(const Object& body, bool create) {
  for (const auto& [name, value] : *body)
    if (!kEventProperties.count(name))
      return "property '" + name + "' does not exist on type 'microsoft.graph.event'";
  for (const char* key : {"start", "end"}) {
    if (!body->has(key)) {
      if (create)
        return std::string(key) + " is required";
      continue;
    }
    auto when = body->getObject(key);
    if (!when || !wall_clock(when->optValue<std::string>("dateTime", "")) ||
        when->optValue<std::string>("timeZone", "").empty())
      return std::string(key) + " needs dateTime (no offset) and timeZone";
  }
  if (auto attendees = body->getArray("attendees"))
    for (size_t i = 0; i < attendees->size(); ++i) {
      auto a = attendees->getObject(i);
      auto address = a ? a->getObject("emailAddress") : nullptr;
      std::string type = a ? a->optValue<std::string>("type", "required") : "";
      if (!address ||
          address->optValue<std::string>("address", "").find('@') == std::string::npos ||
          (type != "required" && type != "optional" && type != "resource"))
        return "attendees[" + std::to_string(i) + "] needs emailAddress.address and a type";
    }
  if (auto b = body->getObject("body")) {
    std::string type = b->optValue<std::string>("contentType", "");
    if (type != "text" && type != "html")
      return "body.contentType " + type;
  }
  if (body->has("onlineMeetingProvider")) {
    std::string p = body->getValue<std::string>("onlineMeetingProvider");
    if (p != "teamsForBusiness" && p != "skypeForBusiness" && p != "skypeForConsumer" &&
        p != "unknown")
      return "onlineMeetingProvider " + p;
  }
  return {};
}

namespace {

void apply(Object event, const Object& body) {
  if (body->has("subject"))
    event->set("subject", body->get("subject"));
  if (auto b = body->getObject("body"))
    event->set("body", b);
  for (const char* key : {"start", "end"})
    if (auto when = body->getObject(key)) {
      // Stored and returned in UTC, as with Prefer: outlook.timezone="UTC" (the fake knows UTC
      // only, which is all the plugin sends).
      event->set(key, utc_time(*wall_clock(when->getValue<std::string>("dateTime"))));
      if (std::string(key) == "start")
        event->set("originalStartTimeZone", when->getValue<std::string>("timeZone"));
    }
  if (auto location = body->getObject("location"))
    event->set("location", location);
  if (auto attendees = body->getArray("attendees")) {
    Array stored = new Poco::JSON::Array;
    for (size_t i = 0; i < attendees->size(); ++i) {
      auto a = attendees->getObject(i);
      Object entry = new Poco::JSON::Object;
      entry->set("type", a->optValue<std::string>("type", "required"));
      Object status = new Poco::JSON::Object;
      status->set("response", "none");
      status->set("time", "0001-01-01T00:00:00Z");
      entry->set("status", status);
      entry->set("emailAddress", a->getObject("emailAddress"));
      stored->add(entry);
    }
    event->set("attendees", stored);
  }
  if (body->optValue<bool>("isOnlineMeeting", false)) {
    event->set("isOnlineMeeting", true);
    event->set("onlineMeetingProvider",
               body->optValue<std::string>("onlineMeetingProvider", "teamsForBusiness"));
    Object meeting = new Poco::JSON::Object;
    meeting->set("joinUrl", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_fake");
    event->set("onlineMeeting", meeting);
  }
}

} // namespace

Reply OutlookCalendarFake::create(const Request& request, Calendar& calendar) {
  Object body = parse_body(request);
  if (!body)
    return reject(400, "BadRequest", "Empty Payload. JSON content expected.",
                  "event create body is not a JSON object");
  if (std::string bad = check_event(body, true); !bad.empty())
    return reject(400, "ErrorInvalidRequest", bad, "event create: " + bad);
  if (at(body, "end") < at(body, "start"))
    return reject(400, "ErrorCalendarEndDateIsEarlierThanStartDate",
                  "The end date occurs before the start date.", "event create: end before start");
  std::string id = "AAMkAGevt" + std::to_string(next_id_++) + "=";
  Object event = new Poco::JSON::Object;
  event->set("@odata.etag", "W/\"1\"");
  event->set("id", id);
  event->set("subject", "");
  event->set("isAllDay", false);
  event->set("isCancelled", false);
  event->set("isOnlineMeeting", false);
  event->set("attendees", Array(new Poco::JSON::Array));
  event->set("webLink", "https://outlook.office365.com/owa/?itemid=" + id);
  apply(event, body);
  calendar.events.push_back(event);
  return Reply::json(text(event), 201);
}

Reply OutlookCalendarFake::update(const Request& request, Object event) {
  Object body = parse_body(request);
  if (!body)
    return reject(400, "BadRequest", "Empty Payload. JSON content expected.",
                  "event update body is not a JSON object");
  if (std::string bad = check_event(body, false); !bad.empty())
    return reject(400, "ErrorInvalidRequest", bad, "event update: " + bad);
  apply(event, body);
  return Reply::json(text(event));
}

Reply OutlookCalendarFake::schedule(const Request& request) {
  Object body = parse_body(request);
  if (!body)
    return reject(400, "BadRequest", "Empty Payload. JSON content expected.",
                  "getSchedule body is not a JSON object");
  auto schedules = body->getArray("schedules");
  if (!schedules || schedules->size() == 0)
    return reject(400, "ErrorInvalidRequest", "schedules is required",
                  "getSchedule without schedules");
  std::optional<long long> times[2];
  const char* keys[] = {"startTime", "endTime"};
  for (int i = 0; i < 2; ++i) {
    auto when = body->getObject(keys[i]);
    if (when && when->optValue<std::string>("timeZone", "") == "UTC")
      times[i] = wall_clock(when->optValue<std::string>("dateTime", ""));
    if (!times[i])
      return reject(400, "ErrorInvalidRequest", std::string(keys[i]) + " is invalid",
                    std::string("getSchedule ") + keys[i] +
                        " needs dateTime and timeZone (the fake knows UTC)");
  }
  if (*times[1] <= *times[0] || *times[1] - *times[0] > 62LL * 86400)
    return reject(400, "ErrorInvalidTimeRange", "The time window is invalid or exceeds 62 days.",
                  "getSchedule window");
  int interval = body->optValue<int>("availabilityViewInterval", 30);
  if (interval < 5 || interval > 1440)
    return reject(400, "ErrorInvalidRequest", "availabilityViewInterval must be 5-1440",
                  "availabilityViewInterval " + std::to_string(interval));
  Array value = new Poco::JSON::Array;
  for (size_t i = 0; i < schedules->size(); ++i) {
    std::string address = schedules->getElement<std::string>(i);
    Object entry = new Poco::JSON::Object;
    entry->set("scheduleId", address);
    auto known =
        std::find_if(busy_.begin(), busy_.end(), [&](auto& b) { return b.first == address; });
    Array items = new Poco::JSON::Array;
    if (known == busy_.end()) {
      Object error = new Poco::JSON::Object;
      error->set("message", "The SMTP address has no mailbox associated with it.");
      error->set("responseCode", "ErrorMailboxNotFound");
      entry->set("availabilityView", "");
      entry->set("error", error);
    } else {
      std::string view;
      for (long long t = *times[0]; t < *times[1]; t += interval * 60LL) {
        bool busy = std::any_of(known->second.begin(), known->second.end(), [&](auto& p) {
          return *instant(p.first) < t + interval * 60LL && *instant(p.second) > t;
        });
        view += busy ? '2' : '0';
      }
      for (const auto& [s, e] : known->second) {
        long long from = std::max(*instant(s), *times[0]), to = std::min(*instant(e), *times[1]);
        if (to <= from)
          continue;
        Object item = new Poco::JSON::Object;
        item->set("isPrivate", false);
        item->set("status", "busy");
        item->set("subject", "Busy");
        item->set("start", utc_time(from));
        item->set("end", utc_time(to));
        items->add(item);
      }
      entry->set("availabilityView", view);
    }
    entry->set("scheduleItems", items);
    value->add(entry);
  }
  Object out = new Poco::JSON::Object;
  out->set(
      "@odata.context",
      "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)");
  out->set("value", value);
  return Reply::json(text(out));
}

} // namespace actionhost::fakes
