// What the proxy tests share: an integration written as integrations.yaml, a credential store
// and an attempt log that remember what the proxy did, and a resolver with made-up names.
#pragma once

#include <proxy.hpp>

#include <config.hpp>

#include <Poco/String.h>
#include <catch2/catch.hpp>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace proxy_test {

using namespace actionhost;

// The one integration of a YAML document (an `integrations:` map with one entry). The only
// environment variables are OAUTH_CLIENT_ID and OAUTH_CLIENT_SECRET.
inline config::Integration integration(const std::string& yaml) {
  auto env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "OAUTH_CLIENT_ID")
      return "client-1";
    if (name == "OAUTH_CLIENT_SECRET")
      return "client-secret-xyz";
    return std::nullopt;
  };
  auto config = config::load_string(yaml, "test.yaml", "/tmp", env);
  REQUIRE(config.integrations.size() == 1);
  return config.integrations.front();
}

inline proxy::Credentials token(std::string access_token, std::string refresh_token = {},
                                std::optional<proxy::Clock::time_point> expires_at = {}) {
  proxy::Credentials c;
  c.access_token = std::move(access_token);
  c.refresh_token = std::move(refresh_token);
  c.expires_at = expires_at;
  return c;
}
inline proxy::Credentials api_key(std::string key) {
  proxy::Credentials c;
  c.api_key = std::move(key);
  return c;
}
inline proxy::Credentials basic(std::string username, std::string password) {
  proxy::Credentials c;
  c.username = std::move(username);
  c.password = std::move(password);
  return c;
}

// A CredentialStore that keeps credentials in memory and logs every write in order.
class RecordingStore : public proxy::CredentialStore {
public:
  void put(const std::string& connection_id, proxy::Credentials credentials) {
    std::lock_guard lock(mutex_);
    credentials_[connection_id] = std::move(credentials);
  }
  std::optional<proxy::Credentials> load(const proxy::ConnectionRef& c) override {
    std::lock_guard lock(mutex_);
    auto found = credentials_.find(c.connection_id);
    if (found == credentials_.end())
      return std::nullopt;
    return found->second;
  }
  void save_refreshed(const proxy::ConnectionRef& c, const proxy::Credentials& fresh) override {
    std::lock_guard lock(mutex_);
    credentials_[c.connection_id] = fresh;
    events_.push_back("saved refresh token " + fresh.refresh_token);
  }
  void set_status(const proxy::ConnectionRef& c, proxy::ConnectionStatus status,
                  const std::string& reason) override {
    std::lock_guard lock(mutex_);
    statuses_[c.connection_id] = status;
    events_.push_back("status " + proxy::to_string(status) + ": " + reason);
  }
  std::vector<std::string> events() const {
    std::lock_guard lock(mutex_);
    return events_;
  }
  std::optional<proxy::ConnectionStatus> status(const std::string& connection_id) const {
    std::lock_guard lock(mutex_);
    auto found = statuses_.find(connection_id);
    return found == statuses_.end() ? std::nullopt : std::optional(found->second);
  }
  // Lets a test log its own events (e.g. "request seen by the provider") between the store's.
  void note(const std::string& event) {
    std::lock_guard lock(mutex_);
    events_.push_back(event);
  }

private:
  mutable std::mutex mutex_;
  std::map<std::string, proxy::Credentials> credentials_;
  std::map<std::string, proxy::ConnectionStatus> statuses_;
  std::vector<std::string> events_;
};

// Resolves only the names given (no real DNS in tests).
inline proxy::Resolver resolver(std::map<std::string, std::string> names) {
  return [names](const std::string& host) {
    auto found = names.find(host);
    if (found == names.end())
      throw std::runtime_error("unknown host " + host);
    return std::vector<Poco::Net::IPAddress>{Poco::Net::IPAddress(found->second)};
  };
}

inline plugins::HttpRequest get(const std::string& url) {
  plugins::HttpRequest request;
  request.method = "GET";
  request.url = url;
  return request;
}

inline plugins::HttpRequest post(const std::string& url, const std::string& body) {
  plugins::HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.body = body;
  return request;
}

// A call for connection "conn-1" of the integration.
inline proxy::ProxyCall call_for(const std::string& integration_key, RecordingStore& store,
                                 proxy::AttemptList* sink = nullptr) {
  proxy::ProxyCall call;
  call.connection = {integration_key, "conn-1"};
  call.store = &store;
  call.attempts = sink;
  call.execution_id = "exec-1";
  return call;
}

inline std::string header(const plugins::HttpResponse& response, const std::string& name) {
  for (const auto& [n, v] : response.headers)
    if (Poco::icompare(n, name) == 0)
      return v;
  return {};
}

} // namespace proxy_test
