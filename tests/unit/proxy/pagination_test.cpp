// paginate() walks a provider's pages the way its integration says, up to an item limit.
#include "support.hpp"

#include <fake_provider.hpp>

using namespace proxy_test;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;

namespace {

config::Integration demo(const FakeProvider& fake, const std::string& pagination) {
  return integration("integrations:\n  demo:\n    plugin: demo\n    proxy:\n      base_url: " +
                     fake.url() + "\n      pagination: " + pagination + "\n");
}

// Seven items, ids 0..6, `size` a page.
std::string items(int from, int to) {
  std::string out;
  for (int i = from; i < to && i < 7; ++i)
    out += (out.empty() ? "" : ",") + std::string("{\"id\":") + std::to_string(i) + "}";
  return "[" + out + "]";
}

} // namespace

TEST_CASE("Cursor pagination (Slack style) until the cursor is empty") {
  FakeProvider fake;
  fake.on("GET", "/conversations.list", [](const Request& r) {
    int at = r.param("cursor").empty() ? 0 : std::stoi(r.param("cursor"));
    int size = std::stoi(r.param("limit"));
    std::string next = at + size < 7 ? std::to_string(at + size) : "";
    return Reply::json("{\"ok\":true,\"channels\":" + items(at, at + size) +
                       ",\"response_metadata\":{\"next_cursor\":\"" + next + "\"}}");
  });
  RecordingStore store;
  auto integration = demo(fake, "{ style: cursor, cursor_param: cursor, cursor_path: "
                                "response_metadata.next_cursor, limit_param: limit, limit: 3, "
                                "results_path: channels }");
  proxy::Proxy proxy(integration);
  auto all = proxy::paginate(proxy, call_for("demo", store), get("/conversations.list"),
                             *integration.proxy->pagination);
  REQUIRE(all.status == AH_OK);
  CHECK(all.items->size() == 7);
  CHECK(all.pages == 3);
  CHECK(all.complete);

  auto some = proxy::paginate(proxy, call_for("demo", store), get("/conversations.list"),
                              *integration.proxy->pagination, 4);
  CHECK(some.items->size() == 4);
  CHECK(some.pages == 2);
  CHECK_FALSE(some.complete);
}

TEST_CASE("Link header pagination (GitHub style)") {
  FakeProvider fake;
  std::string base = fake.url();
  fake.on("GET", "/repos", [base](const Request& r) {
    int page = r.param("page").empty() ? 1 : std::stoi(r.param("page"));
    Reply reply = Reply::json(items((page - 1) * 3, page * 3));
    if (page < 3)
      reply.headers.emplace_back("Link", "<" + base + "/repos?page=" + std::to_string(page + 1) +
                                             ">; rel=\"next\", <" + base +
                                             "/repos?page=3>; rel=\"last\"");
    return reply;
  });
  RecordingStore store;
  auto integration = demo(fake, "{ style: link }");
  proxy::Proxy proxy(integration);
  auto all = proxy::paginate(proxy, call_for("demo", store), get("/repos"),
                             *integration.proxy->pagination);
  REQUIRE(all.status == AH_OK);
  CHECK(all.items->size() == 7);
  CHECK(all.complete);
}

TEST_CASE("Offset pagination stops at a short page") {
  FakeProvider fake;
  fake.on("GET", "/contacts", [](const Request& r) {
    int offset = r.param("offset").empty() ? 0 : std::stoi(r.param("offset"));
    return Reply::json("{\"results\":" + items(offset, offset + std::stoi(r.param("count"))) + "}");
  });
  RecordingStore store;
  auto integration = demo(fake, "{ style: offset, offset_param: offset, limit_param: count, "
                                "limit: 3, results_path: results }");
  proxy::Proxy proxy(integration);
  auto all = proxy::paginate(proxy, call_for("demo", store), get("/contacts"),
                             *integration.proxy->pagination);
  REQUIRE(all.status == AH_OK);
  CHECK(all.items->size() == 7);
  CHECK(all.pages == 3);
  CHECK(fake.requests().back().query == "count=3&offset=6");
}

TEST_CASE("A failing page ends the walk with the provider's status") {
  FakeProvider fake;
  fake.on("GET", "/x", [](const Request&) { return Reply::json(R"({"error":"nope"})", 403); });
  RecordingStore store;
  auto integration = demo(fake, "{ style: link }");
  proxy::Proxy proxy(integration);
  auto result =
      proxy::paginate(proxy, call_for("demo", store), get("/x"), *integration.proxy->pagination);
  CHECK(result.status == AH_ERR_UPSTREAM);
  CHECK(result.error == "page 1 answered HTTP 403");
  CHECK(result.last.status == 403);
}
