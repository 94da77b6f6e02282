// One plugin request from start to finish: credentials, URL rules, attempts, redirects,
// retries, and a response cleaned of anything secret.
#include "proxy_impl.hpp"

#include "error.hpp"
#include "injection.hpp"
#include "redaction.hpp"
#include "retry_policy.hpp"
#include "wait.hpp"

#include <algorithm>

namespace actionhost::proxy {

using namespace detail;
using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

namespace {

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string header(const Pairs& headers, const std::string& name) {
  for (const auto& [n, v] : headers)
    if (lower(n) == lower(name))
      return v;
  return {};
}

// What the plugin receives: no cookies (the proxy keeps no state for it, and they are often
// session credentials), and no secret anywhere a provider might echo one.
void hand_over(const Received& received, const Secrets& secrets, plugins::HttpResponse& out) {
  out.status = received.status;
  for (const auto& [name, value] : received.headers) {
    std::string n = lower(name);
    if (n == "set-cookie" || n == "set-cookie2")
      continue;
    out.headers.emplace_back(name, secrets.scrub(value));
  }
  out.body = secrets.scrub(received.body);
}

// The next hop of a same-origin redirect: 303, and 301/302 after a POST, become a GET without
// body, as browsers do; 307/308 repeat the request as it was.
void follow(Outgoing& out, int status, Target next) {
  out.target = std::move(next);
  bool to_get = status == 303 ? out.method != "HEAD"
                              : (status == 301 || status == 302) && out.method == "POST";
  if (to_get) {
    out.method = "GET";
    out.body.clear();
    std::erase_if(out.headers, [](const auto& h) { return lower(h.first) == "content-type"; });
  }
}

} // namespace

ah_status Proxy::Impl::serve(const ProxyCall& call, const plugins::HttpRequest& request,
                             plugins::HttpResponse& response, Secrets& secrets) {
  const auto& auth = integration.auth;
  auto deadline = call.deadline;
  if (request.timeout_ms > 0) {
    auto own = SteadyClock::now() + milliseconds(request.timeout_ms);
    deadline = deadline ? std::min(*deadline, own) : own;
  }
  auto cancelled = [&] { return call.cancelled && call.cancelled(); };
  std::string method = request.method.empty() ? "GET" : request.method;

  // Credentials, fresh.
  Credentials credentials;
  if (auth.mode != config::AuthMode::None) {
    if (!call.store)
      throw ProxyError(AH_ERR_INTERNAL, "no credential store was given to the proxy");
    auto loaded = call.store->load(call.connection);
    if (!loaded)
      throw ProxyError(AH_ERR_PERMISSION, "the connection '" + call.connection.connection_id +
                                              "' of integration '" + integration.key +
                                              "' does not exist; connect it first");
    credentials = *loaded;
    if (refresher) {
      secrets.add(credentials.access_token);
      secrets.add(credentials.refresh_token);
      ProxyCall bounded = call;
      bounded.deadline = deadline;
      credentials = refresher->fresh(bounded, credentials);
    }
  }
  auto metadata = parse_metadata(call.metadata_json);
  Injection injection = build_injection(auth, credentials, metadata);
  secrets.merge(injection.secrets);

  // Where it goes.
  Target base = render_base_url(config.base_url, [&](const std::string& name) {
    std::string value = placeholder_value(name, credentials, metadata);
    if (name.rfind("connection.", 0) != 0)
      secrets.add(value);
    return value;
  });
  Target target = resolve_target(base, request.url, request.query, config.allowed_hosts);
  target.drop_query(injection.query_names);
  auto with_credentials = [&](Target t) {
    for (const auto& [name, value] : injection.query)
      t.add_query(name, value);
    return t;
  };
  Pairs plugin_headers = allowed_plugin_headers(request.headers, injection);

  const auto& retry = config.retry;
  int max_tries = (request.flags & AH_HTTP_NO_RETRY) ? 1 : std::max(1, retry.max_attempts);
  bool refreshed_after_401 = false;
  int recorded = 0;
  SteadyClock::time_point started, finished;
  auto record = [&](const Target& t, int status, const std::string& reason,
                    const std::string& error) {
    ++recorded;
    response.attempts = static_cast<uint32_t>(recorded);
    if (!call.attempts)
      return;
    Attempt attempt;
    attempt.execution_id = call.execution_id;
    attempt.method = method;
    attempt.url = redact_url(t, injection.query_names, secrets);
    attempt.status = status;
    attempt.duration = std::chrono::duration_cast<std::chrono::microseconds>(finished - started);
    attempt.attempt = recorded;
    attempt.retry_reason = secrets.scrub(reason);
    attempt.error = secrets.scrub(error);
    call.attempts->record(attempt);
  };
  auto limits = [&] {
    ExchangeLimits l{config.timeout, config.max_response_bytes};
    if (deadline) {
      auto left = std::chrono::duration_cast<milliseconds>(*deadline - SteadyClock::now());
      l.timeout = std::max(milliseconds(1), std::min(l.timeout, left));
    }
    return l;
  };
  // Waits before the next try; false when the wait would pass the deadline.
  auto wait = [&](milliseconds duration) {
    if (deadline && SteadyClock::now() + duration >= *deadline)
      return false;
    if (!deadline && duration > std::chrono::minutes(5))
      return false;
    if (wait_for(duration, cancelled) == WaitEnd::cancelled)
      throw ProxyError(AH_ERR_CANCELLED, "the request was cancelled while waiting to retry");
    return true;
  };

  for (int tries = 1;; ++tries) {
    Outgoing out{method, with_credentials(target), plugin_headers, request.body};
    out.headers.insert(out.headers.end(), injection.headers.begin(), injection.headers.end());
    Received received;
    std::optional<ProxyError> failure;
    for (int hop = 0;; ++hop) {
      if (cancelled())
        throw ProxyError(AH_ERR_CANCELLED, "the request was cancelled");
      if (deadline && SteadyClock::now() >= *deadline)
        throw ProxyError(AH_ERR_TIMEOUT, "the request's deadline passed");
      started = SteadyClock::now();
      try {
        received = send(out, base.origin.host, limits());
        finished = SteadyClock::now();
      } catch (const ProxyError& e) {
        finished = SteadyClock::now();
        if (e.status() != AH_ERR_UNAVAILABLE && e.status() != AH_ERR_TIMEOUT) {
          record(out.target, 0, "", e.what());
          throw;
        }
        failure = e;
        break;
      }
      std::string location = header(received.headers, "Location");
      if (!is_redirect(received.status) || location.empty() || hop >= options.max_redirects)
        break;
      std::optional<Target> next;
      try {
        next = resolve_location(out.target, location);
      } catch (const ProxyError&) {
      }
      // Credentials never travel to another origin: such a redirect is the answer.
      if (!next || !(next->origin == out.target.origin))
        break;
      record(out.target, received.status, "redirect " + std::to_string(received.status), "");
      follow(out, received.status, *next);
    }

    if (failure) {
      bool again = tries < max_tries && retries_network_error(method, retry);
      std::string why = failure->what();
      if (again && wait(backoff(tries, retry))) {
        record(out.target, 0, "network: " + why, why);
        continue;
      }
      record(out.target, 0, "", why);
      throw ProxyError(failure->status(),
                       why + (tries > 1 ? " (after " + std::to_string(tries) + " attempts)" : ""));
    }
    if (received.status == 401 && refresher && !refreshed_after_401 && max_tries > 1) {
      record(out.target, received.status, "401 refresh", "");
      refreshed_after_401 = true;
      ProxyCall bounded = call;
      bounded.deadline = deadline;
      std::string rejected = credentials.access_token;
      credentials = refresher->fresh(bounded, credentials, &rejected);
      injection = build_injection(auth, credentials, metadata);
      secrets.merge(injection.secrets);
      --tries; // the retry after a refresh is not one of the integration's attempts
      continue;
    }
    if (tries < max_tries && retries_status(received.status, method, retry)) {
      auto requested = requested_wait(received.status, received.headers, retry);
      if (wait(requested ? *requested : backoff(tries, retry))) {
        record(out.target, received.status, std::to_string(received.status), "");
        continue;
      }
    }
    record(out.target, received.status, "", "");
    hand_over(received, secrets, response);
    return AH_OK;
  }
}

} // namespace actionhost::proxy
