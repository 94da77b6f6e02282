// Shared by the commands that read or write the database (connections, keys, logs, vault): the
// --key-file flag, opening the store in --data-dir, and the table/time formatting they print.
#pragma once

#include "options.hpp"

#include "store.hpp"

#include <memory>
#include <string>

namespace actionhost::cli {

// A command with subcommands ("keys create", "keys list", ...): runs the one args[0] names, or
// prints the list (exit 0 for --help, 2 otherwise).
struct Subcommand {
  std::string name;
  std::string summary;
  int (*run)(const std::vector<std::string>& args);
};
int dispatch(const std::string& group, const std::vector<Subcommand>& subcommands,
             const std::vector<std::string>& args);

// Adds --key-file FILE (the master key ring) to a command that handles credentials.
void add_key_file_option(CommandSpec& spec);

// The vault from --key-file, ACTIONHOST_MASTER_KEY or the default key file (created and
// announced on stderr on first use).
std::shared_ptr<vault::Vault> open_cli_vault(const ParsedArgs& args);

// The store in --data-dir; with_vault: also the master key (only commands that touch
// credentials ask, so `keys list` never creates a key file).
std::unique_ptr<store::Store> open_cli_store(const ParsedArgs& args, bool with_vault);
std::unique_ptr<store::Store> open_cli_store(const ParsedArgs& args,
                                             std::shared_ptr<vault::Vault> vault);

// "2026-05-01T12:00:00Z"; "-" for nullopt.
std::string format_time(const std::optional<store::TimePoint>& time);
// Splits "a,b,c" into its non-empty, trimmed parts.
std::vector<std::string> split_list(const std::string& text);
// Prints rows as left-aligned columns, the first row being the header.
void print_table(const std::vector<std::vector<std::string>>& rows, std::ostream& out);

} // namespace actionhost::cli
