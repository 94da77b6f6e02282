// `actionhost test DIR`: replays every fixture in a folder against its action, with no connection
// and no network, and reports each one as passed or failed with its differences.
#include "action_target.hpp"
#include "commands.hpp"
#include "options.hpp"
#include "plugin_dir.hpp"

#include "fixtures.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

namespace actionhost::cli {
namespace {

CommandSpec test_spec() {
  CommandSpec spec;
  spec.name = "test";
  spec.usage = "DIR|FILE.json [--plugin PATH.so]";
  spec.description =
      "Replays every fixture (*.json) in DIR and its subfolders (or the one FILE) against the "
      "action it names, "
      "with no connection and no network: each request must match a recorded exchange, every "
      "recorded exchange must be requested, and the output must equal the recorded one except "
      "for the fixture's ignore paths. Prints PASS or FAIL per fixture with the differences and "
      "a summary line; exits 1 when any fixture fails or none is found.";
  add_value_option(spec, "plugin", "PATH.so",
                   "Run every fixture against this plugin file, whether or not integrations.yaml "
                   "lists it yet.");
  add_plugin_dir_option(spec);
  spec.min_positional = 1;
  spec.max_positional = 1;
  return spec;
}

std::vector<std::filesystem::path> fixture_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

int test_command(const Args& args) {
  auto spec = test_spec();
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  std::filesystem::path dir = parsed->positional[0];
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_regular_file(dir)) {
    files = {dir};
    dir = dir.parent_path();
  } else if (std::filesystem::is_directory(dir)) {
    files = fixture_files(dir);
  } else {
    std::cerr << "actionhost test: " << dir.string() << " is neither a folder nor a file\n";
    return kExitFailure;
  }
  if (files.empty()) {
    std::cerr << "actionhost test: no fixtures (*.json) in " << dir.string() << "\n";
    return kExitFailure;
  }

  TargetLoader loader(*parsed);
  plugins::DefaultCallServices base({}, plugins::stderr_log_sink(AH_LOG_WARNING));
  size_t passed = 0;
  auto started = std::chrono::steady_clock::now();
  for (const auto& file : files) {
    std::string name = file.lexically_relative(dir).string();
    std::vector<std::string> problems;
    std::string label;
    auto start = std::chrono::steady_clock::now();
    try {
      auto fixture = fixtures::read_fixture(file.string());
      label = fixture.integration + "/" + fixture.action;
      auto target = loader.load(fixture.integration, fixture.action);
      auto run = replay(target, fixture, base);
      problems = run.problems(fixture);
      if (!fixture.output)
        problems.push_back("the fixture records no output to compare with");
    } catch (const std::exception& e) {
      problems.push_back(e.what());
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    std::cout << (problems.empty() ? "PASS " : "FAIL ") << name
              << (label.empty() ? "" : " (" + label + ")") << " " << ms << " ms\n";
    for (const auto& problem : problems) // a replay diff stays indented under its fixture
      std::cout << indented(problem, "  ") << "\n";
    if (problems.empty())
      ++passed;
  }
  auto total_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  size_t failed = files.size() - passed;
  std::cout << "\n"
            << counted(files.size(), "fixture") << ": " << passed << " passed, " << failed
            << " failed (" << total_ms << " ms)\n";
  return failed == 0 ? kExitOk : kExitFailure;
}

} // namespace actionhost::cli
