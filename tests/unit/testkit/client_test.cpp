// Actions that ask the user (elicitation) or the client's model (sampling): the test answers
// through CallSettings::client, and the result keeps the questions, the progress notifications
// and the log lines. The tracker plugin's close_issues asks for confirmation and reports progress
// per issue; summarize_issues asks the client's model for a summary.
#include "tracker.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

#include <stdexcept>

using ah::testkit::CallSettings;
using ah::testkit::ClientAnswer;
using ah::testkit::ClientQuestion;
using ah::testkit::FailsWith;
using ah::testkit::LoadedPlugin;
using ah::testkit::Provider;
using ah::testkit::ProviderResponse;
using ah::testkit::Succeeds;

namespace {
Provider closing_provider() {
  Provider provider;
  provider.on("PATCH", "/repos/acme/rockets/issues/*", ProviderResponse::json(R"({"ok":true})"));
  return provider;
}
const tracker::CloseIssuesIn kCloseTwo{"acme/rockets", {7, 9}};
} // namespace

TEST_CASE("A test answers the action's elicitation and sees the question, its progress and logs",
          "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider = closing_provider();
  CallSettings settings;
  settings.client.on_elicit([](const ClientQuestion& question) {
    CHECK(question.message() == "Close 2 issues in acme/rockets?");
    // The form the SDK derived from the action's CloseConfirmation struct.
    CHECK(question.params()->getObject("requestedSchema")->getObject("properties")->has("confirm"));
    return ClientAnswer::accept(tracker::CloseConfirmation{true, "duplicates"});
  });

  auto result = plugin.call<tracker::CloseIssuesOut>("close_issues", kCloseTwo, provider, settings);

  REQUIRE_THAT(result, Succeeds());
  CHECK(result->closed == std::vector<std::int64_t>{7, 9});
  CHECK(result->comment == "duplicates");
  REQUIRE(result.questions.size() == 1);
  CHECK(result.questions[0].method == "elicitation/create");
  CHECK(result.questions[0].key == "1"); // the host numbers unnamed questions
  REQUIRE(result.progress.size() == 3);
  CHECK(result.progress[0].progress == 0);
  CHECK(result.progress[0].total == 2);
  CHECK(result.progress[0].message == "closing #7");
  CHECK(result.progress[1].message == "closing #9");
  CHECK(result.progress[2].progress == 2);
  CHECK(result.progress[2].message == "done");
  CHECK(result.logs == std::vector<std::string>{"notice: closed 2 issues"});
  REQUIRE(provider.requests().size() == 2);
  CHECK(provider.requests()[1].line() == "PATCH /repos/acme/rockets/issues/9");
}

TEST_CASE("A declined or cancelled elicitation reaches the action as the user's answer",
          "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  for (auto answer : {ClientAnswer::decline(), ClientAnswer::cancel()}) {
    Provider provider = closing_provider();
    CallSettings settings;
    settings.client.on_elicit(answer);
    auto result =
        plugin.call<tracker::CloseIssuesOut>("close_issues", kCloseTwo, provider, settings);
    CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "the user did not confirm: nothing was closed"));
    CHECK(result.progress.empty());
    CHECK(provider.requests().empty());
  }
}

TEST_CASE("Without a handler the client lacks the capability, as an MCP client without it would",
          "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider = closing_provider();
  auto result = plugin.call<tracker::CloseIssuesOut>("close_issues", kCloseTwo, provider);
  CHECK(result.is_error);
  CHECK(result.status == AH_ERR_UNSUPPORTED);
  CHECK(result.error() == "elicitation/create failed: the test's client answers no "
                          "'elicitation/create' (give CallSettings::client a handler for it)");
  REQUIRE(result.questions.size() == 1); // it was asked all the same
  CHECK(provider.requests().empty());
}

TEST_CASE("The action sees only the capabilities the test's client has handlers for", "[testkit]") {
  LoadedPlugin plugin(SNOOP_PLUGIN);
  Provider provider;
  CallSettings settings;
  auto none = plugin.call_json("snoop", R"({"paths": []})", provider, settings);
  CHECK_THAT(none.structured_json, Catch::Contains(R"(client_capabilities={}\n)"));
  settings.client.on_sample(ClientAnswer::text("fine"));
  auto sampling = plugin.call_json("snoop", R"({"paths": []})", provider, settings);
  CHECK_THAT(sampling.structured_json,
             Catch::Contains(R"(client_capabilities={\"sampling\":{}}\n)"));
}

TEST_CASE("A test answers the action's sampling request with the model's text", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("GET", "/repos/acme/rockets/issues", ProviderResponse::json(R"([
    {"number": 7, "title": "Fins fall off", "state": "open"}])"));
  CallSettings settings;
  settings.client.on_sample([](const ClientQuestion& question) {
    return ClientAnswer::text(question.message().find("- Fins fall off") != std::string::npos
                                  ? "One issue: the fins."
                                  : "the prompt lacked the issue");
  });
  auto result = plugin.call<tracker::SummaryOut>(
      "summarize_issues", tracker::ListIssuesIn{"acme/rockets", std::nullopt}, provider, settings);
  REQUIRE_THAT(result, Succeeds());
  CHECK(result->summary == "One issue: the fins.");
  REQUIRE(result.questions.size() == 1);
  CHECK(result.questions[0].method == "sampling/createMessage");
  CHECK(result.questions[0].params()->getValue<int>("maxTokens") == 200);
}

TEST_CASE("A client that fails or a handler that throws fails the question, named in the result",
          "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Provider provider;
  provider.on("GET", "/repos/acme/rockets/issues", ProviderResponse::json("[]"));
  tracker::ListIssuesIn in{"acme/rockets", std::nullopt};
  CallSettings settings;
  settings.client.on_sample(ClientAnswer::fail(AH_ERR_TIMEOUT, "the user never approved it"));
  auto result = plugin.call<tracker::SummaryOut>("summarize_issues", in, provider, settings);
  CHECK(result.status == AH_ERR_TIMEOUT);
  CHECK(result.error() == "sampling/createMessage failed: the user never approved it");

  settings.client.on_sample(
      [](const ClientQuestion&) -> ClientAnswer { throw std::runtime_error("no canned answer"); });
  result = plugin.call<tracker::SummaryOut>("summarize_issues", in, provider, settings);
  CHECK(result.is_error);
  CHECK(result.problems ==
        std::vector<std::string>{"the client's handler for sampling/createMessage threw: no "
                                 "canned answer"});
}
