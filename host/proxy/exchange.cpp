// Sending one request and reading its response.
#include "exchange.hpp"

#include "error.hpp"

#include <Poco/InflatingStream.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>

#include <istream>
#include <limits>

namespace actionhost::proxy::detail {

namespace {

std::string size_text(uint64_t bytes) {
  if (bytes % (1024 * 1024) == 0)
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
  if (bytes % 1024 == 0)
    return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes) + " bytes";
}

[[noreturn]] void too_large(const Endpoint& endpoint, uint64_t limit) {
  throw ProxyError(AH_ERR_UPSTREAM, "the response from " + endpoint.origin.host +
                                        " is larger than the " + size_text(limit) +
                                        " limit (proxy.max_response_bytes)");
}

std::string read_capped(std::istream& in, const Endpoint& endpoint, uint64_t limit) {
  std::string body;
  char buffer[16384];
  while (in) {
    in.read(buffer, sizeof buffer);
    auto n = static_cast<size_t>(in.gcount());
    if (body.size() + n > limit)
      too_large(endpoint, limit);
    body.append(buffer, n);
  }
  return body;
}

Received send_once(SessionPool::Lease& lease, const Endpoint& endpoint, const Outgoing& out,
                   const ExchangeLimits& limits, bool& keep_alive) {
  auto& session = *lease.session;
  Poco::Timespan timeout(
      std::chrono::duration_cast<std::chrono::microseconds>(limits.timeout).count());
  session.setTimeout(timeout, timeout, timeout);

  Poco::Net::HTTPRequest request(out.method, out.target.path_and_query(),
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  std::string authority = endpoint.origin.host.find(':') != std::string::npos
                              ? "[" + endpoint.origin.host + "]"
                              : endpoint.origin.host;
  bool default_port = endpoint.origin.port == (endpoint.origin.scheme == "https" ? 443 : 80);
  request.set("Host",
              default_port ? authority : authority + ":" + std::to_string(endpoint.origin.port));
  for (const auto& [name, value] : out.headers)
    request.add(name, value);
  request.set("Accept-Encoding", "gzip, deflate");
  request.setKeepAlive(true);
  if (!out.body.empty() || out.method == "POST" || out.method == "PUT" || out.method == "PATCH")
    request.setContentLength(static_cast<std::streamsize>(out.body.size()));

  std::ostream& body_out = session.sendRequest(request);
  body_out.write(out.body.data(), static_cast<std::streamsize>(out.body.size()));

  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  if (response.hasContentLength() &&
      static_cast<uint64_t>(response.getContentLength64()) > limits.max_response_bytes)
    too_large(endpoint, limits.max_response_bytes);

  Received received;
  received.status = static_cast<int>(response.getStatus());
  std::string encoding = lower(response.get("Content-Encoding", ""));
  bool decoded = encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate";
  if (decoded) {
    Poco::InflatingInputStream inflater(in, encoding == "deflate"
                                                ? Poco::InflatingStreamBuf::STREAM_ZLIB
                                                : Poco::InflatingStreamBuf::STREAM_GZIP);
    try {
      received.body = read_capped(inflater, endpoint, limits.max_response_bytes);
    } catch (const Poco::IOException& e) {
      throw ProxyError(AH_ERR_UPSTREAM, "the response from " + endpoint.origin.host +
                                            " could not be decoded (" + encoding +
                                            "): " + e.message());
    }
    in.ignore(std::numeric_limits<std::streamsize>::max()); // the rest of the message
  } else {
    received.body = read_capped(in, endpoint, limits.max_response_bytes);
  }
  for (const auto& [name, value] : response) {
    std::string n = lower(name);
    if (n == "transfer-encoding" || (decoded && (n == "content-encoding" || n == "content-length")))
      continue;
    received.headers.emplace_back(name, value);
  }
  if (decoded)
    received.headers.emplace_back("Content-Length", std::to_string(received.body.size()));
  keep_alive = response.getKeepAlive();
  return received;
}

} // namespace

Received exchange(SessionPool& pool, const Endpoint& endpoint, const Outgoing& request,
                  const ExchangeLimits& limits) {
  for (int round = 0;; ++round) {
    auto lease = pool.acquire(endpoint);
    try {
      bool keep_alive = false;
      Received received = send_once(lease, endpoint, request, limits, keep_alive);
      if (keep_alive)
        pool.give_back(std::move(lease));
      return received;
    } catch (const ProxyError&) {
      throw;
    } catch (const Poco::TimeoutException&) {
      throw ProxyError(AH_ERR_TIMEOUT, "no answer from " + endpoint.origin.host + " within " +
                                           std::to_string(limits.timeout.count()) + " ms");
    } catch (const Poco::Net::SSLException& e) {
      throw ProxyError(AH_ERR_UNAVAILABLE,
                       "TLS with " + endpoint.origin.host + " failed: " + e.displayText());
    } catch (const Poco::Exception& e) {
      // A kept-alive connection the provider already closed: one fresh connection, no attempt.
      if (lease.reused && round == 0)
        continue;
      throw ProxyError(AH_ERR_UNAVAILABLE,
                       "could not reach " + endpoint.origin.host + ": " + e.displayText());
    } catch (const std::exception& e) {
      throw ProxyError(AH_ERR_UNAVAILABLE,
                       "could not reach " + endpoint.origin.host + ": " + e.what());
    }
  }
}

} // namespace actionhost::proxy::detail
