// Time handling both calendar plugins share: RFC 3339 to epoch seconds and back, and the
// provider shapes that are not RFC 3339 (Graph's zone-less dateTime, Google's all-day date).
#pragma once

#include <actionhost/plugin.hpp>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <cstdint>
#include <optional>
#include <string>

namespace calendar {

inline std::int64_t epoch_seconds(const ah::DateTime& t) {
  return t.timestamp().epochTime();
}

// The instant written with this UTC offset ("2024-05-06T09:00:00+02:00"; "Z" for 0).
inline ah::DateTime at_offset(std::int64_t epoch, int offset_seconds) {
  // Poco prints the offset given but not the local time: shift the instant to the wall clock.
  Poco::Timestamp local =
      Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epoch + offset_seconds));
  if (offset_seconds == 0)
    return {Poco::DateTimeFormatter::format(local, "%Y-%m-%dT%H:%M:%SZ")};
  return {Poco::DateTimeFormatter::format(local, "%Y-%m-%dT%H:%M:%S%z", offset_seconds)};
}

inline ah::DateTime utc(std::int64_t epoch) {
  return at_offset(epoch, 0);
}

// A provider's RFC 3339 text, or an ah::HttpError naming the field when it is not one.
inline ah::DateTime provider_time(const std::string& text, const std::string& what) {
  if (!ah::DateTime::valid(text))
    throw ah::HttpError(AH_ERR_UPSTREAM,
                        "the provider sent " + what + " '" + text + "', not an RFC 3339 time");
  return {text};
}

// An all-day date ("2024-05-06") as midnight UTC: the day itself, whatever the zone.
inline ah::DateTime from_date(const std::string& date, const std::string& what) {
  if (!ah::Date::valid(date))
    throw ah::HttpError(AH_ERR_UPSTREAM,
                        "the provider sent " + what + " '" + date + "', not a date");
  return {date + "T00:00:00Z"};
}

// Microsoft Graph's dateTimeTimeZone: a wall-clock time without offset ("2024-05-06T09:00:00"
// or with seven fractional digits) and a zone name. Requests ask for UTC (Prefer:
// outlook.timezone="UTC"), so anything else is the provider's mistake.
inline ah::DateTime from_graph(const std::string& date_time, const std::string& zone,
                               const std::string& what) {
  if (zone != "UTC" && zone != "Etc/UTC" && !zone.empty())
    throw ah::HttpError(AH_ERR_UPSTREAM, "the provider sent " + what + " in time zone '" + zone +
                                             "', though UTC was asked for");
  std::string whole = date_time.substr(0, date_time.find('.'));
  return provider_time(whole + "Z", what);
}

// The UTC wall-clock text Graph's dateTimeTimeZone takes with timeZone "UTC".
inline std::string graph_utc(const ah::DateTime& t) {
  return Poco::DateTimeFormatter::format(t.timestamp(), "%Y-%m-%dT%H:%M:%S");
}

} // namespace calendar
