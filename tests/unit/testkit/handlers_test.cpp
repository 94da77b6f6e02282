// Serving an action's proxy requests from handlers written in the test, and asserting on what the
// action sent: the tracker plugin lists issues (GET with a query) and creates them (POST + JSON).
#include "tracker.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

#include <chrono>
#include <thread>

using ah::testkit::FailsWith;
using ah::testkit::LoadedPlugin;
using ah::testkit::Provider;
using ah::testkit::ProviderRequest;
using ah::testkit::ProviderResponse;
using ah::testkit::Succeeds;

TEST_CASE("A handler answers the action's GET and the test sees the request", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("GET", "/repos/acme/rockets/issues", ProviderResponse::json(R"([
    {"number": 7, "title": "Fins fall off", "state": "open"},
    {"number": 9, "title": "Paint the nose cone", "state": "open"}])"));

  auto result = plugin.call<tracker::ListIssuesOut>(
      "list_issues", tracker::ListIssuesIn{"acme/rockets", std::nullopt}, provider);

  REQUIRE_THAT(result, Succeeds());
  REQUIRE(result->issues.size() == 2);
  CHECK(result->issues[0].number == 7);
  CHECK(result->issues[1].title == "Paint the nose cone");
  CHECK(result.logs == std::vector<std::string>{"info: listed 2 issues"});

  auto sent = provider.requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].line() == "GET /repos/acme/rockets/issues?state=open&per_page=50");
  CHECK(sent[0].query_param("state") == "open");
  CHECK(provider.problems().empty());
}

TEST_CASE("A handler function sees the POST body the action built from its input", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("POST", "/repos/acme/rockets/issues", [](const ProviderRequest& request) {
    auto body = ah::json::as_object(request.json());
    return ProviderResponse::json(
        R"({"number": 12, "title": ")" + body->getValue<std::string>("title") +
            R"(", "html_url": "https://tracker.example/acme/rockets/12"})",
        201);
  });

  auto result = plugin.call<tracker::CreateIssueOut>(
      "create_issue", tracker::CreateIssueIn{"acme/rockets", "Countdown skips 3", {"bug"}},
      provider);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->number == 12);
  CHECK(result->url == "https://tracker.example/acme/rockets/12");
  auto sent = provider.requests().at(0);
  CHECK(sent.header("content-type") == "application/json");
  auto body = ah::json::as_object(sent.json());
  CHECK(body->getValue<std::string>("title") == "Countdown skips 3");
  CHECK(ah::json::stringify(body->get("labels")) == R"(["bug"])");
}

TEST_CASE("A provider error becomes the action's tool error", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("GET", "/repos/*", ProviderResponse::json(R"({"message": "Not Found"})", 404));
  auto missing = plugin.call<tracker::ListIssuesOut>(
      "list_issues", tracker::ListIssuesIn{"acme/nope", "all"}, provider);
  CHECK_THAT(missing, FailsWith(AH_ERR_TOOL, "no repository named 'acme/nope'"));

  provider.on("GET", "/repos/*", ProviderResponse::text("upstream exploded", 502));
  auto broken = plugin.call<tracker::ListIssuesOut>(
      "list_issues", tracker::ListIssuesIn{"acme/rockets", std::nullopt}, provider);
  CHECK_THAT(broken, FailsWith(AH_ERR_TOOL, "provider answered HTTP 502: upstream exploded"));
}

TEST_CASE("A request no handler answers fails the call and is listed as a problem", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("GET", "/repos/acme/rockets/issues", ProviderResponse::json("[]"));
  auto result = plugin.call<tracker::CreateIssueOut>(
      "create_issue", tracker::CreateIssueIn{"acme/rockets", "New", {}}, provider);
  CHECK_THAT(result,
             FailsWith(AH_ERR_UNAVAILABLE, "no handler for POST /repos/acme/rockets/issues"));
  REQUIRE(provider.problems().size() == 1);
  CHECK_THAT(provider.problems()[0], Catch::Contains("handlers: GET /repos/acme/rockets/issues"));
}

