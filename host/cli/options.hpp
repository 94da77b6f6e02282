// Command-line parsing shared by every subcommand: Poco's OptionSet for the flags, the common
// --config / --data-dir pair, usage on --help, and exit code 2 for a wrong flag.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actionhost::cli {

// Exit codes used by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// The parsed flags of one subcommand invocation.
struct ParsedArgs {
  std::map<std::string, std::vector<std::string>> values; // full option name -> values given
  std::vector<std::string> positional;

  bool has(const std::string& name) const { return values.count(name) > 0; }
  // The last value given for `name`, or `fallback`.
  std::string get(const std::string& name, const std::string& fallback = {}) const;
  std::vector<std::string> all(const std::string& name) const;
};

// Describes a subcommand for parsing and for its --help text.
struct CommandSpec {
  std::string name;          // e.g. "config check"
  std::string usage;         // e.g. "[--json] PATH.so"
  std::string description;   // one paragraph shown by --help
  Poco::Util::OptionSet options; // the subcommand's own flags (--help is added automatically)
  bool common_options = true;    // adds --config FILE and --data-dir DIR
  size_t min_positional = 0;
  size_t max_positional = 0;
};

// Adds a flag that takes a value (`--name VALUE` or `--name=VALUE`).
void add_value_option(CommandSpec& spec, const std::string& name, const std::string& arg,
                      const std::string& help, bool repeatable = false);
// Adds a boolean flag (`--name`).
void add_flag(CommandSpec& spec, const std::string& name, const std::string& help);

// Parses args (without the subcommand words). Returns nullopt after printing usage: with exit
// code 0 in *exit_code for --help, 2 for a wrong flag or argument count.
std::optional<ParsedArgs> parse_args(CommandSpec& spec, const std::vector<std::string>& args,
                                     int* exit_code);

// Prints the subcommand's usage and flags to `out`.
void print_usage(const CommandSpec& spec, std::ostream& out);

// Defaults of the common options.
inline const char* kDefaultConfig = "integrations.yaml";
inline const char* kDefaultDataDir = "data";

} // namespace actionhost::cli
