// Paths of the fixture plugins (built into ACTIONHOST_FIXTURE_DIR) and a quiet way to load them.
#pragma once

#include "plugins.hpp"

#include <catch2/catch.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace fixtures {

inline std::string path(const std::string& name) {
  return std::string(ACTIONHOST_FIXTURE_DIR) + "/" + name + ".so";
}

// Collects plugin log lines instead of printing them.
struct Log {
  std::mutex mutex;
  std::vector<std::string> lines;
  actionhost::plugins::LogSink sink() {
    return [this](ah_log_level, const std::string& id, const std::string& text) {
      std::lock_guard lock(mutex);
      lines.push_back(id + ": " + text);
    };
  }
};

inline std::shared_ptr<actionhost::plugins::Plugin> load(const std::string& name,
                                                         Log* log = nullptr) {
  actionhost::plugins::LoadOptions options;
  static Log quiet;
  options.log = (log ? log : &quiet)->sink();
  return actionhost::plugins::load_plugin(path(name), options);
}

// The refusal a fixture earns; fails the test when it loads.
inline actionhost::plugins::LoadError refusal(const std::string& name,
                                              actionhost::plugins::LoadOptions options = {}) {
  static Log quiet;
  if (!options.log)
    options.log = quiet.sink();
  try {
    actionhost::plugins::load_plugin(path(name), options);
  } catch (const actionhost::plugins::LoadError& e) {
    return e;
  }
  FAIL("fixture " << name << " loaded, but it should have been refused");
  throw std::logic_error("unreachable");
}

} // namespace fixtures
