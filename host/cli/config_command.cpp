// `actionhost config check`: everything serve would refuse about the configuration, without
// starting anything: the file itself, its plugin files on disk, and open access on a reachable
// listen address.
#include "commands.hpp"
#include "options.hpp"
#include "plugin_dir.hpp"

#include "config.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <system_error>

namespace actionhost::cli {
namespace {

CommandSpec config_check_spec() {
  CommandSpec spec;
  spec.name = "config check";
  spec.description = "Validates the integrations file and the plugin files it names, and prints "
                     "every problem with its file:line:column. Exits 0 when everything checks "
                     "out, 1 otherwise.";
  add_plugin_dir_option(spec);
  add_value_option(spec, "listen", "HOST:PORT",
                   "The address serve will listen on, for the access: open check (default: "
                   "server.listen, else 127.0.0.1:8080).");
  return spec;
}

std::string summary(const config::Config& config) {
  size_t count = config.integrations.size();
  std::string text = std::to_string(count) + (count == 1 ? " integration" : " integrations");
  std::string keys;
  for (const auto& integration : config.integrations)
    keys += (keys.empty() ? "" : ", ") + integration.key;
  return keys.empty() ? text : text + " (" + keys + ")";
}

// The last line, so a long list still ends with its size.
std::string count_line(const std::string& file, size_t problems) {
  return file + ": " + std::to_string(problems) + (problems == 1 ? " problem" : " problems") + "\n";
}

} // namespace

int config_check_command(const Args& args) {
  auto spec = config_check_spec();
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;

  std::string listen_text = parsed->get("listen");
  auto listen_flag = config::parse_listen_address(listen_text);
  if (!listen_text.empty() && !listen_flag) {
    std::cerr << "actionhost config check: --listen: expected HOST:PORT, got '" << listen_text
              << "'\n";
    return kExitUsage;
  }

  std::string file = parsed->get("config", kDefaultConfig);
  config::Config config;
  try {
    config = config::load_file(file);
  } catch (const config::ConfigError& error) {
    std::cerr << error.what() << "\n" << count_line(file, error.diagnostics().size());
    return kExitFailure;
  }

  auto problems = config::check_plugin_files(config, plugin_dir(*parsed, config));
  for (const auto& integration : config.integrations) {
    const auto& ca_file = integration.proxy ? integration.proxy->ca_file : std::nullopt;
    if (ca_file && !std::filesystem::is_regular_file(*ca_file))
      problems.push_back(config.diagnostic(
          integration, "proxy.ca_file", "proxy.ca_file: " + ca_file->string() + " is not a file"));
  }
  std::stable_sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
    return std::pair(a.location.line, a.location.column) <
           std::pair(b.location.line, b.location.column);
  });
  size_t count = problems.size();
  for (const auto& problem : problems)
    std::cerr << problem.to_string() << "\n";

  auto listen = listen_flag ? listen_flag : config.server.listen;
  std::string listen_host =
      listen ? listen->host : config::parse_listen_address(config::kDefaultListen)->host;
  if (auto refusal = config::check_open_access(config, listen_host)) {
    std::cerr << *refusal << "\n";
    count += static_cast<size_t>(std::count(refusal->begin(), refusal->end(), '\n')) + 1;
  }

  if (count > 0) {
    std::cerr << count_line(file, count);
    return kExitFailure;
  }
  std::cout << file << ": OK, " << summary(config) << "\n";
  return kExitOk;
}

} // namespace actionhost::cli
