// list_calendars: GET /me/calendars, every page (@odata.nextLink).
#include "outlook.hpp"

namespace outlook_calendar {

calendar::CalendarList list_calendars(ah::Context& ctx, const ah::None&) {
  calendar::CalendarList out;
  ah::Request first;
  first.path = "/me/calendars";
  walk(ctx, first, {}, [&](const ah::JsonObject& page) {
    auto items = page->getArray("value");
    for (size_t i = 0; items && i < items->size(); ++i) {
      auto item = items->getObject(i);
      if (!item)
        continue;
      calendar::Calendar c;
      c.id = item->optValue<std::string>("id", "");
      c.name = item->optValue<std::string>("name", c.id);
      c.primary = item->optValue<bool>("isDefaultCalendar", false);
      c.can_edit = item->optValue<bool>("canEdit", false);
      out.calendars.push_back(std::move(c)); // Graph calendars carry no time zone
    }
    return true;
  });
  return out;
}

} // namespace outlook_calendar
