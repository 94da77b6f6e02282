// `actionhost dryrun`: runs one action in this process, through the real proxy with a real
// connection (or against a fixture), and shows everything it sent and received, before any MCP
// client can see the action.
#include "action_target.hpp"
#include "commands.hpp"
#include "dryrun_live.hpp"
#include "dryrun_report.hpp"
#include "options.hpp"
#include "plugin_dir.hpp"
#include "store_access.hpp"

#include "fixtures.hpp"
#include "schema.hpp"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace actionhost::cli {
namespace {

CommandSpec dryrun_spec() {
  CommandSpec spec;
  spec.name = "dryrun";
  spec.usage = "--integration KEY --action NAME --connection ID --input JSON|@FILE [options]";
  spec.description =
      "Runs one action in this process, without starting the server: through the "
      "integration's real proxy with the connection's real credentials (from the same store "
      "serve uses), or with --replay against a fixture with no connection and no network. "
      "Validates the input and the output against the action's schemas, prints every proxied "
      "request and response (credentials redacted) with its timing, then the output. Staged "
      "actions run here too. Exits 0 when the action succeeded, 1 when it failed, its input or "
      "output broke its schema, or a replayed request matched no recording.";
  add_value_option(spec, "integration", "KEY",
                   "The integration (provider-config-key); with --replay, default: the fixture's.");
  add_value_option(spec, "action", "NAME", "The action; with --replay, default: the fixture's.");
  add_value_option(spec, "connection", "ID",
                   "The connection whose credentials the proxy injects (not with --replay).");
  add_value_option(spec, "input", "JSON|@FILE",
                   "The arguments: a JSON object, or @ and a file holding one (default with "
                   "--replay: the fixture's input, else {}).");
  add_value_option(spec, "plugin", "PATH.so",
                   "Load this plugin file instead of the integration's (it may not be in "
                   "integrations.yaml yet; any of its actions can run).");
  add_plugin_dir_option(spec);
  add_value_option(spec, "save", "FILE",
                   "Write the call as a fixture: input, output and every exchange, secrets and "
                   "the integration's redact fields redacted (an existing file's ignore and "
                   "redact lists are kept).");
  add_value_option(spec, "replay", "FILE",
                   "Answer the action's requests from this fixture instead of the provider, and "
                   "compare the output with the recorded one.");
  add_value_option(spec, "redact", "FIELD",
                   "Also redact this field (JSON body field, query parameter or header) in what "
                   "is printed and saved; --save keeps it in the fixture's redact list. "
                   "Repeatable.",
                   true);
  add_key_file_option(spec);
  return spec;
}

// Plugin log lines of the call, on stderr so stdout stays the report.
class CliServices : public plugins::DefaultCallServices {
public:
  explicit CliServices(const std::string& plugin_id)
      : DefaultCallServices(plugin_id, plugins::stderr_log_sink(AH_LOG_DEBUG)) {}
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// --input JSON or @FILE as an object; nullopt after saying why.
std::optional<Poco::JSON::Object::Ptr> parse_input(const std::string& flag) {
  std::string source = "--input";
  std::string text = flag;
  try {
    if (!flag.empty() && flag[0] == '@') {
      source = flag.substr(1);
      text = read_file(source);
    }
    return schema::parse_json_object(text);
  } catch (const std::exception& e) {
    std::cerr << "actionhost dryrun: " << source << ": " << e.what() << "\n";
    return std::nullopt;
  }
}

// The fixture already at `path`, so re-recording keeps the author's ignore and redact lists.
std::optional<fixtures::Fixture> existing_fixture(const std::string& path) {
  if (!std::filesystem::exists(path))
    return std::nullopt;
  try {
    return fixtures::read_fixture(path);
  } catch (const fixtures::FixtureError&) {
    return std::nullopt;
  }
}

void add_missing(std::vector<std::string>& to, const std::vector<std::string>& names) {
  for (const auto& name : names)
    if (std::find(to.begin(), to.end(), name) == to.end())
      to.push_back(name);
}

} // namespace

int dryrun_command(const Args& args) {
  auto spec = dryrun_spec();
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto usage_error = [&](const std::string& message) {
    std::cerr << "actionhost dryrun: " << message << "\n\n";
    print_usage(spec, std::cerr);
    return kExitUsage;
  };
  if (parsed->has("replay") && parsed->has("connection"))
    return usage_error("--replay runs with no connection: leave out --connection");

  std::optional<fixtures::Fixture> fixture;
  if (parsed->has("replay")) {
    try {
      fixture = fixtures::read_fixture(parsed->get("replay"));
    } catch (const std::exception& e) {
      std::cerr << "actionhost dryrun: " << e.what() << "\n";
      return kExitFailure;
    }
  }
  std::string integration_key =
      parsed->get("integration", fixture ? fixture->integration : std::string());
  std::string action_name = parsed->get("action", fixture ? fixture->action : std::string());
  if (integration_key.empty())
    return usage_error("--integration is required");
  if (action_name.empty())
    return usage_error("--action is required");

  Poco::JSON::Object::Ptr input =
      fixture ? fixture->input : Poco::JSON::Object::Ptr(new Poco::JSON::Object);
  if (parsed->has("input")) {
    auto given = parse_input(parsed->get("input"));
    if (!given)
      return kExitUsage;
    input = *given;
  }

  TargetLoader loader(*parsed);
  ActionTarget target;
  try {
    target = loader.load(integration_key, action_name);
  } catch (const std::exception& e) {
    std::cerr << "actionhost dryrun: " << e.what() << "\n";
    return kExitFailure;
  }
  std::cout << "action " << target.action->name << " of integration '" << target.integration.key
            << "' (plugin " << target.plugin->id() << " " << target.plugin->version() << ")"
            << (target.staged ? ", staged: not listed over MCP" : "") << "\n";

  auto violations = target.action->input_validator->validate(Poco::Dynamic::Var(input));
  if (!violations.empty()) {
    std::cout << "input: does not match the input schema\n" << schema::describe(violations) << "\n";
    return kExitFailure;
  }
  std::cout << "input: valid\n";

  CliServices base(target.plugin->id());
  proxy::AttemptList attempts;
  Live live;
  // What the author already decided for this fixture (the replayed one, else the file --save
  // overwrites): its ignore paths and its sensitive fields carry over.
  std::optional<fixtures::Fixture> previous =
      fixture ? fixture : existing_fixture(parsed->get("save"));
  std::vector<std::string> sensitive = previous ? previous->redact : std::vector<std::string>{};
  add_missing(sensitive, parsed->all("redact"));
  // The integration's own redact list applies to everything shown and saved; it stays in
  // integrations.yaml rather than being copied into each fixture's list.
  fixtures::RedactionRules rules;
  rules.sensitive_fields = sensitive;
  add_missing(rules.sensitive_fields, target.integration.redact);

  plugins::ToolResult result;
  std::vector<fixtures::Exchange> exchanges;
  std::vector<std::string> problems;
  if (fixture) {
    std::cout << "replaying " << parsed->get("replay") << " ("
              << counted(fixture->exchanges.size(), "recorded exchange") << ", no network)\n\n";
    fixtures::Fixture run_fixture = *fixture;
    run_fixture.input = input;
    if (parsed->has("input")) // another input: the recorded output says nothing about it
      run_fixture.output = nullptr;
    ReplayRun replay_run = replay(target, run_fixture, base);
    result = replay_run.result;
    exchanges = replay_run.exchanges;
    problems = replay_run.problems(run_fixture);
  } else {
    try {
      if (!open_live(*parsed, target, base, attempts, live))
        return kExitFailure;
    } catch (const std::exception& e) {
      std::cerr << "actionhost dryrun: " << e.what() << "\n";
      return kExitFailure;
    }
    fixtures::Recorder recorder(live.proxied ? *live.proxied
                                             : static_cast<plugins::CallServices&>(base));
    plugins::CallOptions options;
    options.services = &recorder;
    options.request = request_info(target, live.connection_id, live.metadata_json);
    std::cout << "\n";
    result = target.action->call(input, options);
    exchanges = recorder.exchanges();
    rules.secret_values = secrets_after_call(live, target.integration);
  }

  std::vector<fixtures::Exchange> shown;
  for (const auto& exchange : exchanges)
    shown.push_back(fixtures::redact(exchange, rules));
  print_exchanges(shown, std::cout);
  print_attempts(attempts.attempts(), std::cout);

  fixtures::Fixture record;
  record.integration = target.integration.key;
  record.action = target.action->name;
  record.input = input;
  record.metadata = fixture ? fixture->metadata : nullptr;
  if (!fixture && live.metadata_json != "{}")
    record.metadata = schema::parse_json_object(live.metadata_json);
  record.output = result.to_json();
  record.exchanges = exchanges;
  record.redact = sensitive;
  record.ignore = previous ? previous->ignore : std::vector<std::string>{};
  record = fixtures::redact(record, rules);

  // A plain tool error needs no status after it; another status says why the call failed.
  std::string failure;
  if (result.is_error)
    failure = result.status == AH_ERR_TOOL
                  ? " (tool error)"
                  : " (tool error: " + plugins::status_name(result.status) + ")";
  std::cout << "\noutput" << failure << "\n" << schema::to_json(record.output, 2) << "\n";
  if (!result.is_error)
    std::cout << (target.action->output_schema ? "output: valid against the output schema\n"
                                               : "output: the action declares no output schema\n");

  if (fixture) {
    if (problems.empty()) {
      std::cout << "replay: every request matched a recording"
                << (fixture->output && !parsed->has("input") ? " and the output is as recorded"
                                                             : "")
                << "\n";
    } else {
      std::cout << "replay: " << counted(problems.size(), "problem") << "\n";
      for (const auto& problem : problems)
        std::cout << indented(problem, "  ") << "\n";
    }
  }

  if (parsed->has("save")) {
    std::string path = parsed->get("save");
    try {
      fixtures::write_fixture(path, record);
    } catch (const fixtures::FixtureError& e) {
      std::cerr << "actionhost dryrun: " << e.what() << "\n";
      return kExitFailure;
    }
    std::cout << "saved " << path << " (" << counted(record.exchanges.size(), "exchange") << ")\n";
  }
  return result.is_error || !problems.empty() ? kExitFailure : kExitOk;
}

} // namespace actionhost::cli
