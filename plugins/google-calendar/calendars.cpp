// list_calendars: GET /users/me/calendarList, every page (nextPageToken -> pageToken).
#include "google.hpp"

namespace google_calendar {

calendar::CalendarList list_calendars(ah::Context& ctx, const ah::None&) {
  calendar::CalendarList out;
  std::string token;
  do {
    ah::Request request;
    request.path = "/users/me/calendarList";
    request.query = {{"maxResults", "250"}};
    if (!token.empty())
      request.query.emplace_back("pageToken", token);
    auto page = object_of(send(ctx, request, {}));
    if (auto items = page->getArray("items"))
      for (size_t i = 0; i < items->size(); ++i) {
        auto item = items->getObject(i);
        if (!item)
          continue;
        calendar::Calendar c;
        c.id = item->optValue<std::string>("id", "");
        c.name = item->optValue<std::string>("summaryOverride",
                                             item->optValue<std::string>("summary", c.id));
        c.primary = item->optValue<bool>("primary", false);
        std::string role = item->optValue<std::string>("accessRole", "");
        c.can_edit = role == "owner" || role == "writer";
        if (item->has("timeZone"))
          c.time_zone = item->getValue<std::string>("timeZone");
        out.calendars.push_back(std::move(c));
      }
    token = page->optValue<std::string>("nextPageToken", "");
    ctx.throw_if_cancelled();
  } while (!token.empty());
  return out;
}

} // namespace google_calendar
