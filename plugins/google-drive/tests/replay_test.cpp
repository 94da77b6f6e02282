// The fixtures in this folder were recorded with `actionhost dryrun --save` against the fake
// Drive (README.md says how); replayed here, the plugin must send the same requests and give the
// same output.
#include "support.hpp"

using namespace google_drive_tests;

TEST_CASE("search_files replays its recorded pages and gives the recorded files") {
  Fixture fixture(FIXTURE_DIR "/search_files.json");

  auto result = plugin().replay<drive::SearchFilesOut>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK(result->files.size() == 3);
}

TEST_CASE("get_file replays its export, and a file gone since gives the not-found error") {
  Fixture fixture(FIXTURE_DIR "/get_file_doc.json");
  REQUIRE_THAT(plugin().replay<drive::GetFileOut>(fixture), MatchesFixture(fixture));

  auto drive = fixture.provider();
  drive.on("GET", "/files/*", drive_error(404, "notFound", "File not found."));
  auto result =
      plugin().call<drive::GetFileOut>("get_file", fixture.input<drive::GetFileIn>(), drive);
  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "search_files finds files by name"));
}

TEST_CASE("A recorded refusal replays as the same tool error") {
  Fixture fixture(FIXTURE_DIR "/get_file_binary.json");

  auto result = plugin().replay<drive::GetFileOut>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "is binary (application/pdf)"));
}
