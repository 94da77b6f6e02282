#include "dryrun_live.hpp"
#include "store_access.hpp"

#include <iostream>

namespace actionhost::cli {

namespace {

// The secret values of a connection, for redaction.
std::vector<std::string> secret_values(const proxy::Credentials& c,
                                       const config::Integration& integration) {
  std::vector<std::string> values = {c.api_key, c.password, c.access_token, c.refresh_token};
  if (integration.auth.oauth2 && integration.auth.oauth2->client_secret)
    values.push_back(*integration.auth.oauth2->client_secret);
  return values;
}

} // namespace

bool open_live(const ParsedArgs& args, const ActionTarget& target, plugins::CallServices& base,
               proxy::AttemptList& attempts, Live& live) {
  const auto& integration = target.integration;
  if (!integration.proxy) {
    std::cerr << "actionhost dryrun: note: integration '" << integration.key
              << "' has no proxy section: the action cannot reach its provider\n";
    return true;
  }
  bool needs_connection = integration.auth.mode != config::AuthMode::None;
  if (needs_connection && !args.has("connection")) {
    std::cerr << "actionhost dryrun: --connection is required: integration '" << integration.key
              << "' authenticates with " << config::to_string(integration.auth.mode)
              << " (or use --replay FILE to run against a fixture)\n";
    return false;
  }
  proxy::ProxyCall call;
  call.connection = {integration.key, args.get("connection")};
  if (needs_connection) {
    live.store = open_cli_store(args, true);
    auto connection = live.store->find_connection(call.connection);
    if (!connection) {
      std::cerr << "actionhost dryrun: integration '" << integration.key << "' has no connection '"
                << call.connection.connection_id << "' in " << live.store->location()
                << " (create it with 'actionhost connections create')\n";
      return false;
    }
    if (connection->status != proxy::ConnectionStatus::Ok) {
      std::cerr << "actionhost dryrun: connection '" << call.connection.connection_id << "' is "
                << proxy::to_string(connection->status)
                << (connection->status_reason.empty() ? "" : " (" + connection->status_reason + ")")
                << ": reconnect it first\n";
      return false;
    }
    live.metadata_json = connection->metadata_json;
    if (auto credentials = live.store->load(call.connection))
      live.secrets = secret_values(*credentials, integration);
    call.store = live.store.get();
    live.connection_id = call.connection.connection_id;
  }
  call.metadata_json = live.metadata_json;
  call.attempts = &attempts;
  call.execution_id = "dryrun";
  live.proxy = std::make_unique<proxy::Proxy>(integration);
  live.proxied = proxy::proxied_services(base, *live.proxy, std::move(call));
  return true;
}

std::vector<std::string> secrets_after_call(Live& live, const config::Integration& integration) {
  std::vector<std::string> secrets = live.secrets;
  if (live.store && !live.connection_id.empty())
    if (auto credentials = live.store->load({integration.key, live.connection_id}))
      for (const auto& value : secret_values(*credentials, integration))
        secrets.push_back(value);
  return secrets;
}

} // namespace actionhost::cli
