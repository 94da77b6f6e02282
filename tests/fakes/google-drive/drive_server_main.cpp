// actionhost_fake_google_drive_server: the Drive fake as a standalone server, for recording the
// google-drive plugin's fixtures with `actionhost dryrun --save` (see
// plugins/google-drive/tests/README.md). Prints its API base URL (GOOGLE_DRIVE_BASE_URL) on the
// first line of stdout and serves until SIGINT or SIGTERM.
//
// The connection's access token must be "fixture-access-token"; files.list pages hold at most 2
// files, so recordings show the paging. Seeded with a Google Doc, a Sheet, a text file, a PDF and a
// trashed doc, three of them with "plan" in their names.
#include "drive_fake.hpp"

#include <iostream>

int main() {
  actionhost::fakes::StopSignals stop; // before any server thread starts

  actionhost::fakes::DriveFake drive;
  drive.accept_token("fixture-access-token");
  auto file = [](std::string id, std::string name, std::string mime_type, std::string content,
                 std::string modified_time) {
    actionhost::fakes::DriveFile f;
    f.id = std::move(id);
    f.name = std::move(name);
    f.mime_type = std::move(mime_type);
    f.content = std::move(content);
    f.modified_time = std::move(modified_time);
    return f;
  };
  auto plan = file("doc-q3-plan", "Q3 plan", "application/vnd.google-apps.document",
                   "Q3 plan\r\n\r\nShip the engine by September.\r\n", "2026-03-01T10:00:00.000Z");
  plan.owner_email = "ada@example.com";
  plan.description = "Goals for the third quarter";
  drive.add_file(plan);
  drive.add_file(file("sheet-budget", "Planning budget", "application/vnd.google-apps.spreadsheet",
                      "item,cost\r\ngears,120\r\n", "2026-02-20T08:00:00.000Z"));
  drive.add_file(file("txt-notes", "plan notes.txt", "text/plain", "first draft of the plan\n",
                      "2026-01-15T12:00:00.000Z"));
  drive.add_file(file("pdf-engine", "Engine drawings.pdf", "application/pdf", "%PDF-1.7 ...",
                      "2026-02-01T12:00:00.000Z"));
  auto old = file("doc-old-plan", "Old plan", "application/vnd.google-apps.document", "obsolete",
                  "2025-11-01T12:00:00.000Z");
  old.trashed = true;
  drive.add_file(old);
  drive.page_cap(2); // small pages, so recordings show the paging

  std::cout << drive.url() << std::endl;
  stop.wait();
  return 0;
}
