// `actionhost serve`: load the configuration and plugins, then serve until SIGINT/SIGTERM.
#include "commands.hpp"
#include "logging.hpp"
#include "options.hpp"
#include "plugin_dir.hpp"
#include "signals.hpp"
#include "store_access.hpp"

#include "config.hpp"
#include "health.hpp"
#include "http.hpp"
#include "mcp.hpp"
#include "proxy.hpp"
#include "registry.hpp"
#include "store.hpp"
#include "vault.hpp"

#include <Poco/Logger.h>

#include <atomic>
#include <charconv>
#include <filesystem>
#include <iostream>

namespace actionhost::cli {
namespace {

CommandSpec serve_spec() {
  CommandSpec spec;
  spec.name = "serve";
  spec.description = "Serves the actions of the integrations in the configuration file as MCP "
                     "tools, until SIGINT or SIGTERM.";
  add_value_option(spec, "listen", "HOST:PORT",
                   "Address to listen on (default: server.listen, else 127.0.0.1:8080). "
                   "Port 0 picks a free port.");
  add_plugin_dir_option(spec);
  add_value_option(spec, "max-connections", "N",
                   "Connections served at once, 1-100000 (default: server.max_connections, else "
                   "512). As many more wait in a queue; beyond that a connection is answered 503 "
                   "and closed.");
  add_key_file_option(spec);
  add_flag(spec, "strict", "Refuse to start when any plugin or integration cannot be loaded.");
  add_value_option(spec, "log-level", "LEVEL",
                   "trace, debug, info (default), notice, warning or error.");
  return spec;
}

// Flags win over the file, the file over the defaults.
http::ListenAddress listen_address(const ParsedArgs& args, const config::Config& config) {
  if (args.has("listen"))
    return http::parse_listen_address(args.get("listen"));
  if (config.server.listen)
    return {config.server.listen->host, config.server.listen->port};
  return http::parse_listen_address(config::kDefaultListen);
}

// --max-connections, else server.max_connections, else the default; nullopt when the flag is not
// an integer in range.
std::optional<int> max_connections(const ParsedArgs& args, const config::Config& config) {
  if (!args.has("max-connections"))
    return config.server.max_connections.value_or(config::kDefaultMaxConnections);
  const std::string text = args.get("max-connections");
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < config::kMinMaxConnections ||
      value > config::kMaxMaxConnections)
    return std::nullopt;
  return value;
}

// Plugins' own log lines (outside requests) go to the "plugin.<id>" logger.
plugins::LogSink plugin_log_sink() {
  return [](ah_log_level level, const std::string& plugin_id, const std::string& text) {
    auto& logger = Poco::Logger::get("plugin." + plugin_id);
    switch (level) {
    case AH_LOG_DEBUG:
      logger.debug(text);
      break;
    case AH_LOG_INFO:
      logger.information(text);
      break;
    case AH_LOG_NOTICE:
      logger.notice(text);
      break;
    case AH_LOG_WARNING:
      logger.warning(text);
      break;
    case AH_LOG_ERROR:
      logger.error(text);
      break;
    default:
      logger.critical(text);
      break;
    }
  };
}

// One line per plugin and per integration, so an operator sees what is served.
void log_registry(const registry::Registry& registry, Poco::Logger& log) {
  for (const auto& plugin : registry.plugins())
    log.information("loaded plugin '%s' %s (ABI %s) from %s: %z action(s)", plugin->id(),
                    plugin->version(), plugin->abi_version(), plugin->file(),
                    plugin->actions().size());
  for (const auto& integration : registry.integrations()) {
    std::string names;
    for (const auto& tool : integration.tools)
      names += (names.empty() ? "" : ", ") + tool->name;
    log.information("integration '%s' (plugin '%s'): %z tool(s): %s", integration.config.key,
                    integration.plugin->id(), integration.tools.size(),
                    names.empty() ? std::string("none") : names);
  }
}

// The vault (--key-file, else ACTIONHOST_MASTER_KEY, else the default key file) and the store in
// the data directory, created and migrated. Null after saying why not.
std::unique_ptr<store::Store> open_serve_store(const ParsedArgs& args, const config::Config& config,
                                               const std::filesystem::path& data_dir,
                                               Poco::Logger& log) {
  try {
    std::optional<std::filesystem::path> key_file;
    if (args.has("key-file"))
      key_file = args.get("key-file");
    store::StoreOptions options;
    options.data_dir = data_dir;
    options.vault = vault::open_vault(key_file, vault::process_environment,
                                      [&](const std::string& text) { log.warning(text); });
    if (config.server.execution_retention)
      options.execution_retention = std::chrono::duration_cast<std::chrono::hours>(
          std::max<config::Duration>(*config.server.execution_retention, std::chrono::hours(1)));
    options.buffered_execution_log = config.server.execution_log_buffered.value_or(false);
    auto store = store::open_store(options);
    log.information("store %s (schema %d, master key %s, executions kept %z h, log %s)",
                    store->location(), store->schema_version(), options.vault->primary_key_id(),
                    static_cast<size_t>(options.execution_retention.count()),
                    std::string(options.buffered_execution_log ? "buffered" : "durable"));
    return store;
  } catch (const std::exception& e) {
    std::cerr << "actionhost serve: " << e.what() << "\n";
    return nullptr;
  }
}

// One authenticated proxy per integration that declares a proxy section.
std::vector<std::unique_ptr<proxy::Proxy>> build_proxies(const registry::Registry& registry,
                                                         mcp::Backends& backends) {
  std::vector<std::unique_ptr<proxy::Proxy>> proxies;
  for (const auto& integration : registry.integrations()) {
    if (!integration.config.proxy)
      continue;
    proxies.push_back(std::make_unique<proxy::Proxy>(integration.config));
    backends.proxies[integration.config.key] = proxies.back().get();
  }
  return proxies;
}

} // namespace

