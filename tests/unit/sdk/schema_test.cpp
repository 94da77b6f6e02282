// How JSON Schema is derived from C++ types and ah::field declarations.
#include "json_text.hpp"

#include <catch2/catch.hpp>

namespace {

enum class Color { red, green, blue };

struct Attendee {
  ah::Email email;
  std::optional<std::string> name;
  static auto fields() {
    return std::tuple{ah::field("email", &Attendee::email, "Attendee's email address"),
                      ah::field("name", &Attendee::name, "Display name").max_length(200)};
  }
};

struct Scalars {
  std::string text;
  bool flag = false;
  double ratio = 0;
  float weight = 0;
  std::int32_t count = 0;
  std::int64_t total = 0;
  std::uint16_t port = 0;
  static auto fields() {
    return std::tuple{ah::field("text", &Scalars::text),   ah::field("flag", &Scalars::flag),
                      ah::field("ratio", &Scalars::ratio), ah::field("weight", &Scalars::weight),
                      ah::field("count", &Scalars::count), ah::field("total", &Scalars::total),
                      ah::field("port", &Scalars::port)};
  }
};

struct Formats {
  ah::DateTime start;
  ah::Date day;
  ah::Email email;
  ah::Uri link;
  static auto fields() {
    return std::tuple{ah::field("start", &Formats::start), ah::field("day", &Formats::day),
                      ah::field("email", &Formats::email), ah::field("link", &Formats::link)};
  }
};

struct Meeting {
  std::string title;
  std::vector<Attendee> attendees;
  std::map<std::string, std::string> labels;
  std::optional<Color> color;
  ah::Json extra;
  ah::JsonObject raw;
  ah::JsonArray items;
  static auto fields() {
    return std::tuple{ah::field("title", &Meeting::title),
                      ah::field("attendees", &Meeting::attendees, "Who is invited"),
                      ah::field("labels", &Meeting::labels),
                      ah::field("color", &Meeting::color),
                      ah::field("extra", &Meeting::extra, "Anything"),
                      ah::field("raw", &Meeting::raw),
                      ah::field("items", &Meeting::items)};
  }
};

struct Constrained {
  std::int32_t limit = 0;
  double ratio = 0;
  std::string code;
  std::vector<std::string> tags;
  Color color = Color::red;
  static auto fields() {
    return std::tuple{
        ah::field("limit", &Constrained::limit).minimum(1).maximum(100).default_value(20),
        ah::field("ratio", &Constrained::ratio).minimum(0).maximum(0.5),
        ah::field("code", &Constrained::code).min_length(2).max_length(8).pattern("^[A-Z]+$"),
        ah::field("tags", &Constrained::tags).min_items(1).max_items(3),
        ah::field("color", &Constrained::color).default_value(Color::green)};
  }
};

struct Described {
  static constexpr std::string_view description = "A struct that says what it is";
  std::string a;
  static auto fields() { return std::tuple{ah::field("a", &Described::a)}; }
};

// An event has a description of its own: a field, not the record's description.
struct EventLike {
  std::string title;
  std::string description;
  static auto fields() {
    return std::tuple{ah::field("title", &EventLike::title),
                      ah::field("description", &EventLike::description)};
  }
};

} // namespace

template <> struct ah::enum_names<Color> {
  static constexpr ah::enumerator<Color> values[] = {
      {Color::red, "red"}, {Color::green, "green"}, {Color::blue, "blue"}};
};

TEST_CASE("schema: a struct is a closed object whose fields are its properties") {
  CHECK(canonical(ah::schema_json<Attendee>()) == canonical(R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
      "email": {"type": "string", "format": "email", "description": "Attendee's email address"},
      "name": {"type": "string", "description": "Display name", "maxLength": 200}
    },
    "required": ["email"],
    "additionalProperties": false
  })"));
}

TEST_CASE("schema: keywords keep the declaration order, $schema first") {
  CHECK(ah::schema_json<Attendee>().rfind(
            R"({"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",)"
            R"("properties":{"email":{"type":"string","format":"email")",
            0) == 0);
}

TEST_CASE("schema: scalar types") {
  CHECK(property_schema<Scalars>("text") == canonical(R"({"type": "string"})"));
  CHECK(property_schema<Scalars>("flag") == canonical(R"({"type": "boolean"})"));
  CHECK(property_schema<Scalars>("ratio") == canonical(R"({"type": "number"})"));
  CHECK(property_schema<Scalars>("weight") == canonical(R"({"type": "number"})"));
}

