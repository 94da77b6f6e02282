// Change notifications: the feed plugins publish into, the notification each change becomes, what
// a subscriptions/listen stream lets through, and the bounds on listen streams and subscriptions.
#include "mcp.hpp"
#include "sessions.hpp"
#include "subscriptions.hpp"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

using namespace actionhost::mcp;
using namespace std::chrono_literals;

namespace {
Poco::JSON::Object::Ptr parsed(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}
} // namespace

TEST_CASE("a change becomes its MCP notification", "[mcp][changes]") {
  CHECK(parsed(change_notification(AH_NOTIFY_TOOLS_CHANGED, ""))->getValue<std::string>("method") ==
        "notifications/tools/list_changed");
  CHECK(
      parsed(change_notification(AH_NOTIFY_PROMPTS_CHANGED, ""))->getValue<std::string>("method") ==
      "notifications/prompts/list_changed");
  auto updated = parsed(change_notification(AH_NOTIFY_RESOURCE_UPDATED, "test://r"));
  CHECK(updated->getValue<std::string>("method") == "notifications/resources/updated");
  CHECK(updated->getObject("params")->getValue<std::string>("uri") == "test://r");
  // On a listen stream every notification names the subscription: the listen request's id.
  auto tagged = parsed(change_notification(AH_NOTIFY_RESOURCES_CHANGED, "", 7));
  CHECK(tagged->getObject("params")->getObject("_meta")->getValue<int>(
            "io.modelcontextprotocol/subscriptionId") == 7);
}

TEST_CASE("the feed reaches its listeners until they unsubscribe", "[mcp][changes]") {
  auto feed = std::make_shared<ChangeFeed>();
  std::vector<ChangeFeed::Change> seen;
  auto id = feed->subscribe([&](const ChangeFeed::Change& c) { seen.push_back(c); });
  auto sink = ChangeFeed::sink(feed);
  sink("conformance", AH_NOTIFY_RESOURCE_UPDATED, "test://r");
  feed->unsubscribe(id);
  sink("conformance", AH_NOTIFY_TOOLS_CHANGED, "");
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].plugin_id == "conformance");
  CHECK(seen[0].uri == "test://r");
}

TEST_CASE("a listen stream carries only what its request asked for", "[mcp][changes]") {
  ListenHub hub(2);
  ListenFilter filter;
  filter.prompts = true;
  filter.uris = {"test://watched"};
  auto stream = hub.open("conformance", filter, 5);
  REQUIRE(stream);
  hub.deliver({"conformance"}, AH_NOTIFY_TOOLS_CHANGED, "");
  hub.deliver({"other"}, AH_NOTIFY_PROMPTS_CHANGED, ""); // another integration
  hub.deliver({"conformance"}, AH_NOTIFY_RESOURCE_UPDATED, "test://else");
  hub.deliver({"conformance"}, AH_NOTIFY_PROMPTS_CHANGED, "");
  hub.deliver({"conformance"}, AH_NOTIFY_RESOURCE_UPDATED, "test://watched");
  bool open = false;
  auto queued = stream->wait(10ms, open);
  CHECK(open);
  REQUIRE(queued.size() == 2);
  CHECK(parsed(queued[0])->getValue<std::string>("method") == "notifications/prompts/list_changed");
  CHECK(parsed(queued[1])->getValue<std::string>("method") == "notifications/resources/updated");

  // Bounded: a full hub refuses; closing frees the slot; stopping closes every stream.
  CHECK(hub.open("conformance", filter, 6));
  CHECK_FALSE(hub.open("conformance", filter, 8));
  hub.close(stream);
  CHECK(hub.size() == 1);
  auto last = hub.open("conformance", filter, 9);
  REQUIRE(last);
  hub.stop();
  last->wait(10ms, open);
  CHECK_FALSE(open);
  CHECK_FALSE(hub.open("conformance", filter, 10));
}

TEST_CASE("a session watches a bounded set of resources and queues only with a listener",
          "[mcp][changes]") {
  Session session("id", "conformance", "2025-11-25", nullptr);
  CHECK_FALSE(session.push_if_listening("dropped: no GET stream"));
  REQUIRE(session.claim_listener());
  CHECK(session.push_if_listening("kept"));
  bool open = false;
  CHECK(session.wait_messages(10ms, open).size() == 1);

  for (size_t i = 0; i < Session::kMaxSubscriptions; ++i)
    REQUIRE(session.subscribe("test://" + std::to_string(i)));
  CHECK_FALSE(session.subscribe("test://one-too-many"));
  CHECK(session.subscribe("test://0")); // already watched
  session.unsubscribe("test://0");
  CHECK_FALSE(session.subscribed("test://0"));
  CHECK(session.subscribe("test://one-too-many"));
}
