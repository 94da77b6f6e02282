// The tool registry: which plugin serves each integration of the configuration, and which of its
// actions that integration exposes. Built once at start from integrations.yaml; the MCP layer asks
// it what a caller of an integration may see and call.
#pragma once

#include "config.hpp"
#include "plugins.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace actionhost::registry {

// One integration being served, with its plugin loaded.
struct ServedIntegration {
  config::Integration config;
  std::shared_ptr<plugins::Plugin> plugin;
  // Exposed over MCP, in the plugin's registration order (stable across restarts).
  std::vector<std::shared_ptr<const plugins::Action>> tools;
  // Listed as staged: runnable in dry runs and the test kit, never over MCP.
  std::vector<std::shared_ptr<const plugins::Action>> staged;

  // An exposed tool by name; null when unknown or not exposed.
  std::shared_ptr<const plugins::Action> tool(const std::string& name) const;
};

class Registry {
public:
  const std::vector<ServedIntegration>& integrations() const { return integrations_; }
  // Null when no integration has this key (or it could not be loaded).
  const ServedIntegration* find(const std::string& key) const;
  // Each distinct plugin once, in load order.
  const std::vector<std::shared_ptr<plugins::Plugin>>& plugins() const { return plugins_; }
  // Calls every plugin's shutdown on this thread (the main one); idempotent.
  void shutdown();

private:
  friend Registry build(const config::Config&, const struct BuildOptions&,
                        std::vector<config::Diagnostic>&);
  std::vector<ServedIntegration> integrations_;
  std::vector<std::shared_ptr<plugins::Plugin>> plugins_;
};

struct BuildOptions {
  std::filesystem::path plugin_dir;
  std::string host_version;
  plugins::LogSink log; // what plugins log outside requests
  // What plugins announce through ah_host_api.notify (their lists or resources changed); empty:
  // logged at debug level.
  plugins::NotifySink notify;
};

// Loads the plugin of every integration (each file once, with its sha256 pin) and matches the
// configured action lists against what the plugins registered. An integration that cannot be
// served is left out and explained in `problems` (file:line:col of the offending setting);
// the others are served.
Registry build(const config::Config& config, const BuildOptions& options,
               std::vector<config::Diagnostic>& problems);

} // namespace actionhost::registry
