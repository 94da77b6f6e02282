// What `dryrun` and `test` share: finding the action to run (an integration of integrations.yaml,
// or a plugin file it does not list yet), loading only that plugin, and replaying a fixture
// against it with no connection and no network.
#pragma once

#include "config.hpp"
#include "fixtures.hpp"
#include "plugins.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace actionhost::cli {

struct ParsedArgs;

// One action ready to run, with the integration it runs for.
struct ActionTarget {
  config::Integration integration; // from integrations.yaml, or made up for a --plugin file
  bool configured = false;         // the integration is in integrations.yaml
  std::shared_ptr<plugins::Plugin> plugin;
  std::shared_ptr<const plugins::Action> action;
  bool staged = false; // runs here and in the test kit, but MCP clients neither see nor call it
};

// Loads integrations.yaml once and each plugin file once, for any number of actions.
class TargetLoader {
public:
  // Reads --config, --plugin-dir and --plugin from `args`. A missing integrations.yaml is an
  // error only when --config names it or no --plugin is given.
  explicit TargetLoader(const ParsedArgs& args);
  ~TargetLoader(); // shuts the loaded plugins down

  // Throws std::runtime_error saying what is missing and what to do about it.
  ActionTarget load(const std::string& integration_key, const std::string& action_name);

private:
  const config::Config* config();
  std::shared_ptr<plugins::Plugin> plugin(const std::string& path,
                                          const std::optional<std::string>& sha256);

  std::string config_file_;
  bool config_named_ = false;
  std::optional<std::filesystem::path> plugin_dir_;
  std::optional<std::string> plugin_file_;
  std::optional<config::Config> config_;
  bool config_loaded_ = false;
  std::map<std::string, std::shared_ptr<plugins::Plugin>> plugins_;
};

// The RequestInfo a call of `target` carries outside the server.
plugins::RequestInfo request_info(const ActionTarget& target, const std::string& connection_id,
                                  const std::string& metadata_json);

// One fixture replayed: the action's result, the requests nothing matched, the recorded
// exchanges nobody asked for, and the differences from the recorded output.
struct ReplayRun {
  plugins::ToolResult result;
  std::vector<std::string> mismatches;
  std::vector<size_t> unused;
  std::vector<fixtures::Difference> differences; // empty when the fixture recorded no output
  std::vector<fixtures::Exchange> exchanges;     // what the plugin asked and was answered
  bool passed() const { return mismatches.empty() && unused.empty() && differences.empty(); }
  // Every problem, one a line, ready to print (exchanges not requested named by method and path).
  std::vector<std::string> problems(const fixtures::Fixture& fixture) const;
};

// "1 exchange", "2 exchanges", "0 exchanges": a count with its noun in agreement (the plural
// adds "s" unless given).
std::string counted(size_t count, const std::string& singular, const std::string& plural = {});

// Every line of `text` after `prefix` (multi-line problems stay under what they belong to).
std::string indented(const std::string& text, const std::string& prefix);

ReplayRun replay(const ActionTarget& target, const fixtures::Fixture& fixture,
                 plugins::CallServices& base);

} // namespace actionhost::cli
