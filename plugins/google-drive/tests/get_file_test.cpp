// get_file: which request reads a file's text (export for Docs editors files, alt=media for text
// files), and every reason it refuses to return content.
#include "support.hpp"

#include <algorithm>

using namespace google_drive_tests;

namespace {

drive::GetFileIn file(const std::string& id, std::int64_t max_bytes = drive::kDefaultMaxBytes) {
  drive::GetFileIn in;
  in.file_id = id;
  in.max_bytes = max_bytes;
  return in;
}

// files.get without alt=media: the metadata; with it: the bytes.
Handler metadata_or_media(std::string metadata, std::string media) {
  return [metadata, media](const ProviderRequest& request) {
    if (request.query_param("alt") == "media")
      return ProviderResponse::text(media);
    return ProviderResponse::json(metadata);
  };
}

} // namespace

TEST_CASE("get_file exports a Google Doc as plain text, without its byte order mark") {
  Provider drive;
  drive.on("GET", "/files/doc1",
           ProviderResponse::json(R"({"id": "doc1", "name": "Q3 plan", "mimeType":
             "application/vnd.google-apps.document", "createdTime": "2026-01-02T03:04:05.000Z",
             "description": "Goals"})"));
  drive.on("GET", "/files/doc1/export", ProviderResponse::text("\xEF\xBB\xBFShip it.\r\n"));

  auto result = plugin().call<drive::GetFileOut>("get_file", file("doc1"), drive);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->content == "Ship it.\r\n");
  CHECK(result->content_type == "text/plain");
  CHECK(result->file_description == "Goals");
  CHECK(result->created_time->value == "2026-01-02T03:04:05.000Z");
  auto sent = drive.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].query_param("fields") ==
        "id,name,mimeType,size,modifiedTime,webViewLink,owners(emailAddress),createdTime,"
        "description");
  CHECK(sent[0].query_param("supportsAllDrives") == "true");
  CHECK(sent[1].query_param("mimeType") == "text/plain");
}

TEST_CASE("get_file exports a Sheet as CSV and Slides as plain text") {
  Provider drive;
  drive.on("GET", "/files/sheet1",
           ProviderResponse::json(
               file_json("sheet1", "Budget", "application/vnd.google-apps.spreadsheet")));
  drive.on("GET", "/files/sheet1/export", ProviderResponse::text("item,cost\r\n"));
  drive.on("GET", "/files/deck1",
           ProviderResponse::json(
               file_json("deck1", "Pitch", "application/vnd.google-apps.presentation")));
  drive.on("GET", "/files/deck1/export", ProviderResponse::text("Slide 1"));

  auto sheet = plugin().call<drive::GetFileOut>("get_file", file("sheet1"), drive);
  auto deck = plugin().call<drive::GetFileOut>("get_file", file("deck1"), drive);

  REQUIRE_THAT(sheet, Succeeds());
  CHECK(sheet->content_type == "text/csv");
  CHECK(drive.requests().at(1).query_param("mimeType") == "text/csv");
  REQUIRE_THAT(deck, Succeeds());
  CHECK(deck->content == "Slide 1");
  CHECK(drive.requests().at(3).query_param("mimeType") == "text/plain");
}

TEST_CASE("get_file downloads a text file as stored, and reads only metadata when asked") {
  Provider drive;
  drive.on(
      "GET", "/files/cfg",
      metadata_or_media(file_json("cfg", "app.yaml", "application/x-yaml", "11"), "port: 8080\n"));

  auto result = plugin().call<drive::GetFileOut>("get_file", file("cfg"), drive);
  REQUIRE_THAT(result, Succeeds());
  CHECK(result->content == "port: 8080\n");
  CHECK(result->content_type == "application/x-yaml");
  CHECK(drive.requests().at(1).line() == "GET /files/cfg?alt=media&supportsAllDrives=true");

  drive.clear();
  auto in = file("cfg");
  in.include_content = false;
  auto metadata = plugin().call<drive::GetFileOut>("get_file", in, drive);
  REQUIRE_THAT(metadata, Succeeds());
  CHECK_FALSE(metadata->content);
  CHECK(metadata->file.size == 11);
  CHECK(drive.requests().size() == 1);
}

