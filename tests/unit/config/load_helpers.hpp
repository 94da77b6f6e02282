// Loading YAML text in tests: a fixed file name, a fake environment, errors as plain strings.
#pragma once

#include "config.hpp"

#include <map>
#include <string>
#include <vector>

namespace actionhost::config::testing {

using Env = std::map<std::string, std::string>;

inline EnvLookup fake_env(Env env) {
  return [env = std::move(env)](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

inline Config load(const std::string& yaml, Env env = {}) {
  return load_string(yaml, "integrations.yaml", "/etc/actionhost", fake_env(std::move(env)));
}

// Every diagnostic as "file:line:column: message"; empty when the text loads.
inline std::vector<std::string> errors(const std::string& yaml, Env env = {}) {
  try {
    load(yaml, std::move(env));
    return {};
  } catch (const ConfigError& error) {
    std::vector<std::string> lines;
    for (const auto& diagnostic : error.diagnostics())
      lines.push_back(diagnostic.to_string());
    return lines;
  }
}

using Lines = std::vector<std::string>;

} // namespace actionhost::config::testing
