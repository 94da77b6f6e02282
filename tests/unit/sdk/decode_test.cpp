// Decoding JSON into structs: values land in fields, and every problem is reported with the
// path of the bad value.
#include <actionhost/plugin.hpp>

#include <catch2/catch.hpp>

namespace {

enum class Color { red, green, blue };

struct Attendee {
  ah::Email email;
  std::optional<std::string> name;
  static auto fields() {
    return std::tuple{ah::field("email", &Attendee::email, "Attendee's email address"),
                      ah::field("name", &Attendee::name, "Display name").max_length(5)};
  }
};

struct Event {
  std::string title;
  ah::DateTime start;
  std::optional<ah::Date> until;
  std::int32_t limit = 0;
  double ratio = 0;
  bool all_day = false;
  Color color = Color::red;
  std::vector<Attendee> attendees;
  std::map<std::string, std::int32_t> counts;
  std::optional<ah::Uri> link;
  ah::Json extra;
  static auto fields() {
    return std::tuple{ah::field("title", &Event::title).min_length(1),
                      ah::field("start", &Event::start),
                      ah::field("until", &Event::until),
                      ah::field("limit", &Event::limit).maximum(100).default_value(10),
                      ah::field("ratio", &Event::ratio).minimum(0).maximum(1).default_value(0.5),
                      ah::field("all_day", &Event::all_day).default_value(false),
                      ah::field("color", &Event::color).default_value(Color::green),
                      ah::field("attendees", &Event::attendees).max_items(3).default_value({}),
                      ah::field("counts", &Event::counts).default_value({}),
                      ah::field("link", &Event::link),
                      ah::field("extra", &Event::extra).default_value({})};
  }
};

struct Limits {
  std::int8_t tiny = 0;
  std::uint32_t count = 0;
  std::int64_t big = 0;
  std::string code;
  std::vector<int> items;
  static auto fields() {
    return std::tuple{
        ah::field("tiny", &Limits::tiny).default_value(0),
        ah::field("count", &Limits::count).default_value(0),
        ah::field("big", &Limits::big).default_value(0),
        ah::field("code", &Limits::code).pattern("^[A-Z]{2}[0-9]+$").default_value("AB1"),
        ah::field("items", &Limits::items).min_items(1).default_value({1})};
  }
};

// The issues a decode reports, as "path: message" lines.
template <class T> std::vector<std::string> problems(const std::string& json) {
  try {
    ah::decode_json<T>(json);
  } catch (const ah::DecodeError& e) {
    std::vector<std::string> out;
    for (const auto& i : e.issues())
      out.push_back(i.path + ": " + i.message);
    return out;
  }
  return {};
}
using Lines = std::vector<std::string>;

} // namespace

template <> struct ah::enum_names<Color> {
  static constexpr ah::enumerator<Color> values[] = {
      {Color::red, "red"}, {Color::green, "green"}, {Color::blue, "blue"}};
};

TEST_CASE("decode: a valid object fills every field") {
  Event e = ah::decode_json<Event>(R"({
    "title": "Standup", "start": "2024-05-01T09:30:00Z", "until": "2024-06-01", "limit": 5,
    "ratio": 0.25, "all_day": true, "color": "blue",
    "attendees": [{"email": "ada@example.com", "name": "Ada"}, {"email": "bob@example.com"}],
    "counts": {"a": 1, "b": 2}, "link": "https://example.com", "extra": {"any": [1, "x"]}
  })");
  CHECK(e.title == "Standup");
  CHECK(e.start.value == "2024-05-01T09:30:00Z");
  CHECK(e.until == ah::Date{"2024-06-01"});
  CHECK(e.limit == 5);
  CHECK(e.ratio == 0.25);
  CHECK(e.all_day);
  CHECK(e.color == Color::blue);
  REQUIRE(e.attendees.size() == 2);
  CHECK(e.attendees[0].name == "Ada");
  CHECK_FALSE(e.attendees[1].name.has_value());
  CHECK(e.counts == std::map<std::string, std::int32_t>{{"a", 1}, {"b", 2}});
  CHECK(e.link == ah::Uri{"https://example.com"});
  CHECK(ah::json::stringify(e.extra) == R"({"any":[1,"x"]})");
}

