// A local Salesforce org, as the REST API (v60.0) documents itself: sObject create/read/update
// for Contact, Account, Opportunity, OpportunityContactRole and Note; SOQL through /query with
// Sforce-Query-Options batch sizes and nextRecordsUrl; errors as [{"message","errorCode",
// "fields"}]; 401 INVALID_SESSION_ID for an expired token; 429 with Retry-After; an OAuth token
// endpoint at /services/oauth2/token.
//
// It checks what it receives as Salesforce would (the Bearer token, JSON bodies, field names,
// required fields, references, SOQL syntax and quoting) and answers the rest with Salesforce's
// 400; every request a real org would refuse is also kept in problems(), which a test expects
// to stay empty.
#pragma once

#include "fake_provider.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace actionhost::fakes {

class FakeSalesforce {
public:
  static constexpr const char* kApi = "/services/data/v60.0";

  FakeSalesforce(std::string access_token, std::string client_id, std::string client_secret,
                 std::string refresh_token);

  std::string url() const { return server_.url(); } // the org's instance_url
  FakeProvider& server() { return server_; }
  TokenEndpoint& tokens() { return tokens_; }

  void expire_token();
  // The next `count` API requests get 429 with Retry-After: `seconds`.
  void rate_limit(int count, int seconds = 1);

  // A record: its fields by API name (dates as epoch ms in CreatedDate/LastModifiedDate).
  struct Record {
    std::string id;
    std::map<std::string, std::string> fields;
    std::int64_t created_ms = 0, updated_ms = 0;
  };
  // Seeds a record of `type` ("Contact", "Account", ...); returns its 18-character id.
  std::string add(const std::string& type, std::map<std::string, std::string> fields,
                  std::int64_t created_ms, std::int64_t updated_ms = 0);
  std::vector<Record> records(const std::string& type) const;
  std::vector<std::string> queries() const; // every SOQL text received, in order

  std::vector<std::string> problems() const;

private:
  Reply api(const Request& request, Reply (FakeSalesforce::*handler)(const Request&));
  Reply create(const Request& request);
  Reply read(const Request& request);
  Reply update(const Request& request);
  Reply query(const Request& request);
  Reply more(const Request& request);

  Reply refuse(const std::string& code, const std::string& message,
               const std::vector<std::string>& fields = {}, int status = 400);
  Reply error(const std::string& code, const std::string& message,
              const std::vector<std::string>& fields = {}, int status = 400) const;
  Reply batch(const std::string& locator, std::size_t offset);
  std::string new_id(const std::string& type);
  Record* find(const std::string& type, const std::string& id);
  std::string record_json(const std::string& type, const Record& r,
                          const std::vector<std::string>& fields) const;

  FakeProvider server_;
  TokenEndpoint tokens_;
  mutable std::mutex mutex_;
  std::string access_token_;
  bool expired_ = false;
  int rate_limited_ = 0, retry_after_ = 1;
  std::int64_t next_id_ = 101;
  std::map<std::string, std::map<std::string, Record>> tables_; // type -> id15 -> record
  struct Cursor {
    std::vector<std::string> records; // JSON of each record, in order
    std::size_t batch = 2000;
  };
  std::map<std::string, Cursor> cursors_; // query locator id -> results
  std::vector<std::string> queries_;
  std::vector<std::string> problems_;
};

} // namespace actionhost::fakes
