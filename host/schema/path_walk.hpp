// Following one path through a document and, in step, through the schema that describes it
// (properties, patternProperties, additionalProperties, items, prefixItems, local $ref), so a
// violation can be told in JSON Pointer terms and with what the schema expected there.
#pragma once

#include "schema.hpp"

#include <Poco/JSON/Array.h>

#include <optional>

namespace actionhost::schema::walk {

using Poco::Dynamic::Var;

bool is_object(const Var& v);
bool is_array(const Var& v);

// Var converts to anything, so std::optional<Var> must be built explicitly.
std::optional<Var> some(Var v);

// The member `key` of an object, if `node` is one and has it.
std::optional<Var> member(const Var& node, const std::string& key);

// One step of a path: a key of an object or an index of an array.
struct Step {
  std::string token; // as it appears in the JSON Pointer (unescaped)
  bool index = false;
  size_t position = 0;
};

// valijson's context (["<root>", "[attendees]", "[2]"]) as steps; the document tells which
// bracketed element was an index and which a key.
std::vector<Step> steps_of(const std::vector<std::string>& context, const Var& document);

// "/attendees/2", with "~" and "/" escaped as RFC 6901 asks.
std::string pointer_of(const std::vector<Step>& steps);

// The subschema that applies at `steps`, when it can be followed; nothing otherwise (allOf,
// remote $ref, ...).
std::optional<Var> schema_at(const Var& root, const std::vector<Step>& steps);

// The document's value at `steps`.
std::optional<Var> value_at(const Var& document, const std::vector<Step>& steps);

} // namespace actionhost::schema::walk
