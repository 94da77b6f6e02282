// integrations.yaml as typed values: which integrations the host serves, the plugin behind each,
// the provider's auth mode and endpoints, and how the proxy reaches the provider.
//
// Loading validates the whole file in one pass and throws ConfigError with every problem found,
// each naming file:line:column, so a user fixes a file in one go. `${ENV}` references are
// expanded at load; runtime placeholders (${apiKey}, ${connection.<field>}, ...) are kept as
// Templates for the proxy to fill per call.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace actionhost::config {

// ---- Diagnostics -------------------------------------------------------------------------------

// A position in the file, 1-based; line 0 when the problem has no position (file unreadable).
struct Location {
  int line = 0;
  int column = 0;
};

// One problem: "file:line:column: message".
struct Diagnostic {
  std::string file;
  Location location;
  std::string message;

  std::string to_string() const;
};

// Thrown by load_file/load_string; what() is every diagnostic, one per line.
class ConfigError : public std::runtime_error {
public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
  std::vector<Diagnostic> diagnostics_;
};

// ---- Values ------------------------------------------------------------------------------------

// Durations are written with a unit: 500ms, 30s, 15m, 1h.
using Duration = std::chrono::milliseconds;

// A string the proxy completes at call time. Parts are literal text or placeholder names:
// "apiKey", "username", "password", "accessToken" or "connection.<field>".
struct Template {
  struct Part {
    bool placeholder = false;
    std::string text; // literal text, or the placeholder's name without ${ }
    bool operator==(const Part&) const = default;
  };
  std::vector<Part> parts;

  // The template with each placeholder replaced by value(name).
  std::string render(const std::function<std::string(const std::string& name)>& value) const;
  // The template in file syntax: placeholders as ${name}, a literal "${" as "$${".
  std::string text() const;
  bool has_placeholders() const;
};

// "host:port" from server.listen or a --listen flag; "[::1]:8080" for IPv6.
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
// Nullopt when `text` is not host:port with a port from 0 to 65535.
std::optional<ListenAddress> parse_listen_address(std::string_view text);

// ---- The configuration -------------------------------------------------------------------------

// server: everything optional, since command-line flags override it.
struct ServerConfig {
  std::optional<ListenAddress> listen;
  std::optional<std::filesystem::path> plugin_dir; // absolute
  std::optional<std::vector<std::string>> allowed_origins;
  std::optional<uint64_t> max_body_bytes;
  std::optional<Duration> session_idle_timeout;
  // Keep-alive connections served at once (one thread each); more wait in the accept queue.
  std::optional<int> max_connections;
  // How long the execution log keeps a tool call (default 30d); older ones are purged.
  std::optional<Duration> execution_retention;
  // durable (default): a tool call's log row is committed before its response is sent;
  // buffered: committed just after it (a crash can lose the last rows), for throughput.
  std::optional<bool> execution_log_buffered;
};

enum class AuthMode { OAuth2, ApiKey, Basic, Bearer, None };
std::string_view to_string(AuthMode mode); // as written in the file: "OAUTH2", ...

struct OAuth2Config {
  std::string authorization_url; // empty when only tokens are exchanged (client credentials)
  std::string token_url;
  std::vector<std::string> scopes;
  std::string scope_separator = " ";
  // From ${ENV} references; nullopt (unset, or expanded to nothing): from the database.
  std::optional<std::string> client_id;
  std::optional<std::string> client_secret;
  Duration refresh_margin = std::chrono::minutes(5);       // refresh this long before expiry
  std::map<std::string, std::string> authorization_params; // extra query, e.g. access_type
  std::map<std::string, std::string> token_params;         // extra token request fields
};

struct AuthConfig {
  AuthMode mode = AuthMode::None;
  std::optional<OAuth2Config> oauth2; // set exactly when mode is OAuth2
  // API_KEY/BASIC: where the proxy puts the credentials; empty means the mode's default
  // (BASIC: an Authorization header). API_KEY always names at least one.
  std::map<std::string, Template> headers;
  std::map<std::string, Template> query;
};

struct RetryConfig {
  int max_attempts = 3; // including the first
  std::vector<int> on_status = {429, 500, 502, 503, 504};
  bool retry_non_idempotent = false; // POST/PATCH are retried only when true
  Duration backoff_initial = std::chrono::milliseconds(500);
  Duration backoff_max = std::chrono::seconds(30);
  std::vector<std::string> rate_limit_reset_headers; // besides Retry-After
};

