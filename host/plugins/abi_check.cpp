// The version handshake, done before any plugin code but the entry point runs.
#include "internal.hpp"

namespace actionhost::plugins::detail {

namespace {
std::string version_text(unsigned major, unsigned minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}
} // namespace

void check_abi(const std::string& file, const ah_plugin_def& def, const std::string& host_version) {
  const std::string host = "this host (actionhost " + host_version + ") speaks plugin ABI " +
                           version_text(AH_ABI_VERSION_MAJOR, AH_ABI_VERSION_MINOR);
  if (def.abi_major != AH_ABI_VERSION_MAJOR) {
    // Past the first three fields another major's layout is unknown, so the id is not read.
    throw LoadError(file, "",
                    "built for plugin ABI " + version_text(def.abi_major, def.abi_minor) +
                        ", but " + host + "; rebuild the plugin against ABI " +
                        std::to_string(AH_ABI_VERSION_MAJOR) + ".x");
  }
  if (def.abi_minor > AH_ABI_VERSION_MINOR) {
    std::string version = str(def.version);
    throw LoadError(file, str(def.id),
                    "version " + (version.empty() ? std::string("(none)") : version) +
                        " was built for plugin ABI " + version_text(def.abi_major, def.abi_minor) +
                        ", but " + host +
                        " and cannot provide what a newer minor version adds; "
                        "upgrade actionhost or rebuild the plugin against ABI " +
                        version_text(AH_ABI_VERSION_MAJOR, AH_ABI_VERSION_MINOR));
  }
}

} // namespace actionhost::plugins::detail
