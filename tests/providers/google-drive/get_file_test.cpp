// get_file through the real host: Google Docs exported as plain text, Sheets as CSV, text files
// downloaded, binary files and oversized text refused with the reason, Drive's 404, and an
// expired token refreshed after Drive's 401.
#include "drive_host.hpp"

using namespace drive_test;
using Catch::Matchers::Contains;

TEST_CASE("drive get_file: a Google Doc is exported as plain text, a Sheet as CSV",
          "[providers][google-drive]") {
  DriveHost host;
  auto doc = host.call("get_file", R"({"file_id": "doc1"})");
  INFO(doc.text);
  REQUIRE_FALSE(doc.is_error);
  CHECK(doc.structured->getObject("file")->getValue<std::string>("name") == "Q3 plan");
  CHECK(doc.structured->getValue<std::string>("content") ==
        "Goals for Q3: ship the Drive plugin."); // without the export's byte order mark
  CHECK(doc.structured->getValue<std::string>("content_type") == "text/plain");
  CHECK(doc.structured->getValue<std::string>("created_time") == "2024-01-15T08:00:00.000Z");
  CHECK(host.drive.calls("/files/doc1/export").at(0).param("mimeType") == "text/plain");

  auto sheet = host.call("get_file", R"({"file_id": "sheet1"})");
  INFO(sheet.text);
  REQUIRE_FALSE(sheet.is_error);
  CHECK(sheet.structured->getValue<std::string>("content") == "item,cost\nlaptops,1200\n");
  CHECK(sheet.structured->getValue<std::string>("content_type") == "text/csv");
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive get_file: text files are downloaded as they are stored",
          "[providers][google-drive]") {
  DriveHost host;
  auto notes = host.call("get_file", R"({"file_id": "notes1"})");
  INFO(notes.text);
  REQUIRE_FALSE(notes.is_error);
  CHECK(notes.structured->getValue<std::string>("content") == "remember the budget review");
  CHECK(notes.structured->getObject("file")->getValue<int>("size") == 26);
  auto json = host.call("get_file", R"({"file_id": "json1"})");
  INFO(json.text);
  REQUIRE_FALSE(json.is_error);
  CHECK(json.structured->getValue<std::string>("content") == "{\"plan\": \"q3\"}");
  CHECK(json.structured->getValue<std::string>("content_type") == "application/json");
  bool downloaded = false;
  for (const auto& request : host.drive.calls("/files/notes1"))
    downloaded = downloaded || request.param("alt") == "media";
  CHECK(downloaded);
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive get_file: binary files and text over max_bytes are refused with the reason, "
          "metadata stays available",
          "[providers][google-drive]") {
  DriveHost host;
  auto pdf = host.call("get_file", R"({"file_id": "pdf1"})");
  CHECK(pdf.is_error);
  CHECK_THAT(pdf.text, Contains("'Q3 plan.pdf' is binary (application/pdf)"));
  CHECK_THAT(pdf.text, Contains("include_content=false"));
  auto meta = host.call("get_file", R"({"file_id": "pdf1", "include_content": false})");
  INFO(meta.text);
  REQUIRE_FALSE(meta.is_error);
  CHECK(meta.structured->getObject("file")->getValue<int>("size") == 10);
  CHECK_FALSE(meta.structured->has("content"));
  for (const auto& request : host.drive.calls("/files/pdf1"))
    CHECK(request.param("alt").empty()); // never downloaded

  auto big = host.call("get_file", R"({"file_id": "notes1", "max_bytes": 5})");
  CHECK(big.is_error);
  CHECK_THAT(big.text, Contains("26 bytes of text, more than max_bytes (5)"));
  for (const auto& request : host.drive.calls("/files/notes1"))
    CHECK(request.param("alt").empty()); // refused from the metadata, before any download

  auto long_doc = host.call("get_file", R"({"file_id": "doc1", "max_bytes": 10})");
  CHECK(long_doc.is_error);
  CHECK_THAT(long_doc.text, Contains("more than max_bytes (10)"));

  host.drive.export_limit(8);
  auto unexportable = host.call("get_file", R"({"file_id": "doc1"})");
  CHECK(unexportable.is_error);
  CHECK_THAT(unexportable.text, Contains("too large for Drive to export"));

  auto form = host.call("get_file", R"({"file_id": "form1"})");
  CHECK(form.is_error);
  CHECK_THAT(form.text, Contains("has no text to read"));
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive get_file: a file this connection cannot see is Drive's 404, named",
          "[providers][google-drive]") {
  DriveHost host;
  auto hidden = host.call("get_file", R"({"file_id": "private1"})");
  CHECK(hidden.is_error);
  CHECK(hidden.text == "Drive has no file with id 'private1' that this connection can see; "
                       "search_files finds files by name");
  auto bad_id = host.call("get_file", R"({"file_id": "../about"})");
  CHECK(bad_id.is_error); // refused by the schema: ids never escape /files/
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive get_file: a passing backend error is retried by the proxy, a lasting one is a "
          "tool error",
          "[providers][google-drive]") {
  DriveHost host;
  host.drive.fail(1, 503);
  auto doc = host.call("get_file", R"({"file_id": "notes1"})");
  INFO(doc.text);
  REQUIRE_FALSE(doc.is_error);
  CHECK(doc.structured->getValue<std::string>("content") == "remember the budget review");

  host.drive.fail(10, 500);
  auto down = host.call("get_file", R"({"file_id": "notes1", "include_content": false})");
  CHECK(down.is_error);
  CHECK(down.text == "Drive answered HTTP 500 for file with id 'notes1'; try again later");
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive expired token: Drive's 401 makes the proxy refresh the token and retry",
          "[providers][google-drive]") {
  DriveHost host("ya29.expired-token");
  host.drive.expire_token("ya29.expired-token");
  auto doc = host.call("get_file", R"({"file_id": "doc1", "include_content": false})");
  INFO(doc.text);
  REQUIRE_FALSE(doc.is_error);
  CHECK(host.drive.refreshes() == 1);
  auto calls = host.drive.calls("/files/doc1");
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].header("Authorization") == "Bearer ya29.expired-token");
  CHECK(calls[1].header("Authorization") == "Bearer ya29.refreshed-1");
  CHECK(host.drive.violations().empty());
}
