// The subcommands of the actionhost binary. Each takes the arguments after its own name(s) and
// returns the process exit code (see options.hpp).
#pragma once

#include <string>
#include <vector>

namespace actionhost::cli {

using Args = std::vector<std::string>;

int serve_command(const Args& args);        // serve_command.cpp
int inspect_command(const Args& args);      // inspect_command.cpp
int config_check_command(const Args& args); // config_command.cpp
int connections_command(const Args& args);  // connections_command.cpp
int keys_command(const Args& args);         // keys_command.cpp
int logs_command(const Args& args);         // logs_command.cpp
int vault_command(const Args& args);        // vault_command.cpp
int dryrun_command(const Args& args);       // dryrun_command.cpp
int test_command(const Args& args);         // test_command.cpp

} // namespace actionhost::cli
