#include "store_access.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <iostream>
#include <sstream>

namespace actionhost::cli {

int dispatch(const std::string& group, const std::vector<Subcommand>& subcommands,
             const std::vector<std::string>& args) {
  if (!args.empty())
    for (const auto& sub : subcommands)
      if (args[0] == sub.name)
        return sub.run(std::vector<std::string>(args.begin() + 1, args.end()));
  bool help = !args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help");
  auto& out = help ? std::cout : std::cerr;
  if (!args.empty() && !help)
    out << "actionhost " << group << ": unknown subcommand '" << args[0] << "'\n\n";
  out << "usage: actionhost " << group << " <subcommand> [options]\n\nsubcommands:\n";
  size_t width = 0;
  for (const auto& sub : subcommands)
    width = std::max(width, sub.name.size());
  for (const auto& sub : subcommands)
    out << "  " << sub.name << std::string(width - sub.name.size() + 2, ' ') << sub.summary << "\n";
  out << "\nRun 'actionhost " << group << " <subcommand> --help' for its options.\n";
  return help ? kExitOk : kExitUsage;
}

void add_key_file_option(CommandSpec& spec) {
  add_value_option(spec, "key-file", "FILE",
                   "Master key file: base64 keys, one a line, the sealing key first (default: "
                   "ACTIONHOST_MASTER_KEY, else ~/.config/actionhost/master.key, created on "
                   "first use).");
}

std::shared_ptr<vault::Vault> open_cli_vault(const ParsedArgs& args) {
  std::optional<std::filesystem::path> key_file;
  if (args.has("key-file"))
    key_file = args.get("key-file");
  return vault::open_vault(key_file, vault::process_environment, [](const std::string& text) {
    std::cerr << "actionhost: " << text << "\n";
  });
}

std::unique_ptr<store::Store> open_cli_store(const ParsedArgs& args,
                                             std::shared_ptr<vault::Vault> vault) {
  store::StoreOptions options;
  options.data_dir = args.get("data-dir", kDefaultDataDir);
  options.vault = std::move(vault);
  options.max_sessions = 2;
  return store::open_store(options);
}

std::unique_ptr<store::Store> open_cli_store(const ParsedArgs& args, bool with_vault) {
  return open_cli_store(args, with_vault ? open_cli_vault(args) : nullptr);
}

std::string format_time(const std::optional<store::TimePoint>& time) {
  if (!time)
    return "-";
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(time->time_since_epoch()).count();
  return Poco::DateTimeFormatter::format(Poco::Timestamp(micros), "%Y-%m-%dT%H:%M:%SZ");
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> parts;
  std::istringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    auto begin = part.find_first_not_of(" \t");
    auto end = part.find_last_not_of(" \t");
    if (begin != std::string::npos)
      parts.push_back(part.substr(begin, end - begin + 1));
  }
  return parts;
}

void print_table(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<size_t> widths;
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) {
      widths.resize(std::max(widths.size(), row.size()));
      widths[i] = std::max(widths[i], row[i].size());
    }
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i)
      line +=
          i + 1 == row.size() ? row[i] : row[i] + std::string(widths[i] - row[i].size() + 2, ' ');
    out << line << "\n";
  }
}

} // namespace actionhost::cli
