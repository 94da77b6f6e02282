// Strings with a JSON Schema "format": ah::DateTime, ah::Date, ah::Email, ah::Uri, and the
// FormattedString concept for defining more.
#pragma once

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <cctype>
#include <concepts>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace ah {

// A string type published with a JSON Schema "format" and checked when decoded. Model your own
// (a UUID, a phone number) by providing the same four members as the types below.
template <class T>
concept FormattedString = requires(const T& t, std::string_view s) {
  { t.value } -> std::convertible_to<std::string>;
  { T::format } -> std::convertible_to<std::string_view>;
  { T::expected } -> std::convertible_to<std::string_view>; // "expected <this>" on a bad value
  { T::valid(s) } -> std::same_as<bool>;
};

namespace detail {
inline bool digits(std::string_view s, size_t pos, size_t n) {
  if (s.size() < pos + n)
    return false;
  for (size_t i = pos; i < pos + n; ++i)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}
inline int number(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i)
    v = v * 10 + (s[i] - '0');
  return v;
}
// YYYY-MM-DD, with a real calendar day.
inline bool full_date(std::string_view s) {
  return s.size() >= 10 && digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' &&
         digits(s, 8, 2) &&
         Poco::DateTime::isValid(number(s, 0, 4), number(s, 5, 2), number(s, 8, 2));
}
} // namespace detail

// An RFC 3339 date-time ("2024-05-01T09:30:00Z", "2024-05-01T11:30:00.250+02:00"), kept as the
// text the caller sent so that offsets and precision survive a round trip.
struct DateTime {
  static constexpr std::string_view format = "date-time";
  static constexpr std::string_view expected = "RFC 3339 date-time";
  std::string value;

  // Poco's ISO 8601 parser alone is lenient (it accepts a space separator or no offset), so the
  // RFC 3339 shape is checked first and Poco then checks the ranges (no February 30th).
  static bool valid(std::string_view s) {
    if (!detail::full_date(s) || s.size() < 20 || (s[10] != 'T' && s[10] != 't') ||
        !detail::digits(s, 11, 2) || s[13] != ':' || !detail::digits(s, 14, 2) || s[16] != ':' ||
        !detail::digits(s, 17, 2))
      return false;
    size_t i = 19;
    if (s[i] == '.') {
      size_t start = ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i;
      if (i == start)
        return false;
    }
    std::string_view zone = s.substr(i);
    bool utc = zone == "Z" || zone == "z";
    bool offset = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') &&
                  detail::digits(zone, 1, 2) && zone[3] == ':' && detail::digits(zone, 4, 2) &&
                  detail::number(zone, 1, 2) < 24 && detail::number(zone, 4, 2) < 60;
    if (!utc && !offset)
      return false;
    Poco::DateTime parsed;
    int tzd = 0;
    return Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, normalized(s),
                                          parsed, tzd);
  }

  // Formats an instant in UTC ("Z"), with milliseconds only when there are some.
  static DateTime from(const Poco::Timestamp& t) {
    bool whole = t.epochMicroseconds() % Poco::Timestamp::resolution() == 0;
    return {
        Poco::DateTimeFormatter::format(t, whole ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%dT%H:%M:%S.%iZ")};
  }
  static DateTime now() { return from(Poco::Timestamp()); }

  // The instant it names. Throws std::invalid_argument when value is not a valid date-time.
  Poco::Timestamp timestamp() const {
    auto [local, tzd] = parse();
    local.makeUTC(tzd);
    return local.timestamp();
  }
  // Offset from UTC in seconds (+02:00 gives 7200).
  int tz_offset() const { return parse().second; }

  friend bool operator==(const DateTime&, const DateTime&) = default;

private:
  static std::string normalized(std::string_view s) {
    std::string out(s);
    out[10] = 'T';
    if (out.back() == 'z')
      out.back() = 'Z';
    return out;
  }
  std::pair<Poco::DateTime, int> parse() const {
    Poco::DateTime local;
    int tzd = 0;
    if (!valid(value))
      throw std::invalid_argument("not an RFC 3339 date-time: '" + value + "'");
    Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, normalized(value), local,
                                tzd);
    return {local, tzd};
  }
};

// An RFC 3339 full-date ("2024-05-01").
struct Date {
  static constexpr std::string_view format = "date";
  static constexpr std::string_view expected = "RFC 3339 full-date (YYYY-MM-DD)";
  std::string value;

  static bool valid(std::string_view s) { return s.size() == 10 && detail::full_date(s); }
  int year() const { return checked(0, 4); }
  int month() const { return checked(5, 2); }
  int day() const { return checked(8, 2); }

  friend bool operator==(const Date&, const Date&) = default;

private:
  int checked(size_t pos, size_t n) const {
    if (!valid(value))
      throw std::invalid_argument("not an RFC 3339 full-date: '" + value + "'");
    return detail::number(value, pos, n);
  }
};

// An email address. A light syntactic check (one '@', no spaces, a dotted domain), not RFC 5321.
struct Email {
  static constexpr std::string_view format = "email";
  static constexpr std::string_view expected = "email address";
  std::string value;

  static bool valid(std::string_view s) {
    size_t at = s.find('@');
    if (at == std::string_view::npos || at == 0 || at != s.rfind('@') || s.size() > 254)
      return false;
    for (char c : s)
      if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
        return false;
    std::string_view domain = s.substr(at + 1);
    return !domain.empty() && domain.front() != '.' && domain.back() != '.' &&
           domain.find("..") == std::string_view::npos;
  }
  friend bool operator==(const Email&, const Email&) = default;
};

// An absolute URI ("https://example.com/a?b=c", "mailto:x@y.z"): a scheme, then what Poco::URI
// accepts.
struct Uri {
  static constexpr std::string_view format = "uri";
  static constexpr std::string_view expected = "absolute URI";
  std::string value;

  static bool valid(std::string_view s) {
    size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || !std::isalpha(uchar(s[0])))
      return false;
    for (size_t i = 1; i < colon; ++i)
      if (!std::isalnum(uchar(s[i])) && s[i] != '+' && s[i] != '-' && s[i] != '.')
        return false;
    for (char c : s)
      if (uchar(c) <= ' ' || c == 0x7f)
        return false;
    try {
      Poco::URI uri{std::string(s)};
      return true;
    } catch (const Poco::Exception&) {
      return false;
    }
  }
  friend bool operator==(const Uri&, const Uri&) = default;

private:
  static unsigned char uchar(char c) { return static_cast<unsigned char>(c); }
};

} // namespace ah
