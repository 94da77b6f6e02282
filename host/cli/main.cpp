// actionhost: one binary, one subcommand per job. This file only dispatches.
#include "commands.hpp"
#include "options.hpp"

#include <cstring>
#include <iostream>
#include <string>

namespace {

struct Subcommand {
  const char* words; // "serve", "config check", ...
  const char* summary;
  int (*run)(const actionhost::cli::Args&);
};

const Subcommand kSubcommands[] = {
    {"serve", "Serve the integrations' actions as MCP tools", actionhost::cli::serve_command},
    {"inspect", "Load one plugin and print its actions and schemas",
     actionhost::cli::inspect_command},
    {"config check", "Validate an integrations file without starting the server",
     actionhost::cli::config_check_command},
    {"connections", "Create, list, show and delete connections (credentials encrypted)",
     actionhost::cli::connections_command},
    {"keys", "Create, list and revoke the secret keys callers use", actionhost::cli::keys_command},
    {"logs", "Print the execution log; 'logs purge' applies the retention",
     actionhost::cli::logs_command},
    {"vault", "Master key status, rotation and pruning", actionhost::cli::vault_command},
    {"dryrun", "Run one action in-process, showing its provider exchanges; record or replay",
     actionhost::cli::dryrun_command},
    {"test", "Replay every fixture in a folder and report pass/fail per fixture",
     actionhost::cli::test_command},
};

void print_help(std::ostream& out) {
  out << "usage: actionhost <command> [options]\n\n"
         "ActionHost serves provider plugins' actions as MCP tools, with credentials injected\n"
         "by an authenticated proxy.\n\ncommands:\n";
  for (const auto& sub : kSubcommands)
    out << "  " << sub.words << std::string(16 - std::strlen(sub.words), ' ') << sub.summary
        << "\n";
  out << "\nRun 'actionhost <command> --help' for a command's options.\n";
}

// Number of leading args that spell `words` ("config check" is two words).
size_t match_words(const char* words, const actionhost::cli::Args& args) {
  std::string rest = words;
  size_t i = 0;
  while (!rest.empty()) {
    auto space = rest.find(' ');
    std::string word = rest.substr(0, space);
    if (i >= args.size() || args[i] != word)
      return 0;
    ++i;
    rest = space == std::string::npos ? "" : rest.substr(space + 1);
  }
  return i;
}

} // namespace

int main(int argc, char** argv) {
  actionhost::cli::Args args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help(args.empty() ? std::cerr : std::cout);
    return args.empty() ? actionhost::cli::kExitUsage : actionhost::cli::kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "actionhost " << ACTIONHOST_VERSION << "\n";
    return actionhost::cli::kExitOk;
  }
  for (const auto& sub : kSubcommands) {
    if (size_t n = match_words(sub.words, args)) {
      try {
        return sub.run(actionhost::cli::Args(args.begin() + static_cast<long>(n), args.end()));
      } catch (const std::exception& e) {
        std::cerr << "actionhost " << sub.words << ": " << e.what() << "\n";
        return actionhost::cli::kExitFailure;
      }
    }
  }
  std::cerr << "actionhost: unknown command '" << args[0] << "'\n\n";
  print_help(std::cerr);
  return actionhost::cli::kExitUsage;
}
