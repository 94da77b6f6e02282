// Salesforce's answers as the tests write them (query results, created records, error lists),
// and a JSON comparison that ignores key order and spacing.
#pragma once

#include <actionhost/testkit.hpp>

#include <string>
#include <vector>

namespace salesforce_test {

using ah::testkit::ProviderRequest;
using ah::testkit::ProviderResponse;

inline constexpr const char* kAda = "003000000000101AAA";
inline constexpr const char* kGrace = "003000000000102AAA";

// A Contact record as a query returns it (the fields of kContactFields).
inline std::string contact(const std::string& id, const std::string& first, const std::string& last,
                           const std::string& account = "") {
  return R"({"attributes":{"type":"Contact"},"Id":")" + id + R"(","Email":")" + first +
         R"(@example.com","FirstName":")" + first + R"(","LastName":")" + last +
         R"(","Phone":null,"Title":null,"Account":)" +
         (account.empty() ? "null" : R"({"Name":")" + account + R"("})") +
         R"(,"CreatedDate":"2024-05-01T09:00:00.000+0000",)"
         R"("LastModifiedDate":"2024-05-02T10:30:00.000+0000"})";
}

// One batch of a query: its records, the total, and the locator of the next batch ("" when done).
inline ProviderResponse batch(const std::vector<std::string>& records, int total,
                              const std::string& next_locator = "") {
  std::string list;
  for (const auto& r : records)
    list += (list.empty() ? "" : ",") + r;
  return ProviderResponse::json(
      R"({"totalSize":)" + std::to_string(total) + R"(,"done":)" +
      (next_locator.empty()
           ? "true"
           : "false,\"nextRecordsUrl\":\"/services/data/v60.0/query/" + next_locator + "\"") +
      R"(,"records":[)" + list + "]}");
}

inline ProviderResponse created(const std::string& id) {
  return ProviderResponse::json(R"({"id":")" + id + R"(","success":true,"errors":[]})", 201);
}

inline ProviderResponse salesforce_error(int status, const std::string& code,
                                         const std::string& message,
                                         const std::string& fields = "") {
  return ProviderResponse::json(R"([{"message":")" + message + R"(","errorCode":")" + code +
                                    R"(","fields":[)" + fields + "]}]",
                                status);
}

inline std::string body_of(const ProviderRequest& request) {
  return ah::json::stringify(request.json());
}
inline std::string canonical(const std::string& expected) {
  return ah::json::stringify(ah::json::parse(expected));
}

} // namespace salesforce_test