TEST_CASE("schema: integers carry the range of their C++ type") {
  CHECK(property_schema<Scalars>("count") ==
        canonical(R"({"type": "integer", "minimum": -2147483648, "maximum": 2147483647})"));
  CHECK(property_schema<Scalars>("total") ==
        canonical(R"({"type": "integer", "minimum": -9223372036854775808,
                      "maximum": 9223372036854775807})"));
  CHECK(property_schema<Scalars>("port") ==
        canonical(R"({"type": "integer", "minimum": 0, "maximum": 65535})"));
}

TEST_CASE("schema: formats come from the strong string types") {
  CHECK(property_schema<Formats>("start") ==
        canonical(R"({"type": "string", "format": "date-time"})"));
  CHECK(property_schema<Formats>("day") == canonical(R"({"type": "string", "format": "date"})"));
  CHECK(property_schema<Formats>("email") == canonical(R"({"type": "string", "format": "email"})"));
  CHECK(property_schema<Formats>("link") == canonical(R"({"type": "string", "format": "uri"})"));
}

TEST_CASE("schema: enums list the names declared in ah::enum_names") {
  CHECK(property_schema<Meeting>("color") ==
        canonical(R"({"type": "string", "enum": ["red", "green", "blue"]})"));
}

TEST_CASE("schema: optional fields and fields with a default are not required") {
  auto schema = ah::json::parse_object(ah::schema_json<Meeting>());
  CHECK(canonical(ah::json::stringify(schema->get("required"))) ==
        R"(["title","attendees","labels","extra","raw","items"])");
  auto constrained = ah::json::parse_object(ah::schema_json<Constrained>());
  CHECK(canonical(ah::json::stringify(constrained->get("required"))) ==
        R"(["ratio","code","tags"])");
}

TEST_CASE("schema: arrays of nested structs") {
  CHECK(property_schema<Meeting>("attendees") == canonical(R"({
    "type": "array",
    "description": "Who is invited",
    "items": {
      "type": "object",
      "properties": {
        "email": {"type": "string", "format": "email", "description": "Attendee's email address"},
        "name": {"type": "string", "description": "Display name", "maxLength": 200}
      },
      "required": ["email"],
      "additionalProperties": false
    }
  })"));
}

TEST_CASE("schema: string-keyed maps are objects with a schema for every value") {
  CHECK(property_schema<Meeting>("labels") ==
        canonical(R"({"type": "object", "additionalProperties": {"type": "string"}})"));
}

TEST_CASE("schema: raw JSON fields accept any value, object or array") {
  CHECK(property_schema<Meeting>("extra") == canonical(R"({"description": "Anything"})"));
  CHECK(property_schema<Meeting>("raw") == canonical(R"({"type": "object"})"));
  CHECK(property_schema<Meeting>("items") == canonical(R"({"type": "array"})"));
}

TEST_CASE("schema: numeric bounds, narrowing an integer's range") {
  CHECK(property_schema<Constrained>("limit") ==
        canonical(R"({"type": "integer", "minimum": 1, "maximum": 100, "default": 20})"));
  CHECK(property_schema<Constrained>("ratio") ==
        canonical(R"({"type": "number", "minimum": 0, "maximum": 0.5})"));
}

TEST_CASE("schema: string length and pattern") {
  CHECK(property_schema<Constrained>("code") == canonical(R"({
    "type": "string", "minLength": 2, "maxLength": 8, "pattern": "^[A-Z]+$"
  })"));
}

TEST_CASE("schema: array length") {
  CHECK(property_schema<Constrained>("tags") == canonical(R"({
    "type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3
  })"));
}

TEST_CASE("schema: defaults are written as JSON values") {
  CHECK(property_schema<Constrained>("color") ==
        canonical(R"({"type": "string", "enum": ["red", "green", "blue"], "default": "green"})"));
}

TEST_CASE("schema: a struct may describe itself") {
  auto schema = ah::json::parse_object(ah::schema_json<Described>());
  CHECK(schema->getValue<std::string>("description") == "A struct that says what it is");
}

TEST_CASE("schema: a field called description is a field, not the struct's description") {
  auto schema = ah::json::parse_object(ah::schema_json<EventLike>());
  CHECK_FALSE(schema->has("description"));
  CHECK(property_schema<EventLike>("description") == canonical(R"({"type": "string"})"));
}

TEST_CASE("schema: ah::None is an object without properties") {
  CHECK(canonical(ah::schema_json<ah::None>()) == canonical(R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object", "properties": {}, "additionalProperties": false
  })"));
}
