// The ActionHost test kit: unit tests for plugin actions without a server. Load the plugin,
// call an action with its own typed input, answer its provider requests from handlers or a
// recorded fixture, and assert on its typed output or its tool error:
//
//   ah::testkit::LoadedPlugin plugin("build/tracker.so");
//   ah::testkit::Provider provider;
//   provider.on("GET", "/issues", ah::testkit::ProviderResponse::json(R"([{"id": 7}])"));
//   auto result = plugin.call<ListOut>("list_issues", ListIn{.state = "open"}, provider);
//   REQUIRE(result.ok());
//   CHECK(result.output().issues.size() == 1);
//   CHECK(provider.requests().at(0).query_param("state") == "open");
//
// An action that asks the user (elicitation) or the client's model (sampling) gets its answers
// from handlers in CallSettings::client; the result keeps its questions, progress and log lines:
//   ah::testkit::CallSettings settings;
//   settings.client.on_elicit(ah::testkit::ClientAnswer::accept(Confirm{.confirm = true}));
//   auto closed = plugin.call<CloseOut>("close_issues", CloseIn{...}, provider, settings);
//   CHECK(closed.questions.at(0).message() == "Close 2 issues?");
//   CHECK(closed.progress.size() == 3);
//
// A recorded call (actionhost dryrun --save) replays offline:
//   ah::testkit::Fixture fixture("tests/fixtures/list_issues.json");
//   REQUIRE_THAT(plugin.replay<ListOut>(fixture), ah::testkit::MatchesFixture(fixture));
//
// Link ActionHost::testkit (find_package(ActionHost)). actionhost/testkit/catch2.hpp adds Catch2
// matchers that print the whole result when an assertion fails.
#pragma once

#include <actionhost/testkit/client.hpp>
#include <actionhost/testkit/fixture.hpp>
#include <actionhost/testkit/plugin.hpp>
#include <actionhost/testkit/provider.hpp>
#include <actionhost/testkit/result.hpp>
