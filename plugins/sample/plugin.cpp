// Registration of the sample plugin: what the host lists, with honest annotations.
#include "actions.hpp"
#include "content.hpp"

AH_PLUGIN("sample", "0.1.0", "Sample", "Demonstrates the typed plugin API") {
  using namespace sample;
  plugin.action("echo", echo)
      .title("Echo")
      .description("Returns the given text unchanged. Useful to test a connection.")
      .read_only()
      .idempotent()
      .open_world(false);
  plugin.action("add", add)
      .title("Add")
      .description("Adds two numbers and returns their sum.")
      .read_only()
      .idempotent()
      .open_world(false);
  // Not idempotent: every call may answer differently.
  plugin.action("current_time", current_time)
      .title("Current time")
      .description("Returns the current time in UTC, and in the requested format.")
      .read_only()
      .idempotent(false)
      .open_world(false);
  plugin.resource("sample://readme", "readme", readme)
      .title("Sample plugin README")
      .description("What this plugin offers")
      .mime_type("text/markdown");
  plugin.prompt("summarize", summarize)
      .title("Summarize")
      .description("Asks the model to summarize a text in a given style and language")
      .complete("language", ah::complete_from(summary_languages()));
}
