#include "options.hpp"

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include <iostream>

namespace actionhost::cli {

std::string ParsedArgs::get(const std::string& name, const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

void add_value_option(CommandSpec& spec, const std::string& name, const std::string& arg,
                      const std::string& help, bool repeatable) {
  spec.options.addOption(Poco::Util::Option(name, "", help)
                             .required(false)
                             .repeatable(repeatable)
                             .argument(arg, true));
}

void add_flag(CommandSpec& spec, const std::string& name, const std::string& help) {
  spec.options.addOption(Poco::Util::Option(name, "", help).required(false).repeatable(false));
}

void print_usage(const CommandSpec& spec, std::ostream& out) {
  Poco::Util::HelpFormatter formatter(spec.options);
  formatter.setUnixStyle(true);
  formatter.setCommand("actionhost " + spec.name);
  formatter.setUsage("[options]" + (spec.usage.empty() ? std::string() : " " + spec.usage));
  formatter.setHeader(spec.description);
  formatter.setWidth(100);
  formatter.format(out);
}

namespace {
void add_builtin_options(CommandSpec& spec) {
  if (!spec.options.hasOption("help"))
    add_flag(spec, "help", "Show this help and exit.");
  if (spec.common_options && !spec.options.hasOption("config")) {
    add_value_option(spec, "config", "FILE",
                     std::string("Integrations file (default: ") + kDefaultConfig + ").");
    add_value_option(spec, "data-dir", "DIR",
                     std::string("Data directory (default: ") + kDefaultDataDir + ").");
  }
}
// Poco names an unknown option without its dashes; say it as the user typed it.
bool process_one(Poco::Util::OptionProcessor& processor, const std::string& arg, std::string& name,
                 std::string& value) {
  try {
    return processor.process(arg, name, value);
  } catch (const Poco::Util::UnknownOptionException&) {
    throw Poco::Util::UnknownOptionException("unknown option '" + arg + "'");
  } catch (const Poco::Util::AmbiguousOptionException&) {
    throw Poco::Util::AmbiguousOptionException("ambiguous option '" + arg + "'");
  }
}

} // namespace

std::optional<ParsedArgs> parse_args(CommandSpec& spec, const std::vector<std::string>& args,
                                     int* exit_code) {
  add_builtin_options(spec);
  ParsedArgs parsed;
  Poco::Util::OptionProcessor processor(spec.options);
  processor.setUnixStyle(true);
  auto fail = [&](const std::string& why) -> std::optional<ParsedArgs> {
    std::cerr << "actionhost " << spec.name << ": " << why << "\n\n";
    print_usage(spec, std::cerr);
    *exit_code = kExitUsage;
    return std::nullopt;
  };
  try {
    bool only_positional = false;
    for (const auto& arg : args) {
      std::string name, value;
      if (only_positional) {
        parsed.positional.push_back(arg);
      } else if (arg == "--") {
        only_positional = true;
      } else if (process_one(processor, arg, name, value)) {
        if (!name.empty())
          parsed.values[name].push_back(value);
      } else if (arg.size() > 1 && arg[0] == '-') {
        return fail("unknown option '" + arg + "'");
      } else {
        parsed.positional.push_back(arg);
      }
    }
    processor.checkRequired();
  } catch (const Poco::Util::OptionException& e) {
    return fail(e.message().empty() ? e.displayText() : e.message());
  }
  if (parsed.has("help")) {
    print_usage(spec, std::cout);
    *exit_code = kExitOk;
    return std::nullopt;
  }
  if (parsed.positional.size() < spec.min_positional)
    return fail("missing argument: expected " + spec.usage);
  if (parsed.positional.size() > spec.max_positional)
    return fail("unexpected argument '" + parsed.positional[spec.max_positional] + "'");
  return parsed;
}

} // namespace actionhost::cli
