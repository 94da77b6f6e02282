// What the Salesforce actions share: record ids, Salesforce's error bodies turned into errors a
// model can act on, and reading Contacts into the shared type.
#pragma once

#include <crm/crm.hpp>

namespace salesforce {

// The Contact fields every contact action reads, so all of them return the same shape.
inline constexpr const char* kContactFields =
    "Id, Email, FirstName, LastName, Phone, Title, Account.Name, CreatedDate, LastModifiedDate";

// Salesforce ids are 15 (case-sensitive) or 18 (case-safe) letters and digits.
bool valid_id(const std::string& id);
// The same record whatever the id's length: the first 15 characters.
std::string id15(const std::string& id);

// A Contact record from a query as the shared type.
crm::Contact to_contact(const ah::JsonObject& record);
// Salesforce date-times ("2024-05-01T09:30:00.000+0000") in RFC 3339 ("...+00:00").
std::optional<ah::DateTime> to_datetime(const std::string& text);

// Checks that /sobjects/<type>/<id> exists; throws `not_found` as a ToolError when not.
void require_record(ah::Context& ctx, const std::string& type, const std::string& id,
                    const std::string& not_found);
// POSTs a record to /sobjects/<type> and returns its new id.
std::string insert(ah::Context& ctx, const std::string& type, const ah::JsonObject& fields,
                   const std::string& doing);

// One entry of Salesforce's error body ([{"message", "errorCode", "fields"}]).
struct ApiError {
  std::string message;
  std::string code;
  std::vector<std::string> fields;
};
std::vector<ApiError> errors_of(const ah::Response& response);
// Throws a ToolError for a Salesforce error response: `doing` says what failed ("create the
// contact"), `not_found` is the message for a 404.
[[noreturn]] void fail(const ah::Response& response, const std::string& doing,
                       const std::string& not_found = {});

} // namespace salesforce
