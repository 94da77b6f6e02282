// What `actionhost dryrun` needs to run an action for real: the store serve uses, the
// connection's credentials (also kept to redact them from what is shown), and the
// integration's proxy.
#pragma once

#include "action_target.hpp"
#include "options.hpp"

#include "proxy.hpp"
#include "store.hpp"

#include <memory>
#include <string>
#include <vector>

namespace actionhost::cli {

// One live run: the store and proxy it opened, the connection it runs for, and the services
// whose http_request goes through the proxy (everything else goes to the caller's base).
struct Live {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<proxy::Proxy> proxy;
  std::unique_ptr<plugins::CallServices> proxied;
  std::string connection_id;
  std::string metadata_json = "{}";
  std::vector<std::string> secrets;
};

// Opens the store and the connection and builds the proxy (not when the integration has none);
// false after saying why on stderr. Throws on store errors.
bool open_live(const ParsedArgs& args, const ActionTarget& target, plugins::CallServices& base,
               proxy::AttemptList& attempts, Live& live);

// The connection's secret values after the call (a refreshed token included), for redaction.
std::vector<std::string> secrets_after_call(Live& live, const config::Integration& integration);

} // namespace actionhost::cli
