// HubSpot's answers as the tests write them (CRM v3 objects and error bodies), and a JSON
// comparison that ignores key order and spacing.
#pragma once

#include <actionhost/testkit.hpp>

#include <string>

namespace hubspot_test {

using ah::testkit::ProviderRequest;
using ah::testkit::ProviderResponse;

// A contact as CRM v3 returns it.
inline std::string contact(const std::string& id, const std::string& email,
                           const std::string& first, const std::string& last) {
  return R"({"id":")" + id + R"(","properties":{"email":")" + email + R"(","firstname":")" + first +
         R"(","lastname":")" + last +
         R"(","company":null},"createdAt":"2024-05-01T09:00:00.000Z",)"
         R"("updatedAt":"2024-05-02T10:30:00.000Z","archived":false})";
}

// HubSpot's error body.
inline ProviderResponse hubspot_error(int status, const std::string& message,
                                      const std::string& category) {
  return ProviderResponse::json(R"({"status":"error","message":")" + message +
                                    R"(","correlationId":"c0ffee","category":")" + category +
                                    R"("})",
                                status);
}

// The request's JSON body, in the same canonical form as `expected`.
inline std::string body_of(const ProviderRequest& request) {
  return ah::json::stringify(request.json());
}
inline std::string canonical(const std::string& expected) {
  return ah::json::stringify(ah::json::parse(expected));
}

} // namespace hubspot_test
