// OAuth2 access tokens kept fresh: refresh before expiry or after a 401, one refresh at a time
// per connection, rotated refresh tokens stored before anyone uses the new access token.
#pragma once

#include "exchange.hpp"
#include "proxy.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace actionhost::proxy::detail {

class TokenRefresher {
public:
  // Sends the token request (the proxy's transport, no credentials added).
  using Send = std::function<Received(const Outgoing& request)>;

  TokenRefresher(std::string integration_key, config::OAuth2Config oauth, Send send);

  // Credentials fit to use for `call`. `current` is what the caller holds; `rejected_token`,
  // when given, is an access token the provider just answered 401 to. Refreshes when the token
  // is rejected or expires within refresh_margin; concurrent callers for one connection wait
  // for a single refresh and share its result. A refused refresh marks the connection
  // (invalid_grant: invalid; otherwise expired) and throws ProxyError(AH_ERR_PERMISSION) asking
  // for a reconnect; an unreachable token endpoint throws AH_ERR_UNAVAILABLE (no status change),
  // unless the current token is still valid, which is then used.
  Credentials fresh(const ProxyCall& call, Credentials current,
                    const std::string* rejected_token = nullptr);

private:
  struct Flight;
  std::shared_ptr<Flight> flight_for(const ConnectionRef& connection);
  bool stale(const Credentials& credentials, const std::string* rejected_token) const;
  Credentials refresh(const ProxyCall& call, const Credentials& latest);

  std::string integration_key_;
  config::OAuth2Config oauth_;
  Send send_;
  std::mutex flights_mutex_;
  std::map<ConnectionRef, std::shared_ptr<Flight>> flights_;
};

} // namespace actionhost::proxy::detail