enum class PaginationStyle { Cursor, Link, Offset };

// Paths are dotted paths into the JSON response body ("response_metadata.next_cursor").
struct PaginationConfig {
  PaginationStyle style = PaginationStyle::Cursor;
  std::string cursor_param; // cursor: request parameter carrying the cursor
  std::string cursor_path;  // cursor: where the next cursor is in the response
  std::string link_path;    // link: body path of the next URL; empty: the Link header
  std::string offset_param; // offset: request parameter carrying the offset
  std::string limit_param;  // optional page size parameter
  std::optional<int> limit; // page size to request
  std::string results_path; // where the page's items are; empty: the body itself
};

struct ProxyConfig {
  Template base_url;
  std::vector<std::string> allowed_hosts; // hosts reachable besides base_url's
  Duration timeout = std::chrono::seconds(30);
  uint64_t max_response_bytes = 10 * 1024 * 1024;
  std::optional<std::filesystem::path> ca_file; // absolute
  RetryConfig retry;
  std::optional<PaginationConfig> pagination;
};

enum class Access {
  Key, // callers authenticate with a secret key or an OAuth token
  Open // no caller authentication: only allowed on a loopback listen address
};

struct Integration {
  std::string key;                   // the provider-config-key
  std::string plugin;                // a file name in plugin_dir, or an absolute path
  std::optional<std::string> sha256; // lowercase hex
  std::string title;                 // defaults to the key
  std::string description;
  std::optional<std::string> instructions;
  Access access = Access::Key;
  AuthConfig auth;
  std::optional<ProxyConfig> proxy;
  std::optional<std::vector<std::string>> actions; // nullopt: every action ("all")
  std::vector<std::string> staged; // only in dry runs and the test kit, never over MCP
  // Field names (JSON body fields, query parameters, headers; case-insensitive) whose values
  // dryrun never prints and never saves in a fixture, besides the built-in secret-looking names.
  std::vector<std::string> redact;
  std::string settings_json = "{}";

  // Where each field was written, by dotted path ("plugin", "auth.mode", "actions[2]"); "" is
  // the integration's key. Lets later checks (plugin loading, action lookup) point at the line.
  std::map<std::string, Location> locations;
  Location where(const std::string& path) const; // the key's location when `path` is absent

  bool exposes(const std::string& action) const; // listed (or "all") and not staged
};

struct Config {
  std::string file;               // as named in diagnostics
  std::filesystem::path base_dir; // relative paths in the file resolve against this
  ServerConfig server;
  std::vector<Integration> integrations; // in file order

  const Integration* find(std::string_view key) const;
  // A diagnostic about an integration's field, for checks made after loading: at the field's
  // position, the message prefixed with "integration '<key>': " (unless it already starts so).
  Diagnostic diagnostic(const Integration& integration, const std::string& path,
                        const std::string& message) const;
};

// ---- Loading -----------------------------------------------------------------------------------

// Looks up an environment variable; injectable so tests never read the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<std::string> process_environment(const std::string& name);

// Reads the file; relative paths in it resolve against its directory. Throws ConfigError.
Config load_file(const std::filesystem::path& path, const EnvLookup& env = process_environment);
// Parses text already in memory; `file` names it in diagnostics. Throws ConfigError.
Config load_string(std::string_view text, const std::string& file,
                   const std::filesystem::path& base_dir,
                   const EnvLookup& env = process_environment);

// ---- Checks that depend on more than the file --------------------------------------------------

inline constexpr const char* kDefaultListen = "127.0.0.1:8080";
// server.max_connections: the default and the accepted range.
inline constexpr int kDefaultMaxConnections = 512;
inline constexpr int kMinMaxConnections = 1;
inline constexpr int kMaxMaxConnections = 100000;

// The error text when an integration has `access: open` but the host listens on `listen_host`,
// which is not a loopback address; nullopt when allowed. The serve command calls this after
// applying its --listen flag.
std::optional<std::string> check_open_access(const Config& config, const std::string& listen_host);

// The plugin file of an integration: its absolute path as written, otherwise
// plugin_dir/<plugin>, with ".so" appended unless the name already ends with it.
std::filesystem::path plugin_path(const Integration& integration,
                                  const std::filesystem::path& plugin_dir);

// Problems with the plugin files on disk: missing files and sha256 pins that do not match.
std::vector<Diagnostic> check_plugin_files(const Config& config,
                                           const std::filesystem::path& plugin_dir);

} // namespace actionhost::config