TEST_CASE("decode: absent fields take their defaults, absent optionals stay empty") {
  Event e = ah::decode_json<Event>(R"({"title": "x", "start": "2024-05-01T09:30:00Z"})");
  CHECK(e.limit == 10);
  CHECK(e.ratio == 0.5);
  CHECK(e.color == Color::green);
  CHECK(e.attendees.empty());
  CHECK_FALSE(e.until.has_value());
  CHECK_FALSE(e.link.has_value());
}

TEST_CASE("decode: an integral number is an integer, 5.0 included") {
  CHECK(
      ah::decode_json<Event>(R"({"title":"x","start":"2024-05-01T09:30:00Z","limit":7.0})").limit ==
      7);
}

TEST_CASE("decode: a missing required field") {
  CHECK(problems<Event>(R"({"start": "2024-05-01T09:30:00Z"})") ==
        Lines{"title: required field missing"});
}

TEST_CASE("decode: wrong types name what was expected") {
  CHECK(problems<Event>(R"({"title": 5, "start": "2024-05-01T09:30:00Z", "limit": "5",
                            "ratio": true, "all_day": 1, "attendees": {}, "counts": []})") ==
        Lines{"title: expected string", "limit: expected integer", "ratio: expected number",
              "all_day: expected boolean", "attendees: expected array", "counts: expected object"});
}

TEST_CASE("decode: formats") {
  CHECK(problems<Event>(R"({"title": "x", "start": "2024-05-01 09:30", "until": "June",
                            "link": "not a uri", "attendees": [{"email": "nobody"}]})") ==
        Lines{"start: expected RFC 3339 date-time",
              "until: expected RFC 3339 full-date (YYYY-MM-DD)",
              "attendees[0].email: expected email address", "link: expected absolute URI"});
}

TEST_CASE("decode: enums accept their declared names only") {
  CHECK(problems<Event>(R"({"title": "x", "start": "2024-05-01T09:30:00Z", "color": "Red"})") ==
        Lines{"color: expected one of red, green, blue"});
}

TEST_CASE("decode: numeric bounds") {
  CHECK(problems<Event>(R"({"title": "x", "start": "2024-05-01T09:30:00Z", "limit": 101,
                            "ratio": -0.5})") ==
        Lines{"limit: must be at most 100", "ratio: must be at least 0"});
  CHECK(problems<Limits>(R"({"tiny": 128, "count": -1, "big": 9223372036854775808})") ==
        Lines{"tiny: must be at most 127", "count: must be at least 0",
              "big: must be at most 9223372036854775807"});
  CHECK(problems<Limits>(R"({"tiny": 1.5})") == Lines{"tiny: expected integer"});
}

TEST_CASE("decode: string and array constraints") {
  CHECK(problems<Event>(R"({"title": "", "start": "2024-05-01T09:30:00Z",
                            "attendees": [{"email": "a@b.c", "name": "Marguerite"},
                                          {"email": "a@b.c"}, {"email": "a@b.c"},
                                          {"email": "a@b.c"}]})") ==
        Lines{"title: must be at least 1 character long",
              "attendees[0].name: must be at most 5 characters long",
              "attendees: must have at most 3 items"});
  CHECK(problems<Limits>(R"({"code": "ab12", "items": []})") ==
        Lines{"code: must match the pattern ^[A-Z]{2}[0-9]+$", "items: must have at least 1 item"});
}

TEST_CASE("decode: lengths count characters, not bytes") {
  CHECK(problems<Event>(R"({"title": "x", "start": "2024-05-01T09:30:00Z",
                            "attendees": [{"email": "a@b.c", "name": "Zoë🙂"}]})")
            .empty());
}