TEST_CASE("get_file refuses a text file over max_bytes before downloading it") {
  Provider drive;
  drive.on("GET", "/files/log",
           ProviderResponse::json(file_json("log", "big.log", "text/plain", "5000")));

  auto result = plugin().call<drive::GetFileOut>("get_file", file("log", 1000), drive);

  CHECK_THAT(result,
             FailsWith(AH_ERR_TOOL, "file 'big.log' has 5000 bytes of text, more than "
                                    "max_bytes (1000); call again with a larger max_bytes"));
  CHECK(drive.requests().size() == 1); // no download
}

TEST_CASE("get_file refuses an export larger than max_bytes, and Drive's own export limit") {
  Provider drive;
  drive.on(
      "GET", "/files/doc1",
      ProviderResponse::json(file_json("doc1", "Novel", "application/vnd.google-apps.document")));
  drive.on("GET", "/files/doc1/export", ProviderResponse::text(std::string(20, 'w')));
  CHECK_THAT(plugin().call<drive::GetFileOut>("get_file", file("doc1", 10), drive),
             FailsWith(AH_ERR_TOOL, "has 20 bytes of text, more than max_bytes (10)"));

  Provider huge;
  huge.on(
      "GET", "/files/doc1",
      ProviderResponse::json(file_json("doc1", "Novel", "application/vnd.google-apps.document")));
  huge.on("GET", "/files/doc1/export",
          drive_error(403, "exportSizeLimitExceeded", "This file is too large to be exported."));
  CHECK_THAT(plugin().call<drive::GetFileOut>("get_file", file("doc1"), huge),
             FailsWith(AH_ERR_TOOL, "'Novel' is too large for Drive to export as text"));
}

TEST_CASE("get_file refuses binary files, Google types without text and bytes that are not UTF-8") {
  Provider drive;
  drive.on("GET", "/files/pdf1",
           ProviderResponse::json(file_json("pdf1", "Drawings.pdf", "application/pdf", "900")));
  drive.on(
      "GET", "/files/dir1",
      ProviderResponse::json(file_json("dir1", "Projects", "application/vnd.google-apps.folder")));
  drive.on("GET", "/files/latin1",
           metadata_or_media(file_json("latin1", "old.txt", "text/plain", "4"), "caf\xE9"));

  CHECK_THAT(plugin().call<drive::GetFileOut>("get_file", file("pdf1"), drive),
             FailsWith(AH_ERR_TOOL, "file 'Drawings.pdf' is binary (application/pdf)"));
  CHECK_THAT(plugin().call<drive::GetFileOut>("get_file", file("dir1"), drive),
             FailsWith(AH_ERR_TOOL, "is a application/vnd.google-apps.folder, which has no text"));
  CHECK_THAT(plugin().call<drive::GetFileOut>("get_file", file("latin1"), drive),
             FailsWith(AH_ERR_TOOL, "file 'old.txt' (text/plain) is not UTF-8 text"));
  // Only the UTF-8 check needed the bytes: the others were refused from their metadata.
  auto downloads = drive.requests();
  downloads.erase(std::remove_if(downloads.begin(), downloads.end(),
                                 [](const ProviderRequest& r) { return !r.query_param("alt"); }),
                  downloads.end());
  REQUIRE(downloads.size() == 1);
  CHECK(downloads[0].path == "/files/latin1");
}

TEST_CASE("get_file takes only ids Drive could have made, so none escapes the files path") {
  Provider drive;
  CHECK_THAT(plugin().call_json("get_file", R"({"file_id": "../about"})", drive),
             FailsWith("file_id"));
  CHECK_THAT(plugin().call_json("get_file", R"({"file_id": "a", "max_bytes": 9000000})", drive),
             FailsWith("max_bytes"));
  CHECK(drive.requests().empty());
}
