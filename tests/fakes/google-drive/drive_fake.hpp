// A fake Google Drive behind a fake Drive API v3, following Google's documentation: files.list
// with the q query language, pageSize/pageToken/nextPageToken and the `fields` mask; files.get
// for metadata or, with alt=media, content; files.export for Docs editors files; Google's error
// bodies ({"error": {"code", "message", "errors": [{"reason", "location"}]}}), 401 for an
// expired token, 429 with Retry-After; and Google's token endpoint at /token.
//
// What a real Drive would refuse because the caller got it wrong (no token, an unparsable q, an
// unknown field, a bad pageSize) is answered as Drive answers it and recorded in violations().
#pragma once

#include "fake_provider.hpp"

#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace actionhost::fakes {

struct DriveFile {
  std::string id;
  std::string name;
  std::string mime_type;
  std::string content; // the bytes, or for a Docs editors file the text an export gives
  std::string modified_time = "2024-05-01T09:30:00.000Z";
  std::string owner_email = "owner@example.com";
  std::string description;
  bool trashed = false;
  bool visible = true; // shared with this connection's user
};

// A parsed `fields` mask: each name maps to the mask of its sub-fields (empty: all of them).
struct FieldMask {
  std::map<std::string, FieldMask> fields;
};
// Parses "nextPageToken,files(id,owners(emailAddress))"; nullopt when malformed.
std::optional<FieldMask> parse_fields(const std::string& text);
// `value` with only the masked fields (arrays: each element); an empty mask keeps everything.
Poco::JSON::Object::Ptr select(const Poco::JSON::Object::Ptr& value, const FieldMask& mask);

// A file matching a parsed q expression; parse_query returns nullopt when q is not valid.
class DriveQuery {
public:
  static std::optional<DriveQuery> parse(const std::string& q);
  bool matches(const DriveFile& file) const;
  bool has_full_text() const { return full_text_; }

private:
  struct Term {
    std::string field, op, value;
  };
  std::vector<std::vector<Term>> any_of_all_; // (a and b) or (c): disjunction of conjunctions
  bool full_text_ = false;
  friend class QueryParser;
};

class DriveFake {
public:
  DriveFake();

  std::string url() const { return server_.url(); }                  // GOOGLE_DRIVE_BASE_URL
  std::string token_url() const { return server_.url() + "/token"; } // GOOGLE_OAUTH_TOKEN_URL
  FakeProvider& server() { return server_; }

  void add_file(DriveFile file);

  void accept_token(const std::string& token);
  void expire_token(const std::string& token); // 401, as for any expired access token
  void oauth_client(const std::string& id, const std::string& secret,
                    const std::string& refresh_token);
  int refreshes() const;

  void rate_limit(int times, int seconds); // the next calls get 429 with Retry-After
  void fail(int times, int status);        // the next calls get `status` (backendError)
  void page_cap(int files);                // serve at most this many per page (0: pageSize)
  void export_limit(size_t bytes);         // Drive's is 10 MB

  std::vector<Request> calls(const std::string& path) const;
  std::vector<std::string> violations() const;

private:
  using Object = Poco::JSON::Object::Ptr;
  Reply answer(const Request& request);
  Reply list(const Request& request);
  Reply get(const DriveFile& file, const Request& request);
  Reply export_file(const DriveFile& file, const Request& request);
  Reply token(const Request& request);
  Object metadata(const DriveFile& file) const;
  Reply google_error(int status, const std::string& reason, const std::string& message,
                     const std::string& location = "", const std::string& violation = "");

  FakeProvider server_;
  mutable std::mutex mutex_;
  std::vector<DriveFile> files_;
  std::set<std::string> tokens_, expired_;
  std::string client_id_, client_secret_, refresh_token_;
  int refreshes_ = 0;
  int rate_limited_ = 0, retry_after_ = 1;
  int failing_ = 0, failure_status_ = 503;
  int page_cap_ = 0;
  size_t export_limit_ = 10 * 1024 * 1024;
  std::vector<std::string> violations_;
};

} // namespace actionhost::fakes
