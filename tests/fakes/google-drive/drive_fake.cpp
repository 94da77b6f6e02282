// The fake Drive's routes: the token check, files.list, files.get, files.export, /token.
#include "drive_fake.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>

#include <algorithm>
#include <regex>
#include <sstream>

namespace actionhost::fakes {

namespace {

const std::set<std::string> kFileFields{"kind",   "id",           "name",        "mimeType",
                                        "size",   "modifiedTime", "createdTime", "webViewLink",
                                        "owners", "description",  "trashed"};
const std::set<std::string> kListFields{"kind", "nextPageToken", "incompleteSearch", "files"};

std::string json_text(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

bool google_type(const std::string& mime) {
  return mime.rfind("application/vnd.google-apps.", 0) == 0;
}

// Page tokens are opaque; this one carries the offset and the query it belongs to.
std::string token_for(size_t offset, const std::string& q) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder << offset << "|" << q;
  encoder.close();
  return out.str();
}

std::optional<size_t> offset_of(const std::string& token, const std::string& q) {
  try {
    std::istringstream in(token);
    Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string text((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    auto bar = text.find('|');
    if (bar == std::string::npos || text.substr(bar + 1) != q)
      return std::nullopt;
    return static_cast<size_t>(std::stoul(text.substr(0, bar)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool masks_only(const FieldMask& mask, const std::set<std::string>& known,
                const std::string& nested, std::string& unknown) {
  for (const auto& [name, sub] : mask.fields) {
    if (!known.count(name)) {
      unknown = name;
      return false;
    }
    if (name == nested && !masks_only(sub, kFileFields, "", unknown))
      return false;
  }
  return true;
}

} // namespace

DriveFake::DriveFake() {
  server_.on("GET", "/files", [this](const Request& r) { return answer(r); });
  server_.on("POST", "/token", [this](const Request& r) { return token(r); });
}

void DriveFake::add_file(DriveFile file) {
  std::string id = file.id;
  {
    std::lock_guard lock(mutex_);
    files_.push_back(std::move(file));
  }
  server_.on("GET", "/files/" + id, [this](const Request& r) { return answer(r); });
  server_.on("GET", "/files/" + id + "/export", [this](const Request& r) { return answer(r); });
}

Reply DriveFake::google_error(int status, const std::string& reason, const std::string& message,
                              const std::string& location, const std::string& violation) {
  if (!violation.empty())
    violations_.push_back(violation);
  Poco::JSON::Object::Ptr detail = new Poco::JSON::Object;
  detail->set("domain", status == 429 ? "usageLimits" : "global");
  detail->set("reason", reason);
  detail->set("message", message);
  if (!location.empty()) {
    detail->set("locationType", location == "Authorization" ? "header" : "parameter");
    detail->set("location", location);
  }
  Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
  errors->add(detail);
  Poco::JSON::Object::Ptr error = new Poco::JSON::Object;
  error->set("code", status);
  error->set("message", message);
  error->set("errors", errors);
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("error", error);
  return Reply::json(json_text(body), status);
}

Reply DriveFake::answer(const Request& request) {
  std::lock_guard lock(mutex_);
  std::string auth = request.header("Authorization");
  std::string token = auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "";
  if (!tokens_.count(token)) {
    bool known_expired = expired_.count(token) > 0;
    Reply reply = google_error(
        401, "authError", "Request had invalid authentication credentials.", "Authorization",
        known_expired ? "" : request.path + ": no valid Bearer token ('" + auth + "')");
    reply.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", "
                                                   "error=\"invalid_token\"");
    return reply;
  }
  if (request.param("access_token").size() || request.param("key").size())
    violations_.push_back(request.path + ": credentials in the query string");
  if (rate_limited_ > 0) {
    --rate_limited_;
    Reply reply = google_error(429, "rateLimitExceeded", "Rate Limit Exceeded");
    reply.headers.emplace_back("Retry-After", std::to_string(retry_after_));
    return reply;
  }
  if (failing_ > 0) {
    --failing_;
    return google_error(failure_status_, "backendError", "Backend Error");
  }
  if (request.path == "/files")
    return list(request);
  static const std::regex file_path("^/files/([A-Za-z0-9_-]+)(/export)?$");
  std::smatch match;
  if (!std::regex_match(request.path, match, file_path))
    return google_error(404, "notFound", "Not Found");
  std::string id = match[1];
  auto found = std::find_if(files_.begin(), files_.end(),
                            [&](const DriveFile& f) { return f.id == id && f.visible; });
  if (found == files_.end())
    return google_error(404, "notFound", "File not found: " + id + ".", "fileId");
  return match[2].matched ? export_file(*found, request) : get(*found, request);
}

Poco::JSON::Object::Ptr DriveFake::metadata(const DriveFile& file) const {
  Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
  item->set("kind", "drive#file");
  item->set("id", file.id);
  item->set("name", file.name);
  item->set("mimeType", file.mime_type);
  if (!google_type(file.mime_type))
    item->set("size", std::to_string(file.content.size())); // int64 travels as a string
  item->set("modifiedTime", file.modified_time);
  item->set("createdTime", "2024-01-15T08:00:00.000Z");
  item->set("webViewLink", google_type(file.mime_type)
                               ? "https://docs.google.com/document/d/" + file.id + "/edit"
                               : "https://drive.google.com/file/d/" + file.id + "/view");
  Poco::JSON::Object::Ptr owner = new Poco::JSON::Object;
  owner->set("kind", "drive#user");
  owner->set("displayName", "Owner");
  owner->set("emailAddress", file.owner_email);
  Poco::JSON::Array::Ptr owners = new Poco::JSON::Array;
  owners->add(owner);
  item->set("owners", owners);
  if (!file.description.empty())
    item->set("description", file.description);
  item->set("trashed", file.trashed);
  return item;
}

Reply DriveFake::list(const Request& request) {
  std::string q = request.param("q");
  std::optional<DriveQuery> query = DriveQuery::parse(q);
  if (!query)
    return google_error(400, "invalid", "Invalid Value", "q", "files.list: q is invalid: " + q);
  int page_size = 100;
  if (!request.param("pageSize").empty()) {
    static const std::regex digits("^[0-9]{1,5}$");
    std::string text = request.param("pageSize");
    if (!std::regex_match(text, digits) || std::stoi(text) < 1 || std::stoi(text) > 1000)
      return google_error(400, "invalid",
                          "Invalid value '" + text +
                              "'. Values must be within "
                              "the range: [1, 1000]",
                          "pageSize", "files.list: pageSize " + text);
    page_size = std::stoi(text);
  }
  std::string order = request.param("orderBy");
  if (!order.empty() && query->has_full_text())
    return google_error(400, "invalid",
                        "Sorting is not supported for queries with fullText terms. Results are "
                        "always in descending relevance order.",
                        "orderBy", "files.list: orderBy with fullText");
  if (!order.empty() && order != "modifiedTime desc" && order != "name")
    return google_error(400, "invalid", "Invalid Value", "orderBy", "files.list: orderBy " + order);
  FieldMask mask;
  if (request.param("fields").empty()) {
    mask = *parse_fields("kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)");
  } else {
    auto parsed = parse_fields(request.param("fields"));
    std::string unknown;
    if (!parsed || !masks_only(*parsed, kListFields, "files", unknown))
      return google_error(400, "invalidParameter",
                          "Invalid field selection " + (parsed ? unknown : request.param("fields")),
                          "fields", "files.list: fields " + request.param("fields"));
    mask = *parsed;
  }
  std::vector<const DriveFile*> matching;
  for (const auto& file : files_)
    if (file.visible && query->matches(file))
      matching.push_back(&file);
  if (order == "modifiedTime desc")
    std::stable_sort(matching.begin(), matching.end(), [](const auto* a, const auto* b) {
      return a->modified_time > b->modified_time;
    });
  else if (order == "name")
    std::stable_sort(matching.begin(), matching.end(),
                     [](const auto* a, const auto* b) { return a->name < b->name; });
  size_t start = 0;
  if (!request.param("pageToken").empty()) {
    auto offset = offset_of(request.param("pageToken"), q);
    if (!offset)
      return google_error(400, "invalid", "Invalid Value", "pageToken");
    start = *offset;
  }
  size_t page = static_cast<size_t>(page_cap_ > 0 ? std::min(page_size, page_cap_) : page_size);
  Poco::JSON::Array::Ptr files = new Poco::JSON::Array;
  size_t i = start;
  for (; i < matching.size() && i < start + page; ++i)
    files->add(metadata(*matching[i]));
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("kind", "drive#fileList");
  if (i < matching.size())
    body->set("nextPageToken", token_for(i, q));
  body->set("incompleteSearch", false);
  body->set("files", files);
  return Reply::json(json_text(select(body, mask)));
}

Reply DriveFake::get(const DriveFile& file, const Request& request) {
  if (request.param("alt") == "media") {
    if (google_type(file.mime_type))
      return google_error(403, "fileNotDownloadable",
                          "Only files with binary content can be downloaded. Use Export with "
                          "Docs Editors files.",
                          "alt", "files.get: alt=media on a Docs editors file");
    return Reply{200, {{"Content-Type", file.mime_type}}, file.content};
  }
  FieldMask mask;
  if (request.param("fields").empty()) {
    mask = *parse_fields("kind,id,name,mimeType");
  } else {
    auto parsed = parse_fields(request.param("fields"));
    std::string unknown;
    if (!parsed || !masks_only(*parsed, kFileFields, "", unknown))
      return google_error(400, "invalidParameter",
                          "Invalid field selection " + (parsed ? unknown : request.param("fields")),
                          "fields", "files.get: fields " + request.param("fields"));
    mask = *parsed;
  }
  return Reply::json(json_text(select(metadata(file), mask)));
}

Reply DriveFake::export_file(const DriveFile& file, const Request& request) {
  std::string as = request.param("mimeType");
  if (as.empty())
    return google_error(400, "required", "Required parameter: mimeType", "mimeType",
                        "files.export: no mimeType");
  if (!google_type(file.mime_type))
    return google_error(403, "fileNotExportable", "Export only supports Docs Editors files.", "",
                        "files.export: " + file.mime_type + " is not a Docs editors file");
  static const std::map<std::string, std::set<std::string>> exports{
      {"application/vnd.google-apps.document", {"text/plain", "text/html", "application/pdf"}},
      {"application/vnd.google-apps.spreadsheet", {"text/csv", "application/pdf"}},
      {"application/vnd.google-apps.presentation", {"text/plain", "application/pdf"}}};
  auto supported = exports.find(file.mime_type);
  if (supported == exports.end() || !supported->second.count(as))
    return google_error(400, "badRequest", "The requested conversion is not supported.",
                        "convertTo", "files.export: " + file.mime_type + " as " + as);
  if (file.content.size() > export_limit_)
    return google_error(403, "exportSizeLimitExceeded", "This file is too large to be exported.");
  // Text exports of Docs and Slides start with a UTF-8 byte order mark.
  std::string body = as == "text/plain" ? "\xEF\xBB\xBF" + file.content : file.content;
  return Reply{200, {{"Content-Type", as + "; charset=utf-8"}}, body};
}

Reply DriveFake::token(const Request& request) {
  std::lock_guard lock(mutex_);
  auto field = [&](const std::string& name) { return request.form_field(name); };
  if (field("client_id") != client_id_ || field("client_secret") != client_secret_)
    return Reply::json(R"({"error":"invalid_client","error_description":"Unauthorized"})", 401);
  if (field("grant_type") != "refresh_token")
    return Reply::json(R"({"error":"unsupported_grant_type"})", 400);
  if (field("refresh_token") != refresh_token_)
    return Reply::json(
        R"({"error":"invalid_grant","error_description":"Token has been expired or revoked."})",
        400);
  std::string access = "ya29.refreshed-" + std::to_string(++refreshes_);
  tokens_.insert(access);
  // Google keeps the refresh token: none comes back.
  return Reply::json(R"({"access_token":")" + access +
                     R"(","expires_in":3599,"scope":"https://www.googleapis.com/auth/)"
                     R"(drive.readonly","token_type":"Bearer"})");
}

void DriveFake::accept_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  tokens_.insert(token);
}

void DriveFake::expire_token(const std::string& token) {
  std::lock_guard lock(mutex_);
  tokens_.erase(token);
  expired_.insert(token);
}

void DriveFake::oauth_client(const std::string& id, const std::string& secret,
                             const std::string& refresh_token) {
  std::lock_guard lock(mutex_);
  client_id_ = id;
  client_secret_ = secret;
  refresh_token_ = refresh_token;
}

int DriveFake::refreshes() const {
  std::lock_guard lock(mutex_);
  return refreshes_;
}

void DriveFake::rate_limit(int times, int seconds) {
  std::lock_guard lock(mutex_);
  rate_limited_ = times;
  retry_after_ = seconds;
}

void DriveFake::fail(int times, int status) {
  std::lock_guard lock(mutex_);
  failing_ = times;
  failure_status_ = status;
}

void DriveFake::page_cap(int files) {
  std::lock_guard lock(mutex_);
  page_cap_ = files;
}

void DriveFake::export_limit(size_t bytes) {
  std::lock_guard lock(mutex_);
  export_limit_ = bytes;
}

std::vector<Request> DriveFake::calls(const std::string& path) const {
  std::vector<Request> out;
  for (const auto& request : server_.requests())
    if (request.path == path)
      out.push_back(request);
  return out;
}

std::vector<std::string> DriveFake::violations() const {
  std::lock_guard lock(mutex_);
  return violations_;
}

} // namespace actionhost::fakes
