// The authenticated outbound proxy: every provider request a plugin makes goes through a Proxy,
// which resolves the URL against the integration's base URL, refuses hosts and addresses the
// integration does not reach, injects the connection's credentials, refreshes OAuth tokens,
// retries and waits out rate limits, and hands back a response that carries no secret.
//
// One Proxy per integration, built once from its configuration; Proxy::request is thread-safe
// and serves one request for one connection (a ProxyCall). The contract with the credential
// store and the execution log is credentials.hpp.
#pragma once

#include "credentials.hpp"

#include <actionhost/plugin.h>
#include <config.hpp>
#include <plugins.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/Net/IPAddress.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace actionhost::proxy {

// Host name to addresses. The proxy checks every address before connecting and then connects to
// the address it checked, so a second DNS answer cannot steer it elsewhere. Throws on failure.
using Resolver = std::function<std::vector<Poco::Net::IPAddress>(const std::string& host)>;
Resolver system_resolver();

// True for addresses an action must not reach unless the integration's base URL does: loopback,
// unspecified (0.0.0.0, ::), link-local, private (RFC 1918, fc00::/7), CGNAT, multicast, and
// IPv4 addresses wrapped in IPv6 (::ffff:127.0.0.1) by what they wrap.
bool is_internal_address(const Poco::Net::IPAddress& address);

struct ProxyOptions {
  Resolver resolve;             // empty: system_resolver()
  int max_redirects = 5;        // same-origin hops followed per attempt
  size_t max_idle_per_host = 4; // keep-alive connections kept per scheme+host+port
  size_t max_idle_total = 64;
};

// One request for one connection: who it is for and how long it may take.
struct ProxyCall {
  ConnectionRef connection;         // connection_id empty when auth mode is NONE
  std::string metadata_json = "{}"; // the connection's non-secret metadata (${connection.f})
  CredentialStore* store = nullptr; // required unless auth mode is NONE
  AttemptSink* attempts = nullptr;  // may be null
  std::string execution_id;         // copied into every Attempt
  std::function<bool()> cancelled;  // polled while waiting; may be empty
  std::optional<std::chrono::steady_clock::time_point> deadline; // the action's deadline
};

class Proxy {
public:
  // Throws std::invalid_argument when the integration has no proxy section.
  explicit Proxy(const config::Integration& integration, ProxyOptions options = {});
  ~Proxy();
  Proxy(const Proxy&) = delete;
  Proxy& operator=(const Proxy&) = delete;

  // Sends `request` for `call`. AH_OK when a response arrived, whatever its HTTP status
  // (response.status, headers, decoded body, attempts). Otherwise response.error says why,
  // without any secret: AH_ERR_PERMISSION (URL, host or address not allowed; the connection is
  // missing or must be reconnected), AH_ERR_UNAVAILABLE (network, token endpoint unreachable),
  // AH_ERR_TIMEOUT, AH_ERR_CANCELLED, AH_ERR_UPSTREAM (over max_response_bytes, undecodable).
  ah_status request(const ProxyCall& call, const plugins::HttpRequest& request,
                    plugins::HttpResponse& response) const;

  const config::Integration& integration() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- Pagination ------------------------------------------------------------------------------

struct PageResult {
  ah_status status = AH_OK;
  std::string error;                                    // when status != AH_OK
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array; // at most the item limit
  int pages = 0;                                        // requests that returned a page
  bool complete = false;      // the provider had no further page (not stopped by the limit)
  plugins::HttpResponse last; // the last page's response (a non-2xx one ends the walk)
};

// Walks pages of `first` as `pagination` describes (cursor, link header or body link, offset)
// until `max_items` items were collected (0: no limit), the provider has no next page, or
// `max_pages` requests were made. A non-2xx page stops the walk with status AH_ERR_UPSTREAM.
PageResult paginate(const Proxy& proxy, const ProxyCall& call, plugins::HttpRequest first,
                    const config::PaginationConfig& pagination, size_t max_items = 0,
                    int max_pages = 100);

// ---- Plugging the proxy into a plugin call ---------------------------------------------------

// CallServices whose http_request goes through `proxy` for `call`; everything else (client
// requests, progress, logs, cancellation) is forwarded to `inner`. When call.cancelled is empty
// the proxy polls inner.cancelled(). `proxy` and `inner` must outlive the returned object.
std::unique_ptr<plugins::CallServices> proxied_services(plugins::CallServices& inner,
                                                        const Proxy& proxy, ProxyCall call);

} // namespace actionhost::proxy
