// Where plugins live on disk, and whether the files there are the ones the file pins.
#include "config.hpp"

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>

#include <fstream>

namespace actionhost::config {

std::filesystem::path plugin_path(const Integration& integration,
                                  const std::filesystem::path& plugin_dir) {
  std::filesystem::path plugin(integration.plugin);
  if (plugin.is_absolute())
    return plugin;
  if (!integration.plugin.ends_with(".so"))
    plugin += ".so";
  return (plugin_dir / plugin).lexically_normal();
}

namespace {
std::string sha256_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  Poco::DigestOutputStream digest(engine);
  Poco::StreamCopier::copyStream(in, digest);
  digest.close();
  return Poco::DigestEngine::digestToHex(engine.digest());
}
} // namespace

std::vector<Diagnostic> check_plugin_files(const Config& config,
                                           const std::filesystem::path& plugin_dir) {
  std::vector<Diagnostic> problems;
  for (const auto& integration : config.integrations) {
    auto path = plugin_path(integration, plugin_dir);
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      std::string what =
          integration.plugin == path.string()
              ? "plugin file " + path.string() + " not found"
              : "plugin '" + integration.plugin + "' not found (looked for " + path.string() + ")";
      problems.push_back(config.diagnostic(integration, "plugin", what));
      continue;
    }
    if (!integration.sha256)
      continue;
    std::string actual = sha256_of(path);
    if (actual != *integration.sha256)
      problems.push_back(config.diagnostic(integration, "sha256",
                                           "sha256 does not match " + path.string() +
                                               " (the file's is " + actual + ")"));
  }
  return problems;
}

} // namespace actionhost::config
