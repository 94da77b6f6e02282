// A deployment serving the google-drive plugin exactly as plugins/google-drive/integration.yaml
// ships it, with GOOGLE_DRIVE_BASE_URL and GOOGLE_OAUTH_TOKEN_URL pointing at a fake Drive, one
// OAuth2 connection (c1) made with the CLI, and a secret key.
#pragma once

#include "drive_fake.hpp"
#include "provider_host.hpp"

namespace drive_test {

using actionhost::fakes::DriveFake;
using actionhost::fakes::DriveFile;

inline constexpr const char* kToken = "ya29.valid-token";

// A few files: Docs editors files, text files, a binary one, a trashed one, one not shared.
inline void seed(DriveFake& drive) {
  auto file = [&](std::string id, std::string name, std::string mime, std::string content,
                  std::string modified) {
    DriveFile f;
    f.id = std::move(id);
    f.name = std::move(name);
    f.mime_type = std::move(mime);
    f.content = std::move(content);
    f.modified_time = std::move(modified);
    return f;
  };
  drive.add_file(file("doc1", "Q3 plan", "application/vnd.google-apps.document",
                      "Goals for Q3: ship the Drive plugin.", "2024-06-03T10:00:00.000Z"));
  drive.add_file(file("sheet1", "Budget 2024", "application/vnd.google-apps.spreadsheet",
                      "item,cost\nlaptops,1200\n", "2024-06-02T10:00:00.000Z"));
  drive.add_file(file("notes1", "Bob's notes.txt", "text/plain", "remember the budget review",
                      "2024-06-01T10:00:00.000Z"));
  drive.add_file(file("json1", "config.json", "application/json", "{\"plan\": \"q3\"}",
                      "2024-05-30T10:00:00.000Z"));
  drive.add_file(file("pdf1", "Q3 plan.pdf", "application/pdf", std::string("%PDF-1.7\0\xff", 10),
                      "2024-05-29T10:00:00.000Z"));
  drive.add_file(
      file("form1", "Survey", "application/vnd.google-apps.form", "", "2024-05-28T10:00:00.000Z"));
  auto trashed = file("old1", "Q3 plan (old)", "application/vnd.google-apps.document", "old",
                      "2024-05-27T10:00:00.000Z");
  trashed.trashed = true;
  drive.add_file(trashed);
  auto unshared =
      file("private1", "Q3 salaries", "text/plain", "secret", "2024-05-26T10:00:00.000Z");
  unshared.owner_email = "hr@example.com";
  unshared.visible = false;
  drive.add_file(unshared);
}

class DriveHost {
public:
  explicit DriveHost(const std::string& token = kToken)
      : host_(provider_test::integration_block(DRIVE_INTEGRATION_YAML)) {
    seed(drive);
    drive.accept_token(kToken);
    drive.oauth_client("drive-client", "drive-secret", "1//refresh-token");
    host_.extra_env = {{"GOOGLE_DRIVE_BASE_URL", drive.url()},
                       {"GOOGLE_OAUTH_TOKEN_URL", drive.token_url()},
                       {"GOOGLE_CLIENT_ID", "drive-client"},
                       {"GOOGLE_CLIENT_SECRET", "drive-secret"}};
    host_.create_connection(
        "google-drive", "c1",
        {"--access-token", token, "--refresh-token", "1//refresh-token", "--expires-in", "3599"});
    key_ = host_.create_key("agent");
    host_.start();
  }

  provider_test::ToolCall call(const std::string& tool, const std::string& arguments) {
    return provider_test::call_tool(host_.port(), key_, "google-drive", "c1", tool, arguments);
  }
  Poco::JSON::Object::Ptr tools() {
    return provider_test::list_tools(host_.port(), key_, "google-drive", "c1");
  }

  DriveFake drive; // constructed first: the host needs its URL

private:
  actionhost::testing::KeyedHost host_;
  std::string key_;
};

} // namespace drive_test
