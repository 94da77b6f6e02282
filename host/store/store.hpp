// The host's database: connections and their encrypted credentials, callers' secret keys, and
// the execution log. One interface, so a PostgreSQL store can serve several replicas later; the
// default is one SQLite file in the data directory (data/actionhost.db), created and migrated
// when opened.
//
// Durability: every method that writes has committed when it returns (SQLite in WAL mode with
// synchronous=FULL), so a response that depends on a write can be sent right after the call.
// The execution log's begin_execution and record() are the exception: they queue (see below).
// Threading: every method is safe to call from any thread; each call takes a pooled database
// session of its own.
// Secrets: nothing here logs, prints or returns a secret, except load() (for the proxy) and
// create_secret_key() (the new key, once, for the operator).
#pragma once

#include "credentials.hpp"
#include "vault.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace actionhost::store {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
using proxy::ConnectionRef;
using proxy::ConnectionStatus;
using proxy::Credentials;

// ---- Errors ------------------------------------------------------------------------------------

class StoreError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The database file was written by a newer actionhost (its schema version is higher than this
// binary knows). Nothing was changed.
class SchemaTooNewError : public StoreError {
public:
  using StoreError::StoreError;
};

// A unique name is taken: a connection id within its integration, an active key's name.
class ConflictError : public StoreError {
public:
  using StoreError::StoreError;
};

// A connection's credentials cannot be decrypted: the message names the connection and why
// (unknown master key, wrong key or tampered record). Never carries ciphertext or plaintext.
class DecryptError : public StoreError {
public:
  DecryptError(const ConnectionRef& connection, const std::string& message)
      : StoreError(message), connection_(connection) {}
  const ConnectionRef& connection() const { return connection_; }

private:
  ConnectionRef connection_;
};

// The status a name (proxy::to_string) stands for.
std::optional<ConnectionStatus> parse_status(std::string_view name);

// ---- Connections -------------------------------------------------------------------------------

struct NewConnection {
  ConnectionRef ref;
  std::string end_user_id;
  std::string end_user_name;
  std::string metadata_json = "{}"; // a JSON object of non-secret fields (instance_url, ...)
  Credentials credentials;
};

// A connection as listed and shown: everything but the secret values.
struct Connection {
  ConnectionRef ref;
  std::string end_user_id;
  std::string end_user_name;
  std::string metadata_json = "{}";
  ConnectionStatus status = ConnectionStatus::Ok;
  std::string status_reason;
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> last_used_at;
  // Which credential fields are set ("api_key", "access_token", "expires_at", ...): names only.
  std::vector<std::string> credential_fields;
  std::optional<TimePoint> expires_at; // OAuth2 access token expiry, when known (not secret)
  std::string key_id;                  // the master key that sealed the credentials
};

// The names of the non-empty fields of `credentials`, in a fixed order.
std::vector<std::string> credential_field_names(const Credentials& credentials);

// ---- Secret keys (callers of /mcp) -------------------------------------------------------------

// What a key may reach. Empty lists mean no restriction; a denied tool is denied even when it is
// also allowed.
struct KeyLimits {
  std::vector<std::string> integrations;
  std::vector<std::string> allowed_tools;
  std::vector<std::string> denied_tools;

  bool allows_integration(std::string_view integration_key) const;
  bool allows_tool(std::string_view tool) const;
};

struct KeyInfo {
  std::string id;   // public, embedded in the key: "ahk_<id>_<secret>"
  std::string name; // unique among active keys
  KeyLimits limits;
  TimePoint created_at;
  std::optional<TimePoint> last_used_at;
  std::optional<TimePoint> revoked_at;
  bool revoked() const { return revoked_at.has_value(); }
};

struct CreatedKey {
  KeyInfo info;
  std::string secret; // the full key; shown once, stored only as a salted hash
};

// ---- Execution log -----------------------------------------------------------------------------

enum class Outcome { Running, Ok, ToolError, ProtocolError, Cancelled };
std::string outcome_name(Outcome outcome); // "running", "ok", "tool_error", ...
std::optional<Outcome> parse_outcome(std::string_view name);

struct ExecutionStart {
  ConnectionRef connection;
  std::string action;
  std::string key_id;   // the caller's secret key id, or "" (open access, OAuth client, ...)
  std::string key_name; // for reading the log; never the key itself
};

struct Execution {
  std::string id;
  ConnectionRef connection;
  std::string action;
  std::string key_id;
  std::string key_name;
  TimePoint started_at;
  std::optional<std::chrono::microseconds> duration; // set when finished
  Outcome outcome = Outcome::Running;
  std::string error;                    // free of secrets, as the caller passed it
  std::vector<proxy::Attempt> attempts; // in the order they were made
};

struct ExecutionFilter {
  std::optional<std::string> integration_key;
  std::optional<std::string> connection_id;
  std::optional<TimePoint> since;
  size_t limit = 50; // newest first
};

// ---- Vault maintenance -------------------------------------------------------------------------

struct RotationProgress {
  size_t resealed = 0;  // records moved to the primary key by this run
  size_t remaining = 0; // records still under another key (changed concurrently; run again)
  std::vector<std::string> failures; // one message per record that could not be opened
};

// ---- The store ---------------------------------------------------------------------------------

class Store : public proxy::CredentialStore, public proxy::AttemptSink {
public:
  // Connections. create_connection throws ConflictError when the id is taken in the integration.
  virtual void create_connection(const NewConnection& connection) = 0;
  virtual std::optional<Connection> find_connection(const ConnectionRef& ref) = 0;
  // All connections (of one integration when given), by integration then id.
  virtual std::vector<Connection>
  list_connections(const std::optional<std::string>& integration) = 0;
  virtual bool delete_connection(const ConnectionRef& ref) = 0; // false when absent
  // Replaces the credentials (and sets the status back to ok).
  virtual void update_credentials(const ConnectionRef& ref, const Credentials& credentials) = 0;

  // proxy::CredentialStore. load() throws DecryptError when the credentials cannot be opened.
  std::optional<Credentials> load(const ConnectionRef& connection) override = 0;
  void save_refreshed(const ConnectionRef& connection, const Credentials& credentials) override = 0;
  void set_status(const ConnectionRef& connection, ConnectionStatus status,
                  const std::string& reason) override = 0;

  // Secret keys. create throws ConflictError when an active key has the name.
  virtual CreatedKey create_secret_key(const std::string& name, const KeyLimits& limits) = 0;
  // The key's info when `presented` is an active key, else nullopt. Looks the key up by the id
  // embedded in it and compares salted hashes in constant time; records the last use (at most
  // once a minute per key, so a busy key does not write on every request).
  virtual std::optional<KeyInfo> verify_secret_key(std::string_view presented) = 0;
  virtual std::vector<KeyInfo> list_secret_keys() = 0; // revoked ones included
  // Revokes the active key with this name, or the key with this id. False when none matched.
  virtual bool revoke_secret_key(const std::string& name_or_id) = 0;

  // Execution log. Its writes are group-committed (many calls' rows in one transaction and
  // one fsync): begin_execution and record() return at once; finish_execution returns once the
  // call's row (with its attempts) is committed (at once with
  // StoreOptions::buffered_execution_log). A call still running after a second gets its row then,
  // as running. begin_execution returns the id that attempts and finish_execution name; it also
  // marks the connection as used (last_used_at, written at most once a minute per connection).
  virtual std::string begin_execution(const ExecutionStart& start) = 0;
  virtual void finish_execution(const std::string& execution_id, Outcome outcome,
                                const std::string& error = {}) = 0;
  // proxy::AttemptSink: appends the attempt to the execution it names.
  void record(const proxy::Attempt& attempt) override = 0;
  // Returns once every call begun so far has its row committed. list_executions does it first.
  virtual void flush_execution_log() = 0;
  virtual std::vector<Execution> list_executions(const ExecutionFilter& filter) = 0;
  // Deletes executions (and their attempts) started before `cutoff`; returns how many.
  virtual size_t purge_executions(TimePoint cutoff) = 0;

  // Vault maintenance: how many credential records each master key sealed, and re-sealing
  // every record not under the vault's primary key (each row swapped only if unchanged, so a
  // running server's concurrent token refresh is never overwritten).
  virtual std::map<std::string, size_t> records_per_key() = 0;
  virtual RotationProgress reseal_credentials() = 0;

  virtual int schema_version() = 0;
  virtual std::string location() const = 0; // for messages: the database file
};

struct StoreOptions {
  std::filesystem::path data_dir = "data"; // the database is data_dir/actionhost.db
  std::shared_ptr<vault::Vault> vault;     // required to read or write credentials
  // Executions older than this are purged when the store opens and then about hourly.
  std::chrono::hours execution_retention = std::chrono::hours(24 * 30);
  size_t max_sessions = 16; // pooled database connections
  // false (durable): finish_execution returns once the call's row is committed. true
  // (buffered): it returns at once and the row is committed moments later with the next batch,
  // so a crash can lose the last calls' rows; for deployments that value throughput more.
  bool buffered_execution_log = false;
};

// The newest schema version this binary knows.
int latest_schema_version();

// Opens (creating the directory and file when missing) and migrates the SQLite store. Throws
// SchemaTooNewError when the file is newer than this binary, StoreError for anything else.
std::unique_ptr<Store> open_store(const StoreOptions& options);

} // namespace actionhost::store
