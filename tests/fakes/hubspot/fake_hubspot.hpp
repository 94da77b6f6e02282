// A local HubSpot, as its CRM v3 API documents itself: contacts, deals and notes objects with
// associations, POST .../contacts/search with filterGroups and `after` paging, HubSpot's error
// body ({"status":"error","message","correlationId","category"}), 401 for an expired token,
// 429 with Retry-After, and an OAuth token endpoint at /oauth/v1/token.
//
// It checks what it receives as HubSpot would (the Bearer token, JSON bodies, property names,
// search limits, association types) and refuses the rest with HubSpot's 400; every request a
// real HubSpot would refuse is also kept in problems(), which a test expects to stay empty.
#pragma once

#include "fake_provider.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace actionhost::fakes {

class FakeHubSpot {
public:
  // `access_token`: the token the connection starts with; `client_id`/`client_secret`/
  // `refresh_token`: what the token endpoint accepts.
  FakeHubSpot(std::string access_token, std::string client_id, std::string client_secret,
              std::string refresh_token);

  std::string url() const { return server_.url(); }
  FakeProvider& server() { return server_; }
  TokenEndpoint& tokens() { return tokens_; }

  // The starting access token expires: requests with it get 401 until the client refreshes.
  void expire_token();
  // The next `count` API requests get 429 with Retry-After: `seconds`.
  void rate_limit(int count, int seconds = 1);

  struct Record {
    std::string id;
    std::map<std::string, std::string> properties;
    std::int64_t created_ms = 0, updated_ms = 0;
    std::vector<std::pair<std::string, int>> associations; // (to id, association type id)
  };
  // Seeds a contact (properties by HubSpot name); returns its id.
  std::string add_contact(std::map<std::string, std::string> properties, std::int64_t created_ms,
                          std::int64_t updated_ms = 0);
  std::vector<Record> contacts() const;
  std::vector<Record> deals() const;
  std::vector<Record> notes() const;

  // Every request a real HubSpot would have refused, with the reason.
  std::vector<std::string> problems() const;

private:
  Reply api(const Request& request, Reply (FakeHubSpot::*handler)(const Request&));
  Reply create(const Request& request);
  Reply read(const Request& request);
  Reply update(const Request& request);
  Reply search(const Request& request);

  Reply refuse(const std::string& why, int status = 400,
               const std::string& category = "VALIDATION_ERROR");
  Reply not_found();
  std::string object_type(const std::string& path) const; // "contacts", "deals", "notes"
  std::map<std::string, Record>* table(const std::string& type);
  std::string json_of(const Record& record, const std::string& type,
                      const std::vector<std::string>& properties) const;

  FakeProvider server_;
  TokenEndpoint tokens_;
  mutable std::mutex mutex_;
  std::string access_token_;
  bool expired_ = false;
  int rate_limited_ = 0, retry_after_ = 1;
  std::int64_t next_id_ = 101;
  std::map<std::string, Record> contacts_, deals_, notes_;
  std::vector<std::string> problems_;
};

} // namespace actionhost::fakes
