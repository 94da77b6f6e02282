// JSON text helpers, schema compilation and readable violations.
#include "schema.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace actionhost::schema;
using Catch::Matchers::Contains;

namespace {
std::vector<std::string> violations_of(const std::string& schema, const std::string& document) {
  CompiledSchema compiled(parse_json(schema));
  std::vector<std::string> out;
  for (const auto& v : compiled.validate(parse_json(document)))
    out.push_back(v.to_string());
  return out;
}
} // namespace

TEST_CASE("JSON text that does not parse is refused with a reason") {
  CHECK_THROWS_WITH(parse_json(""), "not valid JSON: the text is empty");
  CHECK_THROWS_WITH(parse_json("{\"a\":"), Contains("not valid JSON"));
  CHECK_THROWS_WITH(parse_json_object("[1]"), "expected a JSON object, got array");
  CHECK_THROWS_WITH(parse_json_object("3"), "expected a JSON object, got integer");
  CHECK(to_json(parse_json(" \"text\" ")) == "\"text\"");
  CHECK_THROWS_WITH(parse_json("1],[2"), Contains("not valid JSON"));
  CHECK_THROWS_WITH(parse_json("{} x"), Contains("not valid JSON"));
  CHECK(to_json(parse_json_object(R"({"b":1,"a":[true,null]})")) == R"({"b":1,"a":[true,null]})");
}

TEST_CASE("schemas valijson cannot compile are refused with its reason") {
  CHECK_THROWS_WITH(CompiledSchema(parse_json("[]")), "a JSON Schema must be an object, got array");
  CHECK_THROWS_WITH(CompiledSchema(parse_json(R"({"type":"strnig"})")),
                    Contains("Unrecognised JSON type name 'strnig'"));
  CHECK_THROWS_WITH(CompiledSchema(parse_json(R"({"minLength":"three"})")), Contains("minLength"));
  CHECK_THROWS_WITH(CompiledSchema(parse_json(R"({"$ref":"https://example.com/s.json"})")),
                    Contains("remote"));
}

TEST_CASE("tool schemas must describe an object") {
  CHECK(object_schema_problem(parse_json(R"({"type":"object"})")).empty());
  CHECK(object_schema_problem(parse_json(R"({"properties":{}})")) ==
        "a tool schema needs \"type\": \"object\" (it has no \"type\")");
  CHECK(object_schema_problem(parse_json(R"({"type":["object","null"]})")) ==
        "a tool schema needs \"type\": \"object\", not \"type\": [\"object\",\"null\"]");
  CHECK(object_schema_problem(parse_json("true")) ==
        "a tool schema must be a JSON object, got boolean");
}

TEST_CASE("every violation is reported with its JSON Pointer") {
  const std::string schema = R"({
    "type": "object",
    "properties": {
      "title": {"type": "string", "minLength": 3},
      "start": {"type": "string"},
      "attendees": {"type": "array", "items": {
        "type": "object",
        "properties": {"email": {"type": "string"}, "role": {"enum": ["chair", "guest"]}},
        "required": ["email"]}}
    },
    "required": ["title", "start"],
    "additionalProperties": false
  })";
  auto v = violations_of(
      schema,
      R"({"title":"x","attendees":[{"email":"a@b"},{"email":7,"role":"boss"},{}],"extra":1})");
  INFO(Catch::Detail::stringify(v));
  CHECK(std::find(v.begin(), v.end(), "(root): missing required property 'start'") != v.end());
  CHECK(std::find(v.begin(), v.end(),
                  "/title: string should be no fewer than 3 characters in length") != v.end());
  CHECK(std::find(v.begin(), v.end(), "/attendees/1/email: expected string, got integer") !=
        v.end());
  CHECK(std::find(v.begin(), v.end(), "/attendees/1/role: expected one of [\"chair\",\"guest\"]") !=
        v.end());
  CHECK(std::find(v.begin(), v.end(), "/attendees/2: missing required property 'email'") !=
        v.end());
  CHECK(std::find(v.begin(), v.end(),
                  "/extra: unknown property (allowed: attendees, start, title)") != v.end());
  CHECK(v.size() == 6);
  for (const auto& line : v)
    CHECK_THAT(line, !Contains("could not be validated") && !Contains("Failed to validate item"));
  CHECK(violations_of(schema, R"({"title":"long enough","start":"now"})").empty());
}

