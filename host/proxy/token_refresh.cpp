// The RFC 6749 refresh_token grant, single-flight per connection.
#include "token_refresh.hpp"

#include "error.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>

#include <chrono>
#include <optional>

namespace actionhost::proxy::detail {

using namespace std::chrono_literals;

struct TokenRefresher::Flight {
  std::timed_mutex running;
  // The last failed refresh, so callers queued behind it do not each repeat it.
  std::string failed_token;
  std::optional<ProxyError> failure;
  std::chrono::steady_clock::time_point failed_at;
};

TokenRefresher::TokenRefresher(std::string integration_key, config::OAuth2Config oauth, Send send)
    : integration_key_(std::move(integration_key)), oauth_(std::move(oauth)),
      send_(std::move(send)) {}

std::shared_ptr<TokenRefresher::Flight>
TokenRefresher::flight_for(const ConnectionRef& connection) {
  std::lock_guard lock(flights_mutex_);
  auto& flight = flights_[connection];
  if (!flight)
    flight = std::make_shared<Flight>();
  return flight;
}

bool TokenRefresher::stale(const Credentials& credentials,
                           const std::string* rejected_token) const {
  if (rejected_token)
    return credentials.access_token == *rejected_token;
  return credentials.access_token.empty() ||
         (credentials.expires_at &&
          *credentials.expires_at - oauth_.refresh_margin <= Clock::now());
}

Credentials TokenRefresher::fresh(const ProxyCall& call, Credentials current,
                                  const std::string* rejected_token) {
  if (!stale(current, rejected_token))
    return current;
  auto flight = flight_for(call.connection);
  while (!flight->running.try_lock_for(20ms)) {
    if (call.cancelled && call.cancelled())
      throw ProxyError(AH_ERR_CANCELLED, "cancelled while waiting for an OAuth token refresh");
    if (call.deadline && std::chrono::steady_clock::now() >= *call.deadline)
      throw ProxyError(AH_ERR_TIMEOUT, "the deadline passed while waiting for a token refresh");
  }
  std::unique_lock lock(flight->running, std::adopt_lock);

  // Whoever held the lock before may have refreshed already.
  auto latest = call.store->load(call.connection);
  if (!latest)
    throw ProxyError(AH_ERR_PERMISSION, "the connection '" + call.connection.connection_id +
                                            "' of integration '" + integration_key_ +
                                            "' does not exist");
  if (!stale(*latest, rejected_token))
    return *latest;
  if (flight->failure && flight->failed_token == latest->access_token &&
      std::chrono::steady_clock::now() - flight->failed_at < 30s)
    throw *flight->failure;

  try {
    Credentials refreshed = refresh(call, *latest);
    flight->failure.reset();
    return refreshed;
  } catch (const ProxyError& e) {
    flight->failed_token = latest->access_token;
    flight->failure = e;
    flight->failed_at = std::chrono::steady_clock::now();
    bool still_valid = !rejected_token && !latest->access_token.empty() &&
                       (!latest->expires_at || *latest->expires_at > Clock::now());
    if (e.status() == AH_ERR_UNAVAILABLE && still_valid)
      return *latest;
    throw;
  }
}

namespace {

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields)
    out += (out.empty() ? "" : "&") + percent_encode(name) + "=" + percent_encode(value);
  return out;
}

// Token responses are JSON (RFC 6749 5.1); a few providers still answer form-encoded.
Poco::JSON::Object::Ptr token_fields(const Received& received) {
  try {
    auto parsed = Poco::JSON::Parser().parse(received.body);
    if (auto object = parsed.extract<Poco::JSON::Object::Ptr>())
      return object;
  } catch (const std::exception&) {
  }
  Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
  try {
    Poco::URI uri("/?" + received.body);
    for (const auto& [name, value] : uri.getQueryParameters())
      object->set(name, value);
  } catch (const std::exception&) {
  }
  return object;
}

std::string text_field(const Poco::JSON::Object::Ptr& object, const std::string& name) {
  if (!object->has(name) || object->isNull(name))
    return {};
  return object->get(name).toString();
}

} // namespace

Credentials TokenRefresher::refresh(const ProxyCall& call, const Credentials& latest) {
  std::string who = "the connection '" + call.connection.connection_id + "' of integration '" +
                    integration_key_ + "'";
  auto reconnect = [&](ConnectionStatus status, const std::string& why) -> ProxyError {
    call.store->set_status(call.connection, status, why);
    return ProxyError(AH_ERR_PERMISSION, who + " must be reconnected: " + why);
  };
  if (latest.refresh_token.empty())
    throw reconnect(ConnectionStatus::Expired,
                    "its OAuth access token expired and there is no refresh token");

  Outgoing request;
  request.method = "POST";
  request.target = parse_absolute(oauth_.token_url);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"grant_type", "refresh_token"}, {"refresh_token", latest.refresh_token}};
  if (oauth_.client_id)
    fields.emplace_back("client_id", *oauth_.client_id);
  if (oauth_.client_secret)
    fields.emplace_back("client_secret", *oauth_.client_secret);
  for (const auto& [name, value] : oauth_.token_params)
    fields.emplace_back(name, value);
  request.body = form(fields);
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};

  Received received;
  try {
    received = send_(request);
  } catch (const ProxyError& e) {
    if (e.status() == AH_ERR_CANCELLED || e.status() == AH_ERR_PERMISSION)
      throw;
    throw ProxyError(AH_ERR_UNAVAILABLE,
                     "could not refresh the OAuth token of " + who + ": " + e.what());
  }
  if (received.status >= 500 || received.status == 429)
    throw ProxyError(AH_ERR_UNAVAILABLE, "could not refresh the OAuth token of " + who +
                                             ": the token endpoint answered " +
                                             std::to_string(received.status));
  auto fields_in = token_fields(received);
  std::string error = text_field(fields_in, "error");
  std::string access_token = text_field(fields_in, "access_token");
  if (received.status >= 400 || !error.empty() || access_token.empty()) {
    std::string code = error.empty() ? "HTTP " + std::to_string(received.status) : error;
    if (error.empty() && received.status < 400)
      code = "no access_token in the token response";
    // Only codes made of the RFC 6749 alphabet are quoted, so nothing the provider echoes leaks.
    if (code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_ 0123456789HTP") != std::string::npos)
      code = "error";
    throw reconnect(error == "invalid_grant" ? ConnectionStatus::Invalid
                                             : ConnectionStatus::Expired,
                    "the provider refused to refresh its OAuth token (" + code + ")");
  }

  Credentials fresh = latest;
  fresh.access_token = access_token;
  std::string rotated = text_field(fields_in, "refresh_token");
  if (!rotated.empty())
    fresh.refresh_token = rotated;
  std::string expires_in = text_field(fields_in, "expires_in");
  fresh.expires_at.reset();
  try {
    if (!expires_in.empty())
      fresh.expires_at = Clock::now() + std::chrono::seconds(std::stoll(expires_in));
  } catch (const std::exception&) {
  }
  std::string token_type = text_field(fields_in, "token_type");
  if (!token_type.empty())
    fresh.token_type = token_type;
  fresh.raw_token_response = received.body;
  // Durable before anyone sends the new token: a rotated refresh token lost in a crash would
  // lock the connection out.
  call.store->save_refreshed(call.connection, fresh);
  return fresh;
}

} // namespace actionhost::proxy::detail
