// Registration of the Google Drive plugin: two read-only actions.
#include "types.hpp"

AH_PLUGIN("google-drive", "1.0.0", "Google Drive", "Search Google Drive and read files as text") {
  using namespace drive;
  plugin.action("search_files", search_files)
      .title("Search files")
      .description("Searches Google Drive by file name, full text and type (trashed files left "
                   "out), up to `limit`; pass next_page_token back as page_token for more.")
      .read_only()
      .idempotent()
      .open_world();
  plugin.action("get_file", get_file)
      .title("Get file")
      .description("Reads a Drive file's metadata and its text: Google Docs and Slides as plain "
                   "text, Sheets as CSV, text files as stored. Binary files (PDF, images, ...) "
                   "and text over max_bytes are refused with the reason.")
      .read_only()
      .idempotent()
      .open_world();
}
