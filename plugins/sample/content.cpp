#include "content.hpp"

namespace sample {

std::string readme(ah::Context&) {
  return "# Sample plugin\n\n"
         "Demonstrates the typed ActionHost plugin API. It makes no network calls.\n\n"
         "- `echo`: returns its text unchanged\n"
         "- `add`: adds two numbers\n"
         "- `current_time`: the current UTC time, in RFC 3339, RFC 1123 or Unix seconds\n"
         "- prompt `summarize`: asks the model to summarize a text\n";
}

std::vector<ah::PromptMessage> summarize(ah::Context&, const SummarizeArgs& args) {
  std::string style(ah::enum_to_name(args.style.value_or(SummaryStyle::brief)).value_or("brief"));
  std::string ask = "Summarize the following text (style: " + style + ")";
  if (args.language)
    ask += " in " + *args.language;
  return {ah::PromptMessage::user(ask + ":\n\n" + args.text)};
}

std::vector<std::string> summary_languages() {
  return {"English", "French", "German", "Italian", "Japanese", "Portuguese", "Spanish"};
}

} // namespace sample
