// The few behaviours of the configuration types themselves.
#include "config.hpp"

#include <algorithm>

namespace actionhost::config {

std::string_view to_string(AuthMode mode) {
  switch (mode) {
  case AuthMode::OAuth2:
    return "OAUTH2";
  case AuthMode::ApiKey:
    return "API_KEY";
  case AuthMode::Basic:
    return "BASIC";
  case AuthMode::Bearer:
    return "BEARER";
  case AuthMode::None:
    return "NONE";
  }
  return "NONE";
}

Location Integration::where(const std::string& path) const {
  auto it = locations.find(path);
  if (it == locations.end())
    it = locations.find("");
  return it == locations.end() ? Location{} : it->second;
}

bool Integration::exposes(const std::string& action) const {
  auto listed = [&](const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), action) != names.end();
  };
  return !listed(staged) && (!actions || listed(*actions));
}

const Integration* Config::find(std::string_view key) const {
  for (const auto& integration : integrations)
    if (integration.key == key)
      return &integration;
  return nullptr;
}

Diagnostic Config::diagnostic(const Integration& integration, const std::string& path,
                              const std::string& message) const {
  return {file, integration.where(path), "integration '" + integration.key + "': " + message};
}

std::string Diagnostic::to_string() const {
  if (location.line == 0)
    return file + ": " + message;
  return file + ":" + std::to_string(location.line) + ":" + std::to_string(location.column) + ": " +
         message;
}

namespace {
std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics)
    text += (text.empty() ? "" : "\n") + diagnostic.to_string();
  return text;
}
} // namespace

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

} // namespace actionhost::config
