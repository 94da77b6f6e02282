// The sample plugin's resource and prompt.
#pragma once

#include <actionhost/plugin.hpp>

namespace sample {

std::string readme(ah::Context& ctx);

enum class SummaryStyle { brief, detailed, bullet_points };

struct SummarizeArgs {
  std::string text;
  std::optional<SummaryStyle> style;
  std::optional<std::string> language;
  static auto fields() {
    return std::tuple{ah::field("text", &SummarizeArgs::text, "The text to summarize"),
                      ah::field("style", &SummarizeArgs::style, "brief, detailed or bullet_points"),
                      ah::field("language", &SummarizeArgs::language, "Language of the summary")};
  }
};
std::vector<ah::PromptMessage> summarize(ah::Context& ctx, const SummarizeArgs& args);

// Languages offered when completing the `language` argument.
std::vector<std::string> summary_languages();

} // namespace sample

template <> struct ah::enum_names<sample::SummaryStyle> {
  static constexpr ah::enumerator<sample::SummaryStyle> values[] = {
      {sample::SummaryStyle::brief, "brief"},
      {sample::SummaryStyle::detailed, "detailed"},
      {sample::SummaryStyle::bullet_points, "bullet_points"}};
};
