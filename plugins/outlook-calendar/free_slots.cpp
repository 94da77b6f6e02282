// find_free_slots: one POST /me/calendar/getSchedule for every attendee, slots computed by the
// shared code.
#include "outlook.hpp"

#include <calendar/slots.hpp>

#include <Poco/String.h>

namespace outlook_calendar {

namespace {

ah::JsonObject utc_time(const ah::DateTime& t) {
  auto o = ah::json::object();
  o->set("dateTime", calendar::graph_utc(t));
  o->set("timeZone", "UTC");
  return o;
}

// scheduleItem statuses that keep someone from a meeting; free and workingElsewhere do not.
bool blocks(const std::string& status) {
  return status == "busy" || status == "oof" || status == "tentative";
}

} // namespace

calendar::FreeSlots find_free_slots(ah::Context& ctx, const calendar::FindFreeSlotsIn& in) {
  calendar::check_request(in);
  auto body = ah::json::object();
  auto schedules = ah::json::array();
  for (const auto& email : in.attendees)
    schedules->add(email.value);
  body->set("schedules", schedules);
  body->set("startTime", utc_time(in.from));
  body->set("endTime", utc_time(in.to));
  body->set("availabilityViewInterval", 15);

  ah::Request request;
  request.method = "POST";
  request.path = "/me/calendar/getSchedule";
  request.body = body;
  auto answer = send(ctx, request, {}).json_object();
  auto value = answer->getArray("value");
  if (!value)
    throw ah::HttpError(AH_ERR_UPSTREAM, "the provider's getSchedule answer has no value");

  std::vector<calendar::Interval> busy;
  std::vector<calendar::Unchecked> unchecked;
  for (const auto& email : in.attendees) {
    ah::JsonObject entry;
    for (size_t i = 0; i < value->size() && !entry; ++i) {
      auto candidate = value->getObject(i);
      // Exchange may echo an address in another case than it was asked in.
      if (candidate &&
          Poco::icompare(candidate->optValue<std::string>("scheduleId", ""), email.value) == 0)
        entry = candidate;
    }
    if (!entry) {
      unchecked.push_back({email.value, "not in the provider's answer"});
      continue;
    }
    if (auto error = entry->getObject("error")) {
      std::string code = error->optValue<std::string>("responseCode", "");
      unchecked.push_back(
          {email.value, code.empty() ? error->optValue<std::string>("message", "error") : code});
      continue;
    }
    auto items = entry->getArray("scheduleItems");
    for (size_t i = 0; items && i < items->size(); ++i) {
      auto item = items->getObject(i);
      if (!item || !blocks(item->optValue<std::string>("status", "")))
        continue;
      auto start = item->getObject("start"), end = item->getObject("end");
      if (!start || !end)
        throw ah::HttpError(AH_ERR_UPSTREAM, "the provider sent a scheduleItem without start/end");
      busy.push_back({calendar::epoch_seconds(calendar::from_graph(
                          start->optValue<std::string>("dateTime", ""),
                          start->optValue<std::string>("timeZone", ""), "scheduleItem.start")),
                      calendar::epoch_seconds(calendar::from_graph(
                          end->optValue<std::string>("dateTime", ""),
                          end->optValue<std::string>("timeZone", ""), "scheduleItem.end"))});
    }
  }
  return calendar::free_slots(in, std::move(busy), std::move(unchecked));
}

} // namespace outlook_calendar
