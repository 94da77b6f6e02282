// `actionhost connections`: an end user's account at a provider, with its credentials sealed in
// the database. Secrets can come from stdin (`--api-key -`) to stay out of shell history; no
// subcommand ever prints one.
#include "commands.hpp"
#include "options.hpp"
#include "store_access.hpp"

#include "config.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <charconv>
#include <iostream>

namespace actionhost::cli {
namespace {

void add_connection_options(CommandSpec& spec) {
  add_value_option(spec, "integration", "KEY", "The integration (its provider-config-key).");
  add_value_option(spec, "connection-id", "ID", "The connection's id within the integration.");
}

// Both --integration and --connection-id, or a message and nullopt.
std::optional<store::ConnectionRef> connection_ref(const CommandSpec& spec,
                                                   const ParsedArgs& args) {
  if (args.get("integration").empty() || args.get("connection-id").empty()) {
    std::cerr << "actionhost " << spec.name << ": --integration and --connection-id are required\n";
    return std::nullopt;
  }
  return store::ConnectionRef{args.get("integration"), args.get("connection-id")};
}

// A flag's value, or the next line of stdin for "-".
std::string secret_value(const ParsedArgs& args, const std::string& name) {
  std::string value = args.get(name);
  if (value != "-")
    return value;
  std::string line;
  if (!std::getline(std::cin, line))
    throw std::runtime_error("--" + name + " -: nothing to read on stdin");
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  if (line.empty())
    throw std::runtime_error("--" + name + " -: read an empty line from stdin");
  return line;
}

// Which credential flags fit each auth mode.
std::string expected_flags(config::AuthMode mode) {
  switch (mode) {
  case config::AuthMode::OAuth2:
    return "--access-token (with --refresh-token and --expires-in when known)";
  case config::AuthMode::ApiKey:
    return "--api-key";
  case config::AuthMode::Basic:
    return "--basic USER:PASSWORD";
  case config::AuthMode::Bearer:
    return "--bearer";
  case config::AuthMode::None:
    return "no credential flags";
  }
  return "";
}

// The credentials from the flags, checked against the integration's auth mode.
proxy::Credentials credentials_for(const config::Integration& integration, const ParsedArgs& args) {
  std::vector<std::string> given;
  for (const char* flag :
       {"api-key", "basic", "bearer", "access-token", "refresh-token", "expires-in"})
    if (args.has(flag))
      given.push_back(std::string("--") + flag);
  auto mode = integration.auth.mode;
  auto allowed = [&]() -> std::vector<std::string> {
    switch (mode) {
    case config::AuthMode::OAuth2:
      return {"--access-token", "--refresh-token", "--expires-in"};
    case config::AuthMode::ApiKey:
      return {"--api-key"};
    case config::AuthMode::Basic:
      return {"--basic"};
    case config::AuthMode::Bearer:
      return {"--bearer"};
    case config::AuthMode::None:
      return {};
    }
    return {};
  }();
  std::string prefix = "integration '" + integration.key + "' uses auth mode " +
                       std::string(config::to_string(mode)) + ": ";
  for (const auto& flag : given)
    if (std::find(allowed.begin(), allowed.end(), flag) == allowed.end())
      throw std::runtime_error(prefix + flag + " does not apply; give " + expected_flags(mode));
  bool required_missing =
      (mode == config::AuthMode::OAuth2 && !args.has("access-token")) ||
      (mode != config::AuthMode::OAuth2 && mode != config::AuthMode::None && given.empty());
  if (required_missing)
    throw std::runtime_error(prefix + "give " + expected_flags(mode));

  proxy::Credentials credentials;
  // Read in a fixed order, so several "-" values are the lines of stdin in this order.
  if (args.has("api-key"))
    credentials.api_key = secret_value(args, "api-key");
  if (args.has("basic")) {
    std::string pair = secret_value(args, "basic");
    auto colon = pair.find(':');
    if (colon == std::string::npos)
      throw std::runtime_error("--basic: expected USER:PASSWORD");
    credentials.username = pair.substr(0, colon);
    credentials.password = pair.substr(colon + 1);
  }
  if (args.has("bearer"))
    credentials.access_token = secret_value(args, "bearer");
  if (args.has("access-token")) {
    credentials.access_token = secret_value(args, "access-token");
    credentials.token_type = "Bearer";
  }
  if (args.has("refresh-token"))
    credentials.refresh_token = secret_value(args, "refresh-token");
  if (args.has("expires-in")) {
    std::string text = args.get("expires-in");
    long seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size() || seconds <= 0)
      throw std::runtime_error("--expires-in: expected a positive number of seconds, got '" + text +
                               "'");
    credentials.expires_at = store::Clock::now() + std::chrono::seconds(seconds);
  }
  return credentials;
}

int connections_create(const Args& args) {
  CommandSpec spec;
  spec.name = "connections create";
  spec.description =
      "Creates a connection with its credentials, encrypted in the database. The credential "
      "flags must fit the integration's auth mode. A value of '-' reads it from stdin (one line "
      "per '-', in the order the flags are listed here), so it stays out of shell history.";
  add_connection_options(spec);
  add_value_option(spec, "end-user", "ID", "The end user's id in your system.");
  add_value_option(spec, "end-user-name", "NAME", "The end user's display name.");
  add_value_option(spec, "metadata", "JSON",
                   "Non-secret fields as a JSON object, e.g. {\"instance_url\": \"...\"}.");
  add_value_option(spec, "api-key", "KEY|-", "API_KEY integrations: the key.");
  add_value_option(spec, "basic", "USER:PASS|-", "BASIC integrations: user and password.");
  add_value_option(spec, "bearer", "TOKEN|-", "BEARER integrations: the token.");
  add_value_option(spec, "access-token", "TOKEN|-", "OAUTH2 integrations: the access token.");
  add_value_option(spec, "refresh-token", "TOKEN|-", "OAUTH2: the refresh token.");
  add_value_option(spec, "expires-in", "SECONDS", "OAUTH2: the access token's lifetime.");
  add_key_file_option(spec);
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto ref = connection_ref(spec, *parsed);
  if (!ref)
    return kExitUsage;

  std::string file = parsed->get("config", kDefaultConfig);
  config::Config config;
  try {
    config = config::load_file(file);
  } catch (const config::ConfigError& error) {
    std::cerr << error.what() << "\n";
    return kExitFailure;
  }
  const auto* integration = config.find(ref->integration_key);
  if (!integration) {
    std::string known;
    for (const auto& i : config.integrations)
      known += (known.empty() ? "" : ", ") + i.key;
    std::cerr << "actionhost connections create: " << file << " has no integration '"
              << ref->integration_key << "'" << (known.empty() ? "" : " (it has: " + known + ")")
              << "\n";
    return kExitFailure;
  }

  store::NewConnection connection;
  connection.ref = *ref;
  connection.end_user_id = parsed->get("end-user");
  connection.end_user_name = parsed->get("end-user-name");
  connection.metadata_json = parsed->get("metadata", "{}");
  try {
    connection.credentials = credentials_for(*integration, *parsed);
  } catch (const std::runtime_error& e) {
    std::cerr << "actionhost connections create: " << e.what() << "\n";
    return kExitUsage;
  }
  auto store = open_cli_store(*parsed, true);
  try {
    store->create_connection(connection);
  } catch (const store::StoreError& e) {
    std::cerr << "actionhost connections create: " << e.what() << "\n";
    return kExitFailure;
  }
  auto fields = store::credential_field_names(connection.credentials);
  std::string field_list;
  for (const auto& field : fields)
    field_list += (field_list.empty() ? "" : ", ") + field;
  std::cout << "created connection '" << ref->connection_id << "' for integration '"
            << ref->integration_key
            << "' (credentials: " << (field_list.empty() ? "none" : field_list) << ")\n";
  return kExitOk;
}

Poco::JSON::Object::Ptr to_json(const store::Connection& c) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("integration", c.ref.integration_key);
  o->set("connection_id", c.ref.connection_id);
  o->set("end_user_id", c.end_user_id);
  o->set("end_user_name", c.end_user_name);
  o->set("status", proxy::to_string(c.status));
  o->set("status_reason", c.status_reason);
  o->set("metadata", Poco::JSON::Parser().parse(c.metadata_json));
  Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
  for (const auto& field : c.credential_fields)
    fields->add(field);
  o->set("credential_fields", fields);
  o->set("expires_at", format_time(c.expires_at));
  o->set("master_key_id", c.key_id);
  o->set("created_at", format_time(c.created_at));
  o->set("updated_at", format_time(c.updated_at));
  o->set("last_used_at", format_time(c.last_used_at));
  return o;
}