int serve_command(const Args& args) {
  auto spec = serve_spec();
  int exit_code = kExitOk;
  auto parsed = parse_args(spec, args, &exit_code);
  if (!parsed)
    return exit_code;

  http::ListenAddress listen;
  try {
    setup_logging(parsed->get("log-level", "info"));
    if (parsed->has("listen"))
      listen = http::parse_listen_address(parsed->get("listen"));
  } catch (const std::invalid_argument& e) {
    std::cerr << "actionhost serve: " << e.what() << "\n";
    return kExitUsage;
  }
  if (parsed->has("max-connections") && !max_connections(*parsed, config::Config{})) {
    std::cerr << "actionhost serve: --max-connections: expected an integer from "
              << config::kMinMaxConnections << " to " << config::kMaxMaxConnections << ", got '"
              << parsed->get("max-connections") << "'\n";
    return kExitUsage;
  }
  auto& log = Poco::Logger::get("serve");

  std::string config_file = parsed->get("config", kDefaultConfig);
  config::Config config;
  try {
    config = config::load_file(config_file);
  } catch (const config::ConfigError& e) {
    std::cerr << e.what() << "\n";
    return kExitFailure;
  }
  listen = listen_address(*parsed, config);
  if (auto refusal = config::check_open_access(config, listen.host)) {
    std::cerr << *refusal << "\n";
    return kExitFailure;
  }

  std::filesystem::path data_dir = parsed->get("data-dir", kDefaultDataDir);
  auto store = open_serve_store(*parsed, config, data_dir, log);
  if (!store)
    return kExitFailure;

  registry::BuildOptions build_options;
  build_options.plugin_dir = plugin_dir(*parsed, config);
  build_options.host_version = ACTIONHOST_VERSION;
  build_options.log = plugin_log_sink();
  // Plugins may announce changes from init on; the MCP service subscribes once it exists.
  auto changes = std::make_shared<mcp::ChangeFeed>();
  build_options.notify = mcp::ChangeFeed::sink(changes);
  std::vector<config::Diagnostic> problems;
  auto registry = registry::build(config, build_options, problems);
  for (const auto& problem : problems)
    log.error(problem.to_string());
  if (!problems.empty() && parsed->has("strict")) {
    log.error("refusing to start: %z problem(s) and --strict", problems.size());
    registry.shutdown();
    return kExitFailure;
  }
  log_registry(registry, log);

  block_termination_signals();
  std::atomic<bool> stopping{false};
  auto router = std::make_shared<http::Router>();
  http::add_health_routes(*router, [&] {
    return stopping ? http::Readiness{false, "shutting down"} : http::Readiness{true, ""};
  });

  mcp::Options mcp_options;
  mcp_options.allowed_origins = config.server.allowed_origins.value_or(std::vector<std::string>{});
  mcp_options.loopback = listen.is_loopback();
  mcp_options.max_body_bytes = config.server.max_body_bytes.value_or(mcp_options.max_body_bytes);
  mcp_options.session_idle_timeout =
      config.server.session_idle_timeout.value_or(mcp_options.session_idle_timeout);
  mcp_options.server_version = ACTIONHOST_VERSION;
  mcp::Backends backends;
  backends.store = store.get();
  auto proxies = build_proxies(registry, backends);
  mcp::Service mcp_service(registry, mcp_options, changes, backends);
  mcp_service.add_routes(*router);

  http::ServerOptions server_options;
  server_options.listen = listen;
  server_options.max_connections = *max_connections(*parsed, config);
  server_options.max_queued = server_options.max_connections;
  http::Server server(server_options, router);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "actionhost serve: cannot listen on " << listen.to_string() << ": " << e.what()
              << "\n";
    return kExitFailure;
  }
  log.information("listening on http://%s (config %s, data %s, %d connections at once)",
                  http::ListenAddress{listen.host, server.port()}.to_string(), config_file,
                  data_dir.string(), server_options.max_connections);

  int signal = wait_for_termination_signal();
  stopping = true;
  log.information("signal %d received: finishing in-flight requests", signal);
  mcp_service.stop(); // ends open streams so in-flight requests can finish
  server.stop();
  registry.shutdown(); // after the last request has returned
  log.information("stopped");
  return kExitOk;
}

} // namespace actionhost::cli
