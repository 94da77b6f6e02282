// The part of SOQL the fake understands, parsed as strictly as Salesforce does: a string value
// with an unescaped quote or an unknown escape is MALFORMED_QUERY, a quoted date-time is refused,
// AND and OR may not mix without parentheses.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace actionhost::fakes::soql {

// A query Salesforce would refuse: errorCode (MALFORMED_QUERY, INVALID_FIELD) and message.
struct QueryError : std::runtime_error {
  QueryError(std::string code, const std::string& message)
      : std::runtime_error(message), code(std::move(code)) {}
  std::string code;
};

// A value in a query or a record: text, a number, a date-time (epoch ms) or null.
struct Value {
  enum class Kind { null, text, number, datetime, boolean } kind = Kind::null;
  std::string text;          // text; for LIKE, `wild` marks unescaped % and _
  std::vector<bool> wild;    // one per byte of text
  double number = 0;         // number, boolean (0/1)
  std::int64_t datetime = 0; // epoch milliseconds
};

struct Condition; // a node of the WHERE tree
struct Query {
  std::vector<std::string> fields;
  std::string object;
  std::shared_ptr<Condition> where;                   // null: every record
  std::vector<std::pair<std::string, bool>> order_by; // field, descending
  std::optional<std::size_t> limit;
};

// Parses `text`; throws QueryError.
Query parse(const std::string& text);

// A record's field value by name ("Email", "Account.Name").
using Lookup = std::function<Value(const std::string& field)>;
// Whether a record matches the WHERE clause.
bool matches(const Query& query, const Lookup& record);
// Sort order for two records: negative, zero or positive.
int compare(const Query& query, const Lookup& a, const Lookup& b);

// "2024-05-01T09:30:00Z" / "+02:00" / ".000+0000" as epoch ms; nullopt when not a date-time.
std::optional<std::int64_t> parse_datetime(const std::string& text);

} // namespace actionhost::fakes::soql
