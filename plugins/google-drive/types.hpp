// The Google Drive actions' inputs and outputs.
#pragma once

#include <actionhost/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drive {

inline constexpr std::int64_t kDefaultMaxBytes = 1024 * 1024;
inline constexpr std::int64_t kLargestMaxBytes = 8 * 1024 * 1024;

struct File {
  std::string id;
  std::string name;
  std::string mime_type;
  std::optional<std::int64_t> size;
  std::optional<ah::DateTime> modified_time;
  std::optional<std::string> web_view_link;
  std::vector<std::string> owners;
  static auto fields() {
    return std::tuple{
        ah::field("id", &File::id, "File id, for get_file"),
        ah::field("name", &File::name, "File name"),
        ah::field("mime_type", &File::mime_type,
                  "MIME type; Google Docs are application/vnd.google-apps.document"),
        ah::field("size", &File::size, "Size in bytes (absent for Google Docs, Sheets, Slides)"),
        ah::field("modified_time", &File::modified_time, "Last modification (UTC)"),
        ah::field("web_view_link", &File::web_view_link, "Link to open it in a browser"),
        ah::field("owners", &File::owners, "Owners' email addresses")};
  }
};

struct SearchFilesIn {
  std::optional<std::string> name;
  std::optional<std::string> text;
  std::optional<std::string> mime_type;
  std::int32_t limit = 25;
  std::optional<std::string> page_token;
  static auto fields() {
    return std::tuple{
        ah::field("name", &SearchFilesIn::name,
                  "Start of the file name or of one of its words ('plan' finds 'Q3 plan' and "
                  "'Planning', not 'Airplane')")
            .min_length(1)
            .max_length(500),
        ah::field("text", &SearchFilesIn::text,
                  "Full-text search: words in the name, description or content")
            .min_length(1)
            .max_length(500),
        ah::field("mime_type", &SearchFilesIn::mime_type,
                  "Only files of this type: application/vnd.google-apps.document (Docs), "
                  "...spreadsheet (Sheets), ...presentation (Slides), ...folder, "
                  "application/pdf, text/plain, ...")
            .pattern("^[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+$"),
        ah::field("limit", &SearchFilesIn::limit, "Most files to return")
            .minimum(1)
            .maximum(1000)
            .default_value(25),
        ah::field("page_token", &SearchFilesIn::page_token,
                  "next_page_token of an earlier call with the same filters, to continue")
            .min_length(1)};
  }
};
struct SearchFilesOut {
  std::vector<File> files;
  std::optional<std::string> next_page_token;
  bool incomplete = false;
  static auto fields() {
    return std::tuple{
        ah::field("files", &SearchFilesOut::files,
                  "Matching files, most recently modified first (by relevance for text searches)"),
        ah::field("next_page_token", &SearchFilesOut::next_page_token,
                  "Present when there are more: pass it as page_token with the same filters"),
        ah::field("incomplete", &SearchFilesOut::incomplete,
                  "Drive did not search every corpus; narrow the search for complete results")};
  }
};

struct GetFileIn {
  std::string file_id;
  bool include_content = true;
  std::int64_t max_bytes = kDefaultMaxBytes;
  static auto fields() {
    return std::tuple{
        ah::field("file_id", &GetFileIn::file_id, "The file's id (search_files gives it)")
            .pattern("^[A-Za-z0-9_-]{1,200}$"),
        ah::field("include_content", &GetFileIn::include_content,
                  "Also read its text: Google Docs and Slides as plain text, Sheets as CSV, "
                  "text files as they are; binary files are refused")
            .default_value(true),
        ah::field("max_bytes", &GetFileIn::max_bytes, "Largest content to read, in bytes")
            .minimum(1)
            .maximum(kLargestMaxBytes)
            .default_value(kDefaultMaxBytes)};
  }
};
struct GetFileOut {
  File file;
  std::optional<ah::DateTime> created_time;
  // Not `description`: the SDK reads a static member of that name as the struct's own.
  std::optional<std::string> file_description;
  std::optional<std::string> content;
  std::optional<std::string> content_type;
  static auto fields() {
    return std::tuple{
        ah::field("file", &GetFileOut::file, "The file's metadata"),
        ah::field("created_time", &GetFileOut::created_time, "When it was created (UTC)"),
        ah::field("description", &GetFileOut::file_description, "The file's description"),
        ah::field("content", &GetFileOut::content, "Its text, when include_content"),
        ah::field("content_type", &GetFileOut::content_type,
                  "The type of `content`: text/plain for exported Docs and Slides, text/csv "
                  "for Sheets, the file's own type for text files")};
  }
};

SearchFilesOut search_files(ah::Context& ctx, const SearchFilesIn& in);
GetFileOut get_file(ah::Context& ctx, const GetFileIn& in);

} // namespace drive
