// ah::testkit::Provider: what answers an action's ctx.proxy() calls in a test, either handlers
// written in the test (method + path -> response) or a recorded fixture. It remembers every request
// the action sent, so the test can assert on them.
#pragma once

#include <actionhost/sdk/http.hpp>
#include <actionhost/sdk/json.hpp>
#include <actionhost/testkit/export.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ah::testkit {

// One request as the action sent it through ctx.proxy().
struct AH_TESTKIT_API ProviderRequest {
  std::string method; // "GET", "POST", ...
  std::string path;   // as the action gave it (relative, or an absolute URL), without a query
  Pairs query;        // the action's query parameters, then any written into its path
  Pairs headers;      // the action's own headers (in a real call the proxy adds credentials)
  std::string body;

  // The first header or query parameter with this name (headers case-insensitively).
  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  // The body parsed as JSON. Throws std::invalid_argument naming the request when it is not JSON.
  Json json() const;
  // "POST /repos/acme/issues?state=open"
  std::string line() const;
};

// What the action gets back: an HTTP response, or a failure where no response arrived.
struct AH_TESTKIT_API ProviderResponse {
  int status = 200;
  Pairs headers;
  std::string body;
  // Not AH_OK: no response arrived (the proxy's AH_ERR_UNAVAILABLE, AH_ERR_TIMEOUT, ...);
  // the action's ctx.proxy() throws ah::HttpError with this status and `error`.
  ah_status failure = AH_OK;
  std::string error;

  // A JSON body (the text as given) with Content-Type: application/json.
  static ProviderResponse json(std::string body, int status = 200);
  static ProviderResponse text(std::string body, int status = 200);
  // No response at all: the proxy reports `status` and `error` to the action.
  static ProviderResponse fail(ah_status status, std::string error);
};

using Handler = std::function<ProviderResponse(const ProviderRequest&)>;

// Copies share one state: requests seen through any copy show in all of them. Thread-safe, as
// actions may call the proxy from several threads.
class AH_TESTKIT_API Provider {
public:
  // No handlers: every request fails (AH_ERR_UNAVAILABLE) and is listed in problems().
  Provider();

  // Answers `method` requests for `path` (exact, or a prefix when it ends with '*'). Handlers are
  // tried in the order added; a handler added for the same method and path replaces the first.
  Provider& on(std::string method, std::string path, Handler handler);
  Provider& on(std::string method, std::string path, ProviderResponse response);

  // What the action gets for `request`; the kit calls it for every proxy request. Records the
  // request, and a problem when nothing answers it or a handler throws.
  ProviderResponse respond(const ProviderRequest& request);

  // Every request the action sent, in order.
  std::vector<ProviderRequest> requests() const;
  // Requests nothing answered (and handlers that threw), each with the reason. For a provider
  // made from a fixture, a request that matches no recorded exchange is listed with its
  // differences from the closest one.
  std::vector<std::string> problems() const;
  // Recorded exchanges no request used, numbered from 0 as in the file: "recorded exchange 0
  // (GET /items/42) was never requested". Empty without a fixture.
  std::vector<std::string> unused() const;
  // Forgets the requests and problems seen so far (handlers stay, used exchanges stay used).
  void clear();

  struct Impl;
  const std::shared_ptr<Impl>& impl() const { return impl_; }

private:
  std::shared_ptr<Impl> impl_;
};

} // namespace ah::testkit
