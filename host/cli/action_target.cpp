#include "action_target.hpp"
#include "options.hpp"
#include "plugin_dir.hpp"

#include "schema.hpp"

#include <algorithm>

#ifndef ACTIONHOST_VERSION
#define ACTIONHOST_VERSION "0.1.0"
#endif

namespace actionhost::cli {

namespace {

std::string action_names(const plugins::Plugin& plugin) {
  std::string names;
  for (const auto& action : plugin.actions())
    names += (names.empty() ? "" : ", ") + action->name;
  return names.empty() ? "none" : names;
}

} // namespace

TargetLoader::TargetLoader(const ParsedArgs& args)
    : config_file_(args.get("config", kDefaultConfig)), config_named_(args.has("config")) {
  if (args.has("plugin-dir"))
    plugin_dir_ = std::filesystem::absolute(args.get("plugin-dir"));
  if (args.has("plugin"))
    plugin_file_ = std::filesystem::absolute(args.get("plugin")).string();
}

TargetLoader::~TargetLoader() {
  for (auto& [path, plugin] : plugins_)
    plugin->shutdown();
}

const config::Config* TargetLoader::config() {
  if (!config_loaded_) {
    config_loaded_ = true;
    if (config_named_ || !plugin_file_ || std::filesystem::exists(config_file_))
      config_ = config::load_file(config_file_); // ConfigError names file:line
  }
  return config_ ? &*config_ : nullptr;
}

std::shared_ptr<plugins::Plugin> TargetLoader::plugin(const std::string& path,
                                                      const std::optional<std::string>& sha256) {
  if (auto it = plugins_.find(path); it != plugins_.end())
    return it->second;
  plugins::LoadOptions options;
  options.expected_sha256 = sha256;
  options.host_version = ACTIONHOST_VERSION;
  auto loaded = plugins::load_plugin(path, options); // LoadError names the file and the reason
  plugins_.emplace(path, loaded);
  return loaded;
}

ActionTarget TargetLoader::load(const std::string& integration_key,
                                const std::string& action_name) {
  ActionTarget target;
  const config::Config* file = config();
  const config::Integration* configured = file ? file->find(integration_key) : nullptr;
  if (configured) {
    target.integration = *configured;
    target.configured = true;
  } else if (plugin_file_) {
    target.integration.key = integration_key;
    target.integration.title = integration_key;
  } else {
    throw std::runtime_error("integration '" + integration_key + "' is not in " + config_file_ +
                             " (add it there, or run a plugin it does not list yet with "
                             "--plugin PATH.so)");
  }

  if (plugin_file_) {
    target.plugin = plugin(*plugin_file_, std::nullopt);
  } else {
    auto dir =
        plugin_dir_ ? *plugin_dir_ : file->server.plugin_dir.value_or(plugin_dir_next_to_binary());
    auto path = config::plugin_path(*configured, dir).lexically_normal().string();
    target.plugin = plugin(path, configured->sha256);
  }

  target.action = target.plugin->action(action_name);
  if (!target.action)
    throw std::runtime_error("plugin '" + target.plugin->id() + "' has no action '" + action_name +
                             "' (it has: " + action_names(*target.plugin) + ")");
  const auto& staged = target.integration.staged;
  bool listed_staged = std::find(staged.begin(), staged.end(), action_name) != staged.end();
  if (target.configured && target.integration.exposes(action_name)) {
    target.staged = false;
  } else if (listed_staged || plugin_file_) {
    target.staged = true;
  } else {
    throw std::runtime_error("integration '" + integration_key + "' neither exposes nor stages '" +
                             action_name + "': list it under staged: in " + config_file_ +
                             " to try it before exposing it, or run the plugin with --plugin");
  }
  return target;
}

plugins::RequestInfo request_info(const ActionTarget& target, const std::string& connection_id,
                                  const std::string& metadata_json) {
  plugins::RequestInfo info;
  info.integration_key = target.integration.key;
  info.connection_id = connection_id;
  info.connection_metadata_json = metadata_json;
  info.settings_json = target.integration.settings_json;
  return info;
}

std::vector<std::string> ReplayRun::problems(const fixtures::Fixture& fixture) const {
  std::vector<std::string> lines = mismatches;
  for (size_t index : unused) {
    const auto& request = fixture.exchanges[index].request;
    lines.push_back("recorded exchange " + std::to_string(index) + " (" + request.method + " " +
                    request.path + ") was never requested");
  }
  for (const auto& difference : differences)
    lines.push_back("output " + fixtures::to_string(difference));
  return lines;
}

std::string counted(size_t count, const std::string& singular, const std::string& plural) {
  return std::to_string(count) + " " +
         (count == 1       ? singular
          : plural.empty() ? singular + "s"
                           : plural);
}

std::string indented(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char c : text) {
    out += c;
    if (c == '\n')
      out += prefix;
  }
  return out;
}

ReplayRun replay(const ActionTarget& target, const fixtures::Fixture& fixture,
                 plugins::CallServices& base) {
  fixtures::Replayer replayer(base, fixture.exchanges);
  fixtures::Recorder seen(replayer);
  plugins::CallOptions options;
  options.services = &seen;
  options.request = request_info(
      target, "replay", fixture.metadata ? schema::to_json(fixture.metadata) : std::string("{}"));
  ReplayRun run;
  run.result = target.action->call(fixture.input, options);
  run.mismatches = replayer.mismatches();
  run.unused = replayer.unused();
  run.exchanges = seen.exchanges();
  if (fixture.output)
    run.differences =
        fixtures::compare_outputs(fixture.output, run.result.to_json(), fixture.ignore);
  return run;
}

} // namespace actionhost::cli
