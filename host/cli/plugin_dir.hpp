// Where the commands that load plugins (serve, config check, dryrun, test) look for them:
// --plugin-dir, else server.plugin_dir, else the plugins folder next to the binary's folder
// (build/plugins for build/bin/actionhost, <prefix>/plugins when installed).
#pragma once

#include "config.hpp"
#include "options.hpp"

#include <filesystem>

namespace actionhost::cli {

void add_plugin_dir_option(CommandSpec& spec);
std::filesystem::path plugin_dir_next_to_binary();
std::filesystem::path plugin_dir(const ParsedArgs& args, const config::Config& config);

} // namespace actionhost::cli
