// get_file: a file's metadata and, for Google Docs editors files and text files, its text.
#include "drive_api.hpp"

#include <Poco/UTF8Encoding.h>

namespace drive {

namespace {

constexpr const char* kGoogleApps = "application/vnd.google-apps.";

// What a Docs editors file is exported as: Docs and Slides as plain text, Sheets as CSV (its
// first sheet). Other Google types (folders, forms, drawings, ...) have no text to read.
std::string export_type(const std::string& mime) {
  if (mime == "application/vnd.google-apps.document" ||
      mime == "application/vnd.google-apps.presentation")
    return "text/plain";
  if (mime == "application/vnd.google-apps.spreadsheet")
    return "text/csv";
  return {};
}

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

bool is_text(const std::string& mime) {
  static const char* const types[] = {
      "application/json", "application/xml",   "application/javascript", "application/x-yaml",
      "application/yaml", "application/x-sh",  "application/sql",        "application/csv",
      "application/toml", "application/x-tex", "image/svg+xml"};
  if (mime.rfind("text/", 0) == 0 || ends_with(mime, "+json") || ends_with(mime, "+xml"))
    return true;
  return std::any_of(std::begin(types), std::end(types), [&](const char* t) { return mime == t; });
}

bool valid_utf8(const std::string& bytes) {
  Poco::UTF8Encoding utf8;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = p + bytes.size();
  while (p < end) {
    int length = utf8.sequenceLength(p, static_cast<int>(end - p));
    if (length <= 0 || p + length > end || !utf8.isLegal(p, length))
      return false;
    p += length;
  }
  return true;
}

std::string too_large(const File& file, size_t bytes, std::int64_t max_bytes) {
  return "file '" + file.name + "' has " + std::to_string(bytes) + " bytes of text, more than " +
         "max_bytes (" + std::to_string(max_bytes) + "); call again with a larger max_bytes (up " +
         "to " + std::to_string(kLargestMaxBytes) + ") or include_content=false for its metadata";
}

} // namespace

GetFileOut get_file(ah::Context& ctx, const GetFileIn& in) {
  const std::string path = "/files/" + in.file_id; // the schema keeps the id URL-safe
  const std::string subject = "file with id '" + in.file_id + "'";
  auto item = get(ctx, path,
                  {{"fields", std::string(kFileFields) + ",createdTime,description"},
                   {"supportsAllDrives", "true"}},
                  subject)
                  .json_object();
  GetFileOut out;
  out.file = file_of(item);
  std::string created = text(item, "createdTime");
  if (ah::DateTime::valid(created))
    out.created_time = ah::DateTime{created};
  std::string description = text(item, "description");
  if (!description.empty())
    out.file_description = description;
  if (!in.include_content)
    return out;

  const File& file = out.file;
  std::string body;
  if (file.mime_type.rfind(kGoogleApps, 0) == 0) {
    std::string as = export_type(file.mime_type);
    if (as.empty())
      throw ah::ToolError("file '" + file.name + "' is a " + file.mime_type +
                          ", which has no text to read; include_content=false gives its metadata");
    auto exported = ctx.proxy().get(path + "/export", {{"mimeType", as}});
    if (reason_of(exported) == "exportSizeLimitExceeded")
      throw ah::ToolError("file '" + file.name +
                          "' is too large for Drive to export as text (Drive exports at most "
                          "10 MB); open it with web_view_link instead");
    check(exported, subject);
    body = exported.body;
    out.content_type = as;
  } else if (is_text(file.mime_type)) {
    if (file.size && *file.size > in.max_bytes)
      throw ah::ToolError(too_large(file, static_cast<size_t>(*file.size), in.max_bytes));
    body = get(ctx, path, {{"alt", "media"}, {"supportsAllDrives", "true"}}, subject).body;
    out.content_type = file.mime_type;
  } else {
    throw ah::ToolError("file '" + file.name + "' is binary (" + file.mime_type +
                        "); get_file reads only text files and Google Docs, Sheets and Slides. "
                        "include_content=false gives its metadata");
  }
  // Drive's text exports start with a byte order mark.
  if (body.rfind("\xEF\xBB\xBF", 0) == 0)
    body.erase(0, 3);
  if (body.size() > static_cast<size_t>(in.max_bytes))
    throw ah::ToolError(too_large(file, body.size(), in.max_bytes));
  if (!valid_utf8(body))
    throw ah::ToolError("file '" + file.name + "' (" + file.mime_type +
                        ") is not UTF-8 text; get_file cannot return it as text");
  out.content = std::move(body);
  return out;
}

} // namespace drive
