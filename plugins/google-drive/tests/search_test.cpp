// search_files: the q expression built from the filters, the page loop up to `limit`, and the
// token handed back to continue.
#include "support.hpp"

using namespace google_drive_tests;

namespace {

std::string page(const std::vector<std::string>& ids, const std::string& next = "") {
  std::string files;
  for (const auto& id : ids)
    files += (files.empty() ? "" : ",") + file_json(id, "File " + id, "text/plain", "12");
  return R"({"files": [)" + files + "]" +
         (next.empty() ? "" : R"(, "nextPageToken": ")" + next + R"(")") + "}";
}

} // namespace

TEST_CASE("search_files asks for the metadata fields, newest first, without trashed files") {
  Provider drive;
  drive.on("GET", "/files", ProviderResponse::json(page({"a"})));
  drive::SearchFilesIn in;
  in.name = "plan";

  auto result = plugin().call<drive::SearchFilesOut>("search_files", in, drive);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->files.size() == 1);
  const auto& file = result->files[0];
  CHECK(file.size == 12); // Drive's int64 string, as a number
  CHECK(file.owners == std::vector<std::string>{"ada@example.com"});
  CHECK(file.modified_time->value == "2026-03-01T10:00:00.000Z");
  CHECK_FALSE(result->next_page_token);
  auto sent = drive.requests().at(0);
  CHECK(sent.query_param("q") == "trashed = false and name contains 'plan'");
  CHECK(sent.query_param("orderBy") == "modifiedTime desc");
  CHECK(sent.query_param("pageSize") == "25");
  CHECK(sent.query_param("fields") ==
        "nextPageToken,incompleteSearch,files(id,name,mimeType,size,modifiedTime,webViewLink,"
        "owners(emailAddress))");
}

TEST_CASE("search_files escapes quotes and backslashes in q and joins every filter") {
  Provider drive;
  drive.on("GET", "/files", ProviderResponse::json(page({})));
  drive::SearchFilesIn in;
  in.name = R"(Ada's C:\notes)";
  in.text = "difference engine";
  in.mime_type = "application/vnd.google-apps.document";

  REQUIRE_THAT(plugin().call<drive::SearchFilesOut>("search_files", in, drive), Succeeds());

  auto sent = drive.requests().at(0);
  CHECK(sent.query_param("q") ==
        R"(trashed = false and name contains 'Ada\'s C:\\notes' and fullText contains )"
        R"('difference engine' and mimeType = 'application/vnd.google-apps.document')");
  CHECK_FALSE(sent.query_param("orderBy")); // Drive refuses orderBy with fullText
}

TEST_CASE("search_files follows nextPageToken up to the limit and hands back the token") {
  Provider drive;
  drive.on("GET", "/files", [](const ProviderRequest& request) {
    auto token = request.query_param("pageToken").value_or("");
    if (token.empty())
      return ProviderResponse::json(page({"a", "b"}, "t2"));
    if (token == "t2")
      return ProviderResponse::json(page({"c", "d"}, "t3"));
    return ProviderResponse::json(page({"e"}));
  });
  drive::SearchFilesIn in;
  in.limit = 4;

  auto result = plugin().call<drive::SearchFilesOut>("search_files", in, drive);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->files.size() == 4);
  CHECK(result->files[3].id == "d");
  CHECK(result->next_page_token == "t3"); // page t3 is left for the next call
  auto sent = drive.requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].query_param("pageSize") == "4");
  CHECK(sent[1].query_param("pageSize") == "2"); // only what is still missing
  CHECK(sent[1].query_param("pageToken") == "t2");
}

TEST_CASE("search_files continues from a page_token and reports an incomplete search") {
  Provider drive;
  drive.on("GET", "/files",
           ProviderResponse::json(R"({"incompleteSearch": true, "files": [)" +
                                  file_json("x", "X", "text/plain") + "]}"));
  drive::SearchFilesIn in;
  in.text = "engine";
  in.page_token = "t7";

  auto result = plugin().call<drive::SearchFilesOut>("search_files", in, drive);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->incomplete);
  CHECK_FALSE(result->files[0].size); // no size: absent, not 0
  CHECK(drive.requests().at(0).query_param("pageToken") == "t7");
}

TEST_CASE("search_files asks Drive for at most 100 files a page") {
  Provider drive;
  drive.on("GET", "/files", ProviderResponse::json(page({"a"})));
  drive::SearchFilesIn in;
  in.limit = 1000;

  REQUIRE_THAT(plugin().call<drive::SearchFilesOut>("search_files", in, drive), Succeeds());
  CHECK(drive.requests().at(0).query_param("pageSize") == "100");
}

TEST_CASE("search_files says so when Drive sends a size that is not a number") {
  Provider drive;
  drive.on(
      "GET", "/files",
      ProviderResponse::json(R"({"files": [)" + file_json("a", "A", "text/plain", "big") + "]}"));

  CHECK_THAT(plugin().call<drive::SearchFilesOut>("search_files", drive::SearchFilesIn{}, drive),
             FailsWith(AH_ERR_UPSTREAM, "Drive sent a size that is not a number: big"));
}

TEST_CASE("search_files arguments outside the schema are refused before Drive is asked") {
  Provider drive;
  CHECK_THAT(plugin().call_json("search_files", R"({"limit": 1001})", drive), FailsWith("limit"));
  CHECK_THAT(plugin().call_json("search_files", R"({"mime_type": "pdf"})", drive),
             FailsWith("mime_type"));
  CHECK_THAT(plugin().call_json("search_files", R"({"name": ""})", drive), FailsWith("name"));
  CHECK(drive.requests().empty());
}