TEST_CASE("every stray property is named when additional properties are not allowed") {
  auto v = violations_of(R"({"type":"object","properties":{"a":{}},"patternProperties":{"^x-":{}},
    "additionalProperties":false})",
                         R"({"a":1,"x-ok":2,"b":3,"c":4})");
  CHECK(v == std::vector<std::string>{"/b: unknown property (allowed: a, names matching ^x-)",
                                      "/c: unknown property (allowed: a, names matching ^x-)"});
}

TEST_CASE("types are strict") {
  auto v =
      violations_of(R"({"type":"object","properties":{"n":{"type":"integer"}}})", R"({"n":"1"})");
  CHECK(v == std::vector<std::string>{"/n: expected integer, got string"});
  v = violations_of(R"({"type":"object","properties":{"n":{"type":["integer","null"]}}})",
                    R"({"n":1.5})");
  CHECK(v == std::vector<std::string>{"/n: expected integer or null, got number"});
}

TEST_CASE("paths escape / and ~, and expected types follow $ref into $defs") {
  const std::string schema = R"({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"a/b~c": {"$ref": "#/$defs/when"}},
    "$defs": {"when": {"type": "object", "properties": {"at": {"type": "string"}}}}
  })";
  auto v = violations_of(schema, R"({"a/b~c":{"at":false}})");
  CHECK(v == std::vector<std::string>{"/a~1b~0c/at: expected string, got boolean"});
}

TEST_CASE("an explicit draft-04 $schema is read as draft 4") {
  const std::string schema = R"({"$schema":"http://json-schema.org/draft-04/schema#",
    "type":"object","properties":{"n":{"type":"number","minimum":0,"exclusiveMinimum":true}}})";
  CHECK(violations_of(schema, R"({"n":0})").size() == 1);
  CHECK(violations_of(schema, R"({"n":1})").empty());
}

TEST_CASE("one compiled schema validates from many threads at once") {
  CompiledSchema compiled(parse_json(R"({"type":"object","properties":{
    "id":{"type":"string","pattern":"^[a-z]+$"},"n":{"type":"integer"}},"required":["id"]})"));
  auto good = parse_json(R"({"id":"abc","n":1})");
  auto bad = parse_json(R"({"id":"ABC","n":"x"})");
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (!compiled.validate(good).empty() || compiled.validate(bad).size() != 2)
          ++wrong;
      }
    });
  for (auto& t : threads)
    t.join();
  CHECK(wrong == 0);
}

TEST_CASE("violations are described one a line") {
  std::vector<Violation> v{{"", "missing required property 'a'"}, {"/b", "expected string"}};
  CHECK(describe(v) == "(root): missing required property 'a'\n/b: expected string");
}

TEST_CASE("JSON Pointers escape '~' and '/' in tokens and read back what they wrote",
          "[schema][pointer]") {
  CHECK(json_pointer({}) == "");
  CHECK(json_pointer({"a/b", "~c", "0"}) == "/a~1b/~0c/0");
  CHECK(split_json_pointer("/a~1b/~0c/0") == std::vector<std::string>{"a/b", "~c", "0"});
  CHECK(split_json_pointer("").empty());
  CHECK(split_json_pointer("/") == std::vector<std::string>{""}); // the key "", as RFC 6901 says
  CHECK(split_json_pointer("/~01") == std::vector<std::string>{"~1"}); // not "/"
  CHECK(split_json_pointer("a/b") == std::vector<std::string>{"a", "b"});
}
