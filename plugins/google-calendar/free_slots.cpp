// find_free_slots: one POST /freeBusy for every attendee, slots computed by the shared code.
#include "google.hpp"

#include <calendar/slots.hpp>

namespace google_calendar {

calendar::FreeSlots find_free_slots(ah::Context& ctx, const calendar::FindFreeSlotsIn& in) {
  calendar::check_request(in);
  auto body = ah::json::object();
  body->set("timeMin", calendar::utc(calendar::epoch_seconds(in.from)).value);
  body->set("timeMax", calendar::utc(calendar::epoch_seconds(in.to)).value);
  body->set("timeZone", "UTC");
  auto items = ah::json::array();
  for (const auto& email : in.attendees) {
    auto item = ah::json::object();
    item->set("id", email.value);
    items->add(item);
  }
  body->set("items", items);

  ah::Request request;
  request.method = "POST";
  request.path = "/freeBusy";
  request.body = body;
  auto answer = object_of(send(ctx, request, {}));
  auto calendars = answer->getObject("calendars");
  if (!calendars)
    throw ah::HttpError(AH_ERR_UPSTREAM, "the provider's freeBusy answer has no calendars");

  std::vector<calendar::Interval> busy;
  std::vector<calendar::Unchecked> unchecked;
  for (const auto& email : in.attendees) {
    auto entry = calendars->getObject(email.value);
    if (!entry) {
      unchecked.push_back({email.value, "not in the provider's answer"});
      continue;
    }
    if (auto errors = entry->getArray("errors"); errors && errors->size() > 0) {
      auto first = errors->getObject(0);
      unchecked.push_back({email.value, first ? first->optValue<std::string>("reason", "error")
                                              : std::string("error")});
      continue;
    }
    auto periods = entry->getArray("busy");
    for (size_t i = 0; periods && i < periods->size(); ++i) {
      auto period = periods->getObject(i);
      if (!period)
        continue;
      busy.push_back({calendar::epoch_seconds(calendar::provider_time(
                          period->optValue<std::string>("start", ""), "busy.start")),
                      calendar::epoch_seconds(calendar::provider_time(
                          period->optValue<std::string>("end", ""), "busy.end"))});
    }
  }
  return calendar::free_slots(in, std::move(busy), std::move(unchecked));
}

} // namespace google_calendar
