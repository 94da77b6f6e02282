#include "plugin_dir.hpp"

namespace actionhost::cli {

void add_plugin_dir_option(CommandSpec& spec) {
  add_value_option(spec, "plugin-dir", "DIR",
                   "Where plugin files are looked up (default: server.plugin_dir, else the "
                   "plugins folder next to the binary's folder).");
}

std::filesystem::path plugin_dir_next_to_binary() {
  std::error_code ec;
  auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec)
    return std::filesystem::absolute("plugins");
  return self.parent_path().parent_path() / "plugins";
}

std::filesystem::path plugin_dir(const ParsedArgs& args, const config::Config& config) {
  if (args.has("plugin-dir"))
    return std::filesystem::absolute(args.get("plugin-dir"));
  return config.server.plugin_dir.value_or(plugin_dir_next_to_binary());
}

} // namespace actionhost::cli
