#include "registry.hpp"

#include <map>

namespace actionhost::registry {

std::shared_ptr<const plugins::Action> ServedIntegration::tool(const std::string& name) const {
  for (const auto& action : tools)
    if (action->name == name)
      return action;
  return nullptr;
}

const ServedIntegration* Registry::find(const std::string& key) const {
  for (const auto& integration : integrations_)
    if (integration.config.key == key)
      return &integration;
  return nullptr;
}

void Registry::shutdown() {
  for (const auto& plugin : plugins_)
    plugin->shutdown();
}

namespace {

std::string names_of(const std::vector<std::shared_ptr<const plugins::Action>>& actions) {
  std::string out;
  for (const auto& action : actions)
    out += (out.empty() ? "" : ", ") + action->name;
  return out.empty() ? "none" : out;
}

// Splits the plugin's actions into exposed and staged per the integration's lists, reporting
// names the plugin does not have. Returns false when the integration cannot be served.
bool select_actions(const config::Config& config, ServedIntegration& served,
                    std::vector<config::Diagnostic>& problems) {
  const auto& integration = served.config;
  auto all = served.plugin->actions();
  bool ok = true;
  auto check_listed = [&](const std::vector<std::string>& names, const std::string& list) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (!served.plugin->action(names[i])) {
        problems.push_back(config.diagnostic(integration, list + "[" + std::to_string(i) + "]",
                                             "plugin '" + served.plugin->id() +
                                                 "' has no action '" + names[i] +
                                                 "' (it has: " + names_of(all) + ")"));
        ok = false;
      }
    }
  };
  if (integration.actions)
    check_listed(*integration.actions, "actions");
  check_listed(integration.staged, "staged");
  for (const auto& action : all) {
    if (integration.exposes(action->name))
      served.tools.push_back(action);
    else if (std::find(integration.staged.begin(), integration.staged.end(), action->name) !=
             integration.staged.end())
      served.staged.push_back(action);
  }
  return ok;
}

} // namespace

Registry build(const config::Config& config, const BuildOptions& options,
               std::vector<config::Diagnostic>& problems) {
  Registry registry;
  std::map<std::string, std::shared_ptr<plugins::Plugin>> by_file; // each file loaded once
  for (const auto& integration : config.integrations) {
    auto path = config::plugin_path(integration, options.plugin_dir).lexically_normal().string();
    std::shared_ptr<plugins::Plugin> plugin;
    if (auto it = by_file.find(path); it != by_file.end()) {
      plugin = it->second;
      if (integration.sha256 && *integration.sha256 != plugin->sha256()) {
        problems.push_back(config.diagnostic(integration, "sha256",
                                             path + " has sha256 " + plugin->sha256() +
                                                 ", not the pinned " + *integration.sha256));
        continue;
      }
    } else {
      plugins::LoadOptions load;
      load.expected_sha256 = integration.sha256;
      load.host_version = options.host_version;
      load.log = options.log;
      load.notify = options.notify;
      try {
        plugin = plugins::load_plugin(path, load);
      } catch (const plugins::LoadError& e) {
        problems.push_back(
            config.diagnostic(integration, "plugin", std::string("plugin refused: ") + e.what()));
        continue;
      }
      by_file.emplace(path, plugin);
      registry.plugins_.push_back(plugin);
    }
    ServedIntegration served{integration, plugin, {}, {}};
    if (select_actions(config, served, problems))
      registry.integrations_.push_back(std::move(served));
  }
  return registry;
}

} // namespace actionhost::registry
