// Drive's error answers become tool errors that say what to do next.
#include "support.hpp"

using namespace google_drive_tests;

namespace {

Result<drive::GetFileOut> get_answered_with(const ProviderResponse& answer) {
  Provider drive;
  drive.on("GET", "/files/f1", answer);
  drive::GetFileIn in;
  in.file_id = "f1";
  return plugin().call<drive::GetFileOut>("get_file", in, drive);
}

} // namespace

TEST_CASE("A 404 names the file and points to search_files") {
  CHECK_THAT(get_answered_with(drive_error(404, "notFound", "File not found: f1.")),
             FailsWith(AH_ERR_TOOL, "Drive has no file with id 'f1' that this connection can "
                                    "see; search_files finds files by name"));
}

TEST_CASE("A 401 asks for the connection to be reconnected") {
  CHECK_THAT(get_answered_with(drive_error(401, "authError", "Invalid Credentials")),
             FailsWith(AH_ERR_TOOL, "Drive rejected this connection's credentials"));
}

TEST_CASE("Rate limits are recognised by status 429 and by Drive's 403 reasons") {
  CHECK_THAT(get_answered_with(drive_error(429, "rateLimitExceeded", "Rate Limit Exceeded")),
             FailsWith(AH_ERR_TOOL, "Drive is rate limiting this connection"));
  CHECK_THAT(get_answered_with(drive_error(403, "userRateLimitExceeded", "User Rate Limit")),
             FailsWith(AH_ERR_TOOL, "Drive is rate limiting this connection"));
}

TEST_CASE("Missing permissions quote Drive's message") {
  CHECK_THAT(get_answered_with(drive_error(403, "insufficientFilePermissions",
                                           "The user does not have sufficient permissions")),
             FailsWith(AH_ERR_TOOL, "this Drive connection may not read file with id 'f1': The "
                                    "user does not have sufficient permissions"));
}

TEST_CASE("A 5xx says to try later, any other refusal quotes Drive") {
  CHECK_THAT(get_answered_with(drive_error(503, "backendError", "Backend Error")),
             FailsWith(AH_ERR_TOOL, "Drive answered HTTP 503 for file with id 'f1'; try again"));
  CHECK_THAT(get_answered_with(drive_error(400, "invalid", "Invalid field selection")),
             FailsWith(AH_ERR_TOOL, "Drive refused file with id 'f1': Invalid field selection"));
  CHECK_THAT(get_answered_with(ProviderResponse::text("<html>Bad request</html>", 400)),
             FailsWith(AH_ERR_TOOL, "Drive refused file with id 'f1': HTTP 400"));
}

TEST_CASE("A search Drive refuses names the search") {
  Provider drive;
  drive.on("GET", "/files", drive_error(400, "invalid", "Invalid Value"));

  CHECK_THAT(plugin().call<drive::SearchFilesOut>("search_files", drive::SearchFilesIn{}, drive),
             FailsWith(AH_ERR_TOOL, "Drive refused the search: Invalid Value"));
}
