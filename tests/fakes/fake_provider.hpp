// A local stand-in for a provider's API: a real HTTP server on 127.0.0.1 (port chosen by the OS)
// whose routes the test writes, and which remembers every request it received. Tests start it
// in-process; actionhost_fake_provider serves a ready-made one for script tests.
#pragma once

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace actionhost::fakes {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// A request as the fake received it.
struct Request {
  std::string method;
  std::string path;  // without the query
  std::string query; // raw, without '?'
  Pairs headers;
  std::string body;
  uint16_t port = 0; // which fake received it

  std::string header(const std::string& name) const; // case-insensitive; "" when absent
  bool has_header(const std::string& name) const;
  std::string param(const std::string& name) const;      // decoded query parameter
  std::string form_field(const std::string& name) const; // decoded x-www-form-urlencoded field
};

struct Reply {
  int status = 200;
  Pairs headers;
  std::string body;
  bool gzip = false; // send the body gzip-compressed, with Content-Encoding: gzip

  static Reply json(std::string body, int status = 200);
};

using Route = std::function<Reply(const Request& request)>;

// A certificate and its private key (PEM files) for a fake that speaks HTTPS.
struct TlsFiles {
  std::string certificate;
  std::string private_key;
};

class FakeProvider {
public:
  FakeProvider();                             // listening as soon as it is constructed
  explicit FakeProvider(const TlsFiles& tls); // HTTPS
  ~FakeProvider();
  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  // Answers `method path` (exact path) with `route`; unknown routes get 404. Thread-safe.
  void on(const std::string& method, const std::string& path, Route route);
  // Answers every request no exact or prefix route matches. Thread-safe.
  void otherwise(Route route);
  // Answers `method` for every path under `prefix` ("/items/" serves "/items/42") that has no exact
  // route; the longest matching prefix wins. For APIs with ids in their paths.
  void on_prefix(const std::string& method, const std::string& prefix, Route route);

  uint16_t port() const;
  std::string url() const; // "http://127.0.0.1:<port>" ("https://..." with TLS)

  std::vector<Request> requests() const; // every request so far, in arrival order
  size_t count(const std::string& path) const;
  int connections() const; // TCP connections accepted so far

private:
  struct Server;
  friend struct Server;
  Reply answer(const Request& request);

  mutable std::mutex mutex_;
  std::map<std::string, Route> routes_;   // "GET /path"
  std::map<std::string, Route> prefixes_; // "GET /path/"
  Route otherwise_;                       // when nothing else matches
  std::vector<Request> received_;
  std::unique_ptr<Server> server_;
  bool tls_ = false;
};

// An RFC 6749 token endpoint (refresh_token grant, client_secret_post) for OAuth2 tests: checks
// the client and the refresh token, issues "access-<n>" tokens and, when rotating, a new
// "refresh-<n>" refresh token. Mount it with provider.on("POST", "/oauth/token", endpoint.route()).
class TokenEndpoint {
public:
  TokenEndpoint(std::string client_id, std::string client_secret, std::string refresh_token);

  Route route(); // the endpoint stays valid while this object lives

  bool rotate = true;                 // issue a new refresh token with every grant
  int expires_in = 3600;              // seconds
  std::chrono::milliseconds delay{0}; // how long each grant takes
  bool refuse = false;                // answer 400 invalid_grant to every grant
  // Rotation with a grace (as several providers do): the previous refresh token stays valid
  // until the newest one is used. A client that loses an answer in a crash can still refresh;
  // one that used a rotated token without storing it first cannot.
  bool grace_previous = false;

  int grants() const { return grants_; } // successful grants so far
  std::string refresh_token() const;     // the one currently valid

private:
  Reply grant(const Request& request);
  std::string client_id_, client_secret_;
  mutable std::mutex mutex_;
  std::string refresh_token_;
  std::string previous_refresh_token_; // with grace_previous
  std::atomic<int> grants_{0};
};

// For a standalone fake's main(): blocks SIGINT and SIGTERM (construct it before any server
// thread starts, so they inherit the mask), then wait() returns when one of them arrives.
class StopSignals {
public:
  StopSignals();
  void wait();

private:
  sigset_t signals_;
};

// gzip-compresses `text` (for replies a test builds by hand).
std::string gzip(const std::string& text);

} // namespace actionhost::fakes
