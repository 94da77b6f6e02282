// JSON Schema for tool inputs and outputs: a schema is compiled once (valijson; draft 7 keywords
// and what draft 2020-12 shares with them) and then validates documents concurrently, reporting
// every violation with the JSON Pointer of the offending value.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace actionhost::schema {

// JSON text that does not parse, or a schema valijson cannot compile. what() is the reason,
// written to be appended after "input schema is not ...".
class SchemaError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Parses JSON text, keeping the key order of objects (schemas print as their authors wrote them).
// Throws SchemaError("not valid JSON: ...") with the parser's position and reason.
Poco::Dynamic::Var parse_json(std::string_view text);

// Parses JSON text that must be an object. Throws SchemaError naming what it was instead.
Poco::JSON::Object::Ptr parse_json_object(std::string_view text);

// JSON text of a value: compact when indent is 0, otherwise pretty with that many spaces a level.
std::string to_json(const Poco::Dynamic::Var& value, unsigned indent = 0);

// RFC 6901 JSON Pointer text of tokens ({"a/b", "0"} -> "/a~1b/0"; none -> "", the whole
// document), and back: "/a~1b/0" -> {"a/b", "0"}, "" -> none. A missing leading '/' is allowed.
std::string json_pointer(const std::vector<std::string>& tokens);
std::vector<std::string> split_json_pointer(std::string_view pointer);

// The JSON type name of a value: "object", "array", "string", "integer" (a whole number),
// "number", "boolean" or "null".
std::string json_type_name(const Poco::Dynamic::Var& value);

// One place where a document breaks its schema.
struct Violation {
  std::string path;    // JSON Pointer of the offending value; "" is the document itself
  std::string message; // e.g. "expected string, got number"

  // "/attendees/2/email: expected string, got number"; the document itself shows as "(root)".
  std::string to_string() const;
};

// One violation a line, in the order found.
std::string describe(const std::vector<Violation>& violations);

// A schema compiled once and shared: validation is const and safe from many threads at once.
class CompiledSchema {
public:
  // Compiles `schema` (a JSON object). "$schema" selects draft 4 or 3 when it names one; anything
  // else is read as draft 7. Throws SchemaError with valijson's reason when it cannot compile
  // (unknown type name, malformed keyword, remote $ref, ...).
  explicit CompiledSchema(Poco::Dynamic::Var schema);
  ~CompiledSchema();
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;

  // Every violation of `document`; empty when it is valid. Types are strict ("1" is no number).
  std::vector<Violation> validate(const Poco::Dynamic::Var& document) const;

  // The schema as it was given.
  const Poco::Dynamic::Var& document() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Why `schema` cannot describe an MCP tool's arguments or structured result (those must be
// `"type": "object"`), or "" when it can.
std::string object_schema_problem(const Poco::Dynamic::Var& schema);

} // namespace actionhost::schema
