// What the HubSpot actions share: paths, the contact properties they read and write, turning a
// CRM object into the shared types, and HubSpot's error bodies into errors a model can act on.
#pragma once

#include <crm/crm.hpp>

namespace hubspot {

inline constexpr const char* kContacts = "/crm/v3/objects/contacts";
inline constexpr const char* kDeals = "/crm/v3/objects/deals";
inline constexpr const char* kNotes = "/crm/v3/objects/notes";

// Properties asked for whenever contacts are read, so every action returns the same fields.
ah::JsonArray contact_properties();
// A CRM v3 object ({"id", "properties": {...}, "createdAt", "updatedAt"}) as a crm::Contact.
crm::Contact to_contact(const ah::JsonObject& object);
// HubSpot record ids are numbers; anything else cannot name a record (and must not reach a path).
bool valid_id(const std::string& id);
// The body of a request: {"properties": {...}} (with "associations" added by the caller).
ah::JsonObject with_properties(const ah::JsonObject& properties);
// An association to one record, with HubSpot's default association type id for that pair.
ah::JsonObject association(const std::string& to_id, int type_id);
// Checks that `path` (a contact or deal) exists; throws `not_found` as a ToolError when not.
void require_record(ah::Context& ctx, const std::string& path, const std::string& not_found);

// Throws a ToolError for a HubSpot error response ({"status":"error","message","category"}):
// `doing` says what failed ("create the contact"), `not_found` is the message for a 404.
[[noreturn]] void fail(const ah::Response& response, const std::string& doing,
                       const std::string& not_found = {});
// The provider's message and category of an error body (empty when it is not one).
struct ApiError {
  std::string message;
  std::string category;
};
ApiError error_of(const ah::Response& response);

} // namespace hubspot
