// search_files through the real host: the q expression it builds (quoted and escaped), type and
// full-text filters, pages up to the limit with a token to continue, and Drive's errors.
#include "drive_host.hpp"

#include <chrono>

using namespace drive_test;
using Catch::Matchers::Contains;

namespace {

std::vector<std::string> ids(const provider_test::ToolCall& call) {
  std::vector<std::string> out;
  auto files = call.structured->getArray("files");
  for (size_t i = 0; files && i < files->size(); ++i)
    out.push_back(files->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
  return out;
}

} // namespace

TEST_CASE("drive search_files: by name, most recent first, without trashed or unshared files",
          "[providers][google-drive]") {
  DriveHost host;
  auto found = host.call("search_files", R"({"name": "Q3"})");
  INFO(found.text);
  REQUIRE_FALSE(found.is_error);
  CHECK(ids(found) == std::vector<std::string>{"doc1", "pdf1"});
  auto doc = found.structured->getArray("files")->getObject(0);
  CHECK(doc->getValue<std::string>("name") == "Q3 plan");
  CHECK(doc->getValue<std::string>("mime_type") == "application/vnd.google-apps.document");
  CHECK_FALSE(doc->has("size"));
  CHECK(doc->getValue<std::string>("modified_time") == "2024-06-03T10:00:00.000Z");
  CHECK(doc->getArray("owners")->getElement<std::string>(0) == "owner@example.com");
  CHECK_THAT(doc->getValue<std::string>("web_view_link"), Contains("docs.google.com"));
  CHECK(found.structured->getArray("files")->getObject(1)->getValue<int>("size") == 10);
  auto request = host.drive.calls("/files").at(0);
  CHECK(request.param("q") == "trashed = false and name contains 'Q3'");
  CHECK(request.param("orderBy") == "modifiedTime desc");
  CHECK_THAT(request.param("fields"), Contains("nextPageToken"));
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive search_files: quotes and backslashes in a search are escaped in q",
          "[providers][google-drive]") {
  DriveHost host;
  auto found = host.call("search_files", R"({"name": "Bob's"})");
  INFO(found.text);
  REQUIRE_FALSE(found.is_error);
  CHECK(ids(found) == std::vector<std::string>{"notes1"});
  CHECK(host.drive.calls("/files").at(0).param("q") ==
        "trashed = false and name contains 'Bob\\'s'");
  auto slash = host.call("search_files", R"({"name": "a\\b'c"})");
  INFO(slash.text);
  REQUIRE_FALSE(slash.is_error);
  CHECK(ids(slash).empty());
  CHECK(host.drive.calls("/files").at(1).param("q") ==
        "trashed = false and name contains 'a\\\\b\\'c'");
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive search_files: full text and type filters, by relevance",
          "[providers][google-drive]") {
  DriveHost host;
  auto any = host.call("search_files", R"({"text": "budget"})");
  INFO(any.text);
  REQUIRE_FALSE(any.is_error);
  CHECK(ids(any) == std::vector<std::string>{"sheet1", "notes1"});
  // Drive refuses orderBy with fullText terms, so none is sent.
  CHECK(host.drive.calls("/files").at(0).param("orderBy").empty());
  auto text_only = host.call("search_files", R"({"text": "budget", "mime_type": "text/plain"})");
  INFO(text_only.text);
  REQUIRE_FALSE(text_only.is_error);
  CHECK(ids(text_only) == std::vector<std::string>{"notes1"});
  CHECK(host.drive.calls("/files").at(1).param("q") ==
        "trashed = false and fullText contains 'budget' and mimeType = 'text/plain'");
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive search_files: follows nextPageToken up to the limit and hands back the token",
          "[providers][google-drive]") {
  DriveHost host;
  host.drive.page_cap(2);
  auto first = host.call("search_files", R"({"limit": 3})");
  INFO(first.text);
  REQUIRE_FALSE(first.is_error);
  CHECK(ids(first) == std::vector<std::string>{"doc1", "sheet1", "notes1"});
  REQUIRE(first.structured->has("next_page_token"));
  auto pages = host.drive.calls("/files");
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].param("pageSize") == "3");
  CHECK(pages[1].param("pageSize") == "1");
  CHECK_FALSE(pages[1].param("pageToken").empty());

  auto rest = host.call("search_files",
                        R"({"limit": 10, "page_token": ")" +
                            first.structured->getValue<std::string>("next_page_token") + R"("})");
  INFO(rest.text);
  REQUIRE_FALSE(rest.is_error);
  CHECK(ids(rest) == std::vector<std::string>{"json1", "pdf1", "form1"});
  CHECK_FALSE(rest.structured->has("next_page_token"));
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive search_files: a token from another search is refused, 429 is waited out",
          "[providers][google-drive]") {
  DriveHost host;
  auto bad = host.call("search_files", R"({"name": "Q3", "page_token": "bm90LWEtdG9rZW4"})");
  CHECK(bad.is_error);
  CHECK_THAT(bad.text, Contains("Drive refused the search"));

  host.drive.rate_limit(1, 1);
  auto start = std::chrono::steady_clock::now();
  auto waited = host.call("search_files", R"({"name": "Budget"})");
  INFO(waited.text);
  REQUIRE_FALSE(waited.is_error);
  CHECK(ids(waited) == std::vector<std::string>{"sheet1"});
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(950));

  host.drive.rate_limit(10, 1);
  auto limited = host.call("search_files", R"({"name": "Budget"})");
  CHECK(limited.is_error);
  CHECK_THAT(limited.text, Contains("rate limiting"));
  CHECK(host.drive.violations().empty());
}

TEST_CASE("drive tools: both read-only and idempotent, each with an output schema",
          "[providers][google-drive]") {
  DriveHost host;
  auto list = host.tools();
  for (const char* name : {"search_files", "get_file"}) {
    INFO(name);
    auto tool = provider_test::tool_named(list, name);
    REQUIRE(tool);
    CHECK(tool->getObject("outputSchema"));
    auto annotations = tool->getObject("annotations");
    REQUIRE(annotations);
    CHECK(annotations->getValue<bool>("readOnlyHint"));
    CHECK(annotations->getValue<bool>("idempotentHint"));
    CHECK(annotations->getValue<bool>("openWorldHint"));
  }
}
