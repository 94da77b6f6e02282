// The contract between the proxy (which injects credentials into provider requests) and the
// store (which keeps them encrypted). The proxy never sees where credentials live; the store
// never sees HTTP. Everything here stays inside the host: nothing of it reaches a plugin.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace actionhost::proxy {

using Clock = std::chrono::system_clock;

// The secret part of a connection, decrypted. Which fields are set depends on the auth mode.
struct Credentials {
  std::string api_key;                         // API_KEY
  std::string username, password;              // BASIC
  std::string access_token;                    // OAUTH2, BEARER
  std::string refresh_token;                   // OAUTH2 (may be empty)
  std::optional<Clock::time_point> expires_at; // OAUTH2 access token expiry, when known
  std::string token_type;                      // OAUTH2, as the provider said ("Bearer")
  std::string raw_token_response;              // OAUTH2: the last token response (JSON text)
};

enum class ConnectionStatus { Ok, Expired, Invalid, Revoked };
// The status as the store keeps it and the CLI shows it: "ok", "expired", "invalid", "revoked".
inline std::string to_string(ConnectionStatus status) {
  switch (status) {
  case ConnectionStatus::Ok:
    return "ok";
  case ConnectionStatus::Expired:
    return "expired";
  case ConnectionStatus::Invalid:
    return "invalid";
  case ConnectionStatus::Revoked:
    return "revoked";
  }
  return "invalid";
}

// Identifies a connection: the integration's provider-config-key and the caller-chosen id.
struct ConnectionRef {
  std::string integration_key;
  std::string connection_id;
  bool operator<(const ConnectionRef& o) const {
    return integration_key != o.integration_key ? integration_key < o.integration_key
                                                : connection_id < o.connection_id;
  }
  bool operator==(const ConnectionRef&) const = default;
};

// Implemented by the store. Every method is thread-safe and may block on the database.
class CredentialStore {
public:
  virtual ~CredentialStore() = default;
  // The connection's current credentials; nullopt when the connection does not exist.
  virtual std::optional<Credentials> load(const ConnectionRef& connection) = 0;
  // Persists refreshed credentials (a rotated refresh token included) durably: when this
  // returns, a crash cannot lose them. Also sets the status back to ok.
  virtual void save_refreshed(const ConnectionRef& connection, const Credentials& credentials) = 0;
  // Marks the connection (e.g. expired after a failed refresh). `reason` is free of secrets.
  virtual void set_status(const ConnectionRef& connection, ConnectionStatus status,
                          const std::string& reason) = 0;
};

// One attempt the proxy made, for the execution log. Free of secrets: the URL has credentials
// and sensitive query parameters redacted; bodies are not kept.
struct Attempt {
  std::string execution_id;
  std::string method;
  std::string url; // redacted
  int status = 0;  // 0 when no response arrived
  std::chrono::microseconds duration{0};
  int attempt = 1;          // 1-based
  std::string retry_reason; // empty when not retried: "429", "503", "network: ...", "401 refresh"
  std::string error;        // transport error, when any
};

// Implemented by the store's execution log (or a test).
class AttemptSink {
public:
  virtual ~AttemptSink() = default;
  virtual void record(const Attempt& attempt) = 0;
};

// Keeps every attempt in memory, in order: what `actionhost dryrun` prints, and what tests check.
class AttemptList : public AttemptSink {
public:
  void record(const Attempt& attempt) override {
    std::lock_guard lock(mutex_);
    attempts_.push_back(attempt);
  }
  std::vector<Attempt> attempts() const {
    std::lock_guard lock(mutex_);
    return attempts_;
  }

private:
  mutable std::mutex mutex_;
  std::vector<Attempt> attempts_;
};

} // namespace actionhost::proxy