TEST_CASE("decode: unknown properties are rejected, at any depth") {
  CHECK(problems<Event>(R"({"title": "x", "start": "2024-05-01T09:30:00Z", "extra_field": 1,
                            "attendees": [{"email": "a@b.c", "phone": "1"}]})") ==
        Lines{"attendees[0].phone: unknown field", "extra_field: unknown field"});
}

TEST_CASE("decode: map values and odd keys get their own path") {
  CHECK(problems<Event>(R"({"title": "x", "start": "2024-05-01T09:30:00Z",
                            "counts": {"ok": 1, "bad": "2", "with space": true}})") ==
        Lines{"counts.bad: expected integer", R"(counts["with space"]: expected integer)"});
}

TEST_CASE("decode: every problem is reported, not only the first") {
  auto lines = problems<Event>(R"({"start": "yesterday", "limit": 1000, "color": "pink",
                                   "attendees": [{"email": "a@b.c"}, {}, {"email": 3}]})");
  CHECK(lines == Lines{"title: required field missing", "start: expected RFC 3339 date-time",
                       "limit: must be at most 100", "color: expected one of red, green, blue",
                       "attendees[1].email: required field missing",
                       "attendees[2].email: expected email address"});
}

TEST_CASE("decode: the error message lists every path") {
  try {
    ah::decode_json<Event>(R"({"start": 1})");
    FAIL("expected a DecodeError");
  } catch (const ah::DecodeError& e) {
    CHECK(std::string(e.what()) == "invalid arguments: title: required field missing; "
                                   "start: expected RFC 3339 date-time");
    CHECK(e.status() == AH_ERR_INVALID_ARGUMENT);
  }
}

TEST_CASE("decode: the value itself has the path (root)") {
  CHECK(problems<Event>("[1, 2]") == Lines{"(root): expected object"});
  CHECK(problems<Event>("{\"title\": ").size() == 1);
  CHECK(problems<Event>("{\"title\": ").front().rfind("(root): invalid JSON", 0) == 0);
}

TEST_CASE("decode: JSON null is not an absent value") {
  CHECK(problems<Event>(R"({"title": "x", "start": "2024-05-01T09:30:00Z", "link": null})") ==
        Lines{"link: expected absolute URI"});
}

namespace {
struct Address {
  std::string city;
  std::optional<std::string> zip;
  static auto fields() {
    return std::tuple{ah::field("city", &Address::city), ah::field("zip", &Address::zip)};
  }
};
struct Contact {
  std::optional<Address> address;
  std::vector<std::vector<std::int32_t>> grid;
  std::unordered_map<std::string, Address> offices;
  std::optional<std::string> nickname;
  static auto fields() {
    return std::tuple{ah::field("address", &Contact::address),
                      ah::field("grid", &Contact::grid).default_value({}),
                      ah::field("offices", &Contact::offices).default_value({}),
                      ah::field("nickname", &Contact::nickname).default_value("none")};
  }
};
} // namespace

TEST_CASE("decode: optional structs, nested arrays and unordered maps") {
  Contact c = ah::decode_json<Contact>(
      R"({"address": {"city": "Oslo"}, "grid": [[1, 2], []], "offices": {"hq": {"city": "Rome"}}})");
  REQUIRE(c.address.has_value());
  CHECK(c.address->city == "Oslo");
  CHECK(c.grid == std::vector<std::vector<std::int32_t>>{{1, 2}, {}});
  CHECK(c.offices.at("hq").city == "Rome");
  CHECK(c.nickname == "none"); // an optional field with a default gets the default
  CHECK(problems<Contact>(R"({"address": {"zip": 1}, "grid": [[1], ["x"]],
                              "offices": {"hq": {"city": "Rome", "floor": 3}}})") ==
        Lines{"address.city: required field missing", "address.zip: expected string",
              "grid[1][0]: expected integer", "offices.hq.floor: unknown field"});
}

TEST_CASE("decode: ah::None takes no arguments at all") {
  CHECK_NOTHROW(ah::decode_json<ah::None>("{}"));
  CHECK(problems<ah::None>(R"({"anything": 1})") == Lines{"anything: unknown field"});
}