int connections_list(const Args& args) {
  CommandSpec spec;
  spec.name = "connections list";
  spec.description = "Lists connections with their status and last use (never credentials).";
  add_value_option(spec, "integration", "KEY", "Only this integration's connections.");
  add_flag(spec, "json", "Print a JSON array.");
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  std::optional<std::string> integration;
  if (parsed->has("integration"))
    integration = parsed->get("integration");
  auto connections = open_cli_store(*parsed, false)->list_connections(integration);
  if (parsed->has("json")) {
    Poco::JSON::Array array;
    for (const auto& c : connections)
      array.add(to_json(c));
    array.stringify(std::cout, 2);
    std::cout << "\n";
    return kExitOk;
  }
  std::vector<std::vector<std::string>> rows = {
      {"INTEGRATION", "CONNECTION", "END USER", "STATUS", "LAST USED"}};
  for (const auto& c : connections) {
    std::string user =
        c.end_user_name.empty() ? c.end_user_id : c.end_user_name + " (" + c.end_user_id + ")";
    rows.push_back({c.ref.integration_key, c.ref.connection_id, user.empty() ? "-" : user,
                    proxy::to_string(c.status), format_time(c.last_used_at)});
  }
  print_table(rows, std::cout);
  return kExitOk;
}

int connections_show(const Args& args) {
  CommandSpec spec;
  spec.name = "connections show";
  spec.description = "Shows one connection: status, times, metadata and which credential fields "
                     "are set. Never a credential's value.";
  add_connection_options(spec);
  add_flag(spec, "json", "Print a JSON object.");
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto ref = connection_ref(spec, *parsed);
  if (!ref)
    return kExitUsage;
  auto found = open_cli_store(*parsed, false)->find_connection(*ref);
  if (!found) {
    std::cerr << "actionhost connections show: no connection '" << ref->connection_id
              << "' in integration '" << ref->integration_key << "'\n";
    return kExitFailure;
  }
  if (parsed->has("json")) {
    to_json(*found)->stringify(std::cout, 2);
    std::cout << "\n";
    return kExitOk;
  }
  const auto& c = *found;
  std::string fields;
  for (const auto& field : c.credential_fields)
    fields += (fields.empty() ? "" : ", ") + field;
  std::vector<std::vector<std::string>> rows = {
      {"integration", c.ref.integration_key},
      {"connection id", c.ref.connection_id},
      {"end user", c.end_user_id.empty() ? "-" : c.end_user_id},
      {"end user name", c.end_user_name.empty() ? "-" : c.end_user_name},
      {"status",
       proxy::to_string(c.status) + (c.status_reason.empty() ? "" : " (" + c.status_reason + ")")},
      {"credentials", (fields.empty() ? "none" : fields) + " (encrypted, key " + c.key_id + ")"},
      {"token expires", format_time(c.expires_at)},
      {"metadata", c.metadata_json},
      {"created", format_time(c.created_at)},
      {"updated", format_time(c.updated_at)},
      {"last used", format_time(c.last_used_at)}};
  print_table(rows, std::cout);
  return kExitOk;
}

int connections_delete(const Args& args) {
  CommandSpec spec;
  spec.name = "connections delete";
  spec.description = "Deletes a connection and its credentials.";
  add_connection_options(spec);
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;
  auto ref = connection_ref(spec, *parsed);
  if (!ref)
    return kExitUsage;
  if (!open_cli_store(*parsed, false)->delete_connection(*ref)) {
    std::cerr << "actionhost connections delete: no connection '" << ref->connection_id
              << "' in integration '" << ref->integration_key << "'\n";
    return kExitFailure;
  }
  std::cout << "deleted connection '" << ref->connection_id << "' of integration '"
            << ref->integration_key << "'\n";
  return kExitOk;
}

} // namespace

int connections_command(const Args& args) {
  return dispatch("connections",
                  {{"create", "Create a connection with encrypted credentials", connections_create},
                   {"list", "List connections and their status", connections_list},
                   {"show", "Show one connection (never its secrets)", connections_show},
                   {"delete", "Delete a connection and its credentials", connections_delete}},
                  args);
}

} // namespace actionhost::cli