TEST_CASE("A request that never got a response reaches the action as the proxy's error",
          "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("GET", "/repos/acme/rockets/issues",
              ProviderResponse::fail(AH_ERR_TIMEOUT, "the provider did not answer within 30s"));
  auto result = plugin.call<tracker::ListIssuesOut>(
      "list_issues", tracker::ListIssuesIn{"acme/rockets", std::nullopt}, provider);
  CHECK_THAT(result, FailsWith(AH_ERR_TIMEOUT, "did not answer within 30s"));
  // Said once: the request, then the proxy's reason.
  CHECK(result.error() ==
        "GET /repos/acme/rockets/issues failed: the provider did not answer within 30s");
}

TEST_CASE("A handler that throws fails the call and names itself", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("GET", "/repos/acme/rockets/issues", [](const ProviderRequest&) -> ProviderResponse {
    throw std::runtime_error("fixture data missing");
  });
  auto result = plugin.call<tracker::ListIssuesOut>(
      "list_issues", tracker::ListIssuesIn{"acme/rockets", std::nullopt}, provider);
  CHECK(result.is_error);
  REQUIRE(provider.problems().size() == 1);
  CHECK_THAT(provider.problems()[0], Catch::Contains("threw: fixture data missing"));
}

TEST_CASE("The call carries the test's connection and settings", "[testkit]") {
  // snoop dumps everything it can see of its call, and GETs the paths it is given.
  LoadedPlugin plugin(SNOOP_PLUGIN);
  Provider provider;
  provider.on("GET", "/me", ProviderResponse::json(R"({"login": "ada"})"));
  ah::testkit::CallSettings settings;
  settings.integration = "github";
  settings.connection_id = "conn-42";
  settings.settings_json = R"({"default_state":"closed"})";
  auto result = plugin.call_json("snoop", R"({"paths": ["/me"]})", provider, settings);
  REQUIRE_THAT(result, Succeeds());
  CHECK_THAT(result.structured_json, Catch::Contains(R"(integration=github\n)") &&
                                         Catch::Contains(R"(connection=conn-42\n)") &&
                                         Catch::Contains(R"(\"default_state\":\"closed\")") &&
                                         Catch::Contains(R"(GET /me -> 200)"));
}

TEST_CASE("A call's timeout is its deadline: requests after it are refused", "[testkit]") {
  LoadedPlugin plugin(SNOOP_PLUGIN);
  Provider provider;
  // The first answer takes longer than the whole call may, so the second request comes too late.
  provider.on("GET", "/slow", [](const ProviderRequest&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return ProviderResponse::json("{}");
  });
  provider.on("GET", "/after", ProviderResponse::json("{}"));
  ah::testkit::CallSettings settings;
  settings.timeout = std::chrono::milliseconds(100);
  auto result = plugin.call_json("snoop", R"({"paths": ["/slow", "/after"]})", provider, settings);
  INFO(result);
  // The failure names the request once: the SDK's ah::HttpError says what failed and why.
  CHECK_THAT(result.text, Catch::Contains("GET /slow -> 200") &&
                              Catch::Contains(R"(\nGET /after failed: AH_ERR_CANCELLED\n)"));
  CHECK(provider.requests().size() == 1);
}

TEST_CASE("A provider can be reused across calls and its record cleared", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("GET", "/repos/acme/rockets/issues", ProviderResponse::json("[]"));
  tracker::ListIssuesIn in{"acme/rockets", std::nullopt};
  REQUIRE_THAT(plugin.call<tracker::ListIssuesOut>("list_issues", in, provider), Succeeds());
  REQUIRE_THAT(plugin.call<tracker::ListIssuesOut>("list_issues", in, provider), Succeeds());
  CHECK(provider.requests().size() == 2);

  // A later handler for the same method and path replaces the first.
  provider.on("GET", "/repos/acme/rockets/issues", ProviderResponse::text("gone", 410));
  provider.clear();
  auto gone = plugin.call<tracker::ListIssuesOut>("list_issues", in, provider);
  CHECK_THAT(gone, FailsWith(AH_ERR_TOOL, "provider answered HTTP 410: gone"));
  REQUIRE(provider.requests().size() == 1);
  CHECK_THROWS_WITH(provider.requests()[0].json(),
                    Catch::StartsWith("GET /repos/acme/rockets/issues?state=open&per_page=50: "
                                      "the body is not JSON"));
}
