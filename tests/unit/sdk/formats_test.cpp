// The strong string types and enum names: what they accept and what they offer.
#include <actionhost/plugin.hpp>

#include <catch2/catch.hpp>

namespace {
enum class Size { small, large };
}
template <> struct ah::enum_names<Size> {
  static constexpr ah::enumerator<Size> values[] = {{Size::small, "small"}, {Size::large, "large"}};
};

TEST_CASE("formats: ah::DateTime accepts RFC 3339 date-times only") {
  for (const char* ok : {"2024-05-01T09:30:00Z", "2024-05-01t09:30:00z",
                         "2024-05-01T09:30:00.250+02:00", "2024-02-29T23:59:59-11:30"})
    CHECK(ah::DateTime::valid(ok));
  for (const char* bad : {"2024-05-01", "2024-05-01 09:30:00Z", "2024-05-01T09:30:00",
                          "2024-02-30T09:30:00Z", "2024-05-01T24:00:00Z", "2024-05-01T09:30Z",
                          "2024-05-01T09:30:00.Z", "2024-05-01T09:30:00+0200", "tomorrow", ""})
    CHECK_FALSE(ah::DateTime::valid(bad));
}

TEST_CASE("formats: ah::DateTime converts to and from instants") {
  ah::DateTime t{"2024-05-01T11:30:00.250+02:00"};
  CHECK(t.tz_offset() == 7200);
  CHECK(ah::DateTime::from(t.timestamp()).value == "2024-05-01T09:30:00.250Z");
  CHECK(ah::DateTime::from(ah::DateTime{"2024-05-01T09:30:00Z"}.timestamp()).value ==
        "2024-05-01T09:30:00Z");
  CHECK(ah::DateTime::valid(ah::DateTime::now().value));
  CHECK_THROWS_AS(ah::DateTime{"soon"}.timestamp(), std::invalid_argument);
}

TEST_CASE("formats: ah::Date accepts real calendar days") {
  ah::Date d{"2024-02-29"};
  REQUIRE(ah::Date::valid(d.value));
  CHECK(d.year() == 2024);
  CHECK(d.month() == 2);
  CHECK(d.day() == 29);
  CHECK_FALSE(ah::Date::valid("2023-02-29"));
  CHECK_FALSE(ah::Date::valid("2024-2-9"));
  CHECK_FALSE(ah::Date::valid("2024-02-29T00:00:00Z"));
}

TEST_CASE("formats: ah::Email is a light syntactic check") {
  CHECK(ah::Email::valid("ada@example.com"));
  CHECK(ah::Email::valid("first.last+tag@sub.example.org"));
  for (const char* bad : {"ada", "@example.com", "ada@", "a@b@c", "ada @example.com",
                          "ada@.example.com", "ada@example..com"})
    CHECK_FALSE(ah::Email::valid(bad));
}

TEST_CASE("formats: ah::Uri requires an absolute URI") {
  CHECK(ah::Uri::valid("https://example.com/a?b=c#d"));
  CHECK(ah::Uri::valid("mailto:ada@example.com"));
  CHECK(ah::Uri::valid("sample://readme"));
  for (const char* bad : {"/relative/path", "example.com", "https://exa mple.com", "1http://x", ""})
    CHECK_FALSE(ah::Uri::valid(bad));
}

TEST_CASE("formats: enum names map both ways") {
  CHECK(ah::enum_to_name(Size::large) == "large");
  CHECK(ah::enum_from_name<Size>("small") == Size::small);
  CHECK_FALSE(ah::enum_from_name<Size>("Small").has_value());
  CHECK_FALSE(ah::enum_to_name(static_cast<Size>(7)).has_value());
  CHECK(ah::enum_name_list<Size>() == "small, large");
}
