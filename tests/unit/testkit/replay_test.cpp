// Replaying a recorded call (the format `actionhost dryrun --save` writes): the action runs with
// its recorded input against its recorded exchanges, with no network, and its output is compared
// with the recorded one.
#include "tracker.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

#include <Poco/TemporaryFile.h>

#include <fstream>

using ah::testkit::Fixture;
using ah::testkit::LoadedPlugin;
using ah::testkit::MatchesFixture;
using ah::testkit::ProviderResponse;
using ah::testkit::Succeeds;

namespace {

const std::string recording = SOURCE_DIR "/tests/unit/testkit/fixtures/list_issues.json";

std::string read_recording() {
  std::ifstream in(recording);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The recording with some text replaced, in a temporary file that lives as long as the test.
struct EditedFixture {
  Poco::TemporaryFile file;
  using Edits = std::vector<std::pair<std::string, std::string>>;
  explicit EditedFixture(const Edits& edits) {
    std::string text = read_recording();
    for (const auto& [from, to] : edits) {
      size_t at = text.find(from);
      REQUIRE(at != std::string::npos);
      text.replace(at, from.size(), to);
    }
    std::ofstream(file.path()) << text;
  }
  std::string path() const { return file.path(); }
};

// The first issue's title in the recorded output only (the provider's body is indented deeper).
const std::string output_title = "\n          \"title\": \"Fins fall off\"";
const std::string renamed_title = "\n          \"title\": \"Fins came off\"";
// ... and in its text echo.
const std::string echoed_title = R"(\"title\":\"Fins fall off\")";
const std::string echoed_renamed = R"(\"title\":\"Fins came off\")";

} // namespace

TEST_CASE("A recorded call replays offline and matches its recording", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Fixture fixture(recording);
  CHECK(fixture.action() == "list_issues");
  CHECK(fixture.input<tracker::ListIssuesIn>().state == "all");

  auto result = plugin.replay<tracker::ListIssuesOut>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK(result->issues.at(1).title == "Launch pad too small");
}

TEST_CASE("The recorded input can be varied, and a request off the recording is explained",
          "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Fixture fixture(recording);
  auto input = fixture.input<tracker::ListIssuesIn>();
  input.state = "open";
  auto provider = fixture.provider();

  auto result = plugin.call<tracker::ListIssuesOut>("list_issues", input, provider);

  CHECK(result.is_error);
  REQUIRE(result.problems.size() == 1);
  CHECK_THAT(result.problems[0],
             Catch::Contains("no recorded exchange matches GET /repos/acme/rockets/issues") &&
                 Catch::Contains(R"(query state: recorded "all", got "open")"));
  CHECK(provider.unused() ==
        std::vector<std::string>{
            "recorded exchange 0 (GET /repos/acme/rockets/issues) was never requested"});
}

TEST_CASE("Output that changed since the recording is listed path by path", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  // The provider now says the issue is closed; the recording says open.
  Fixture fixture(recording);
  auto provider = fixture.provider();
  provider.on("GET", "/repos/acme/rockets/issues", ProviderResponse::json(R"([
    {"number": 7, "title": "Fins fall off", "state": "closed"},
    {"number": 3, "title": "Launch pad too small", "state": "closed"}])"));
  auto result = plugin.call_json("list_issues", fixture.input_json(), provider);

  REQUIRE(result.ok());
  auto differences = fixture.differences(result);
  CHECK_THAT(differences,
             Catch::VectorContains(std::string(
                 R"(/structuredContent/issues/0/state: expected "open", got "closed")")));
  MatchesFixture matcher(fixture);
  CHECK_FALSE(matcher.match(result));
  CHECK_THAT(matcher.describe(), Catch::Contains("/structuredContent/issues/0/state"));
}

TEST_CASE("Paths the fixture ignores may differ", "[testkit]") {
  LoadedPlugin plugin(TRACKER_PLUGIN);
  // The recorded output says "Fins came off"; the provider's recorded body still says otherwise.
  EditedFixture strict_file(
      EditedFixture::Edits{{output_title, renamed_title}, {echoed_title, echoed_renamed}});
  Fixture strict(strict_file.path());
  auto result = plugin.replay<tracker::ListIssuesOut>(strict);
  CHECK_THAT(strict.differences(result), Catch::VectorContains(std::string(
                                             R"(/structuredContent/issues/0/title: )"
                                             R"(expected "Fins came off", got "Fins fall off")")));

  EditedFixture ignoring_file(EditedFixture::Edits{
      {output_title, renamed_title},
      {echoed_title, echoed_renamed},
      {R"("ignore": [])", R"("ignore": ["/structuredContent/issues/*/title"])"}});
  Fixture ignoring(ignoring_file.path());
  CHECK_THAT(plugin.replay<tracker::ListIssuesOut>(ignoring), MatchesFixture(ignoring));
}

TEST_CASE("Recorded exchanges the action never requested are a problem of the replay",
          "[testkit]") {
  // A second, identical exchange: the action asks once, so one recorded exchange stays unused.
  std::string text = read_recording();
  size_t start = text.find("    {\n      \"request\"");
  size_t end = text.rfind("\n  ]\n}");
  std::string exchange = text.substr(start, end - start);
  EditedFixture doubled(EditedFixture::Edits{{"\n  ]\n}", ",\n" + exchange + "\n  ]\n}"}});
  LoadedPlugin plugin(TRACKER_PLUGIN);
  Fixture fixture(doubled.path());
  auto result = plugin.replay<tracker::ListIssuesOut>(fixture);
  CHECK(result.ok());
  CHECK(result.problems ==
        std::vector<std::string>{
            "recorded exchange 1 (GET /repos/acme/rockets/issues) was never requested"});
  CHECK_FALSE(MatchesFixture(fixture).match(result));
}

TEST_CASE("A fixture file that cannot be read is named with the reason", "[testkit]") {
  CHECK_THROWS_WITH(Fixture("/nonexistent/list.json"), Catch::Contains("/nonexistent/list.json"));
  EditedFixture broken(EditedFixture::Edits{{R"("status": 200)", R"("status": "200")"}});
  CHECK_THROWS_WITH(Fixture(broken.path()),
                    Catch::Contains("exchanges[0].response.status: expected an integer"));
}

TEST_CASE("A replay hands the action the connection metadata it was recorded with", "[testkit]") {
  Poco::TemporaryFile file;
  std::ofstream(file.path()) << R"({"fixture": 1, "integration": "crm", "action": "snoop",
    "input": {"paths": []}, "metadata": {"subdomain": "acme-eu"}, "exchanges": []})";
  LoadedPlugin plugin(SNOOP_PLUGIN);
  Fixture fixture(file.path());
  CHECK(fixture.metadata_json() == R"({"subdomain":"acme-eu"})");

  auto replayed = plugin.replay_json(fixture);
  REQUIRE_THAT(replayed, Succeeds());
  CHECK_THAT(replayed.structured_json, Catch::Contains(R"(metadata={\"subdomain\":\"acme-eu\"})"));

  ah::testkit::CallSettings own;
  own.connection_metadata_json = R"({"subdomain":"acme-us"})";
  CHECK_THAT(plugin.replay_json(fixture, own).structured_json,
             Catch::Contains(R"(metadata={\"subdomain\":\"acme-us\"})"));
}
