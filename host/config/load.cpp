// The entry points: read the text, walk the top level, throw everything found at once.
#include "keys.hpp"
#include "sections.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace actionhost::config {

std::optional<std::string> process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  return value ? std::optional<std::string>(value) : std::nullopt;
}

Config load_string(std::string_view text, const std::string& file,
                   const std::filesystem::path& base_dir, const EnvLookup& env) {
  Config config;
  config.file = file;
  config.base_dir = std::filesystem::absolute(base_dir).lexically_normal();

  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw ConfigError({{file, detail::location_of(e.mark), e.msg}});
  }
  if (documents.size() > 1) // yaml-cpp's Load would silently ignore all but the first
    throw ConfigError({{file, detail::location_of(documents[1].Mark()),
                        "expected one YAML document, found " + std::to_string(documents.size())}});
  YAML::Node root = documents.empty() ? YAML::Node() : documents[0];

  std::vector<Diagnostic> diagnostics;
  detail::Context ctx{file, config.base_dir, &env, &diagnostics, "", nullptr};
  if (root.IsNull())
    throw ConfigError({{file, {}, "the file is empty (expected an integrations: map)"}});

  detail::Section top(ctx, {"", root, root.Mark()}, detail::kTopKeys);
  if (auto server = top.get("server"))
    config.server = detail::read_server(ctx, *server);
  if (auto integrations = top.get("integrations")) {
    detail::Section section(ctx, *integrations, std::nullopt);
    for (const auto& entry : section.entries())
      config.integrations.push_back(detail::read_integration(ctx, entry));
  } else if (top.is_map()) {
    ctx.error(root.Mark(), "missing 'integrations' (a map from provider-config-key to "
                           "integration)");
  }
  if (!diagnostics.empty()) {
    // Sections are read in a fixed order; users read their file top to bottom.
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
      return std::pair(a.location.line, a.location.column) <
             std::pair(b.location.line, b.location.column);
    });
    throw ConfigError(std::move(diagnostics));
  }
  return config;
}

Config load_file(const std::filesystem::path& path, const EnvLookup& env) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in)
    text << in.rdbuf();
  if (!in || in.bad())
    throw ConfigError({{path.string(), {}, "cannot read the file"}});
  auto base_dir = std::filesystem::absolute(path).parent_path();
  return load_string(text.str(), path.string(), base_dir, env);
}

} // namespace actionhost::config
