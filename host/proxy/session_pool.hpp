// Keep-alive connections to providers, per scheme+host+port and checked address. Bounded and
// thread-safe; a connection is either leased to one request or idle in the pool.
#pragma once

#include "target.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/IPAddress.h>

#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace actionhost::proxy::detail {

// Where to connect: the origin (for the Host header, TLS server name and certificate check) and
// the address that passed the address policy (the only one the socket connects to).
struct Endpoint {
  Origin origin;
  Poco::Net::IPAddress address;
  std::string key() const;
};

class SessionPool {
public:
  SessionPool(std::optional<std::filesystem::path> ca_file, size_t max_idle_per_host,
              size_t max_idle_total);

  struct Lease {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    std::string key;
    bool reused = false; // came from the pool: a failure may only mean the provider closed it
  };

  // An idle connection to `endpoint`, or a new one (connected on first use).
  Lease acquire(const Endpoint& endpoint);
  // Returns a connection whose last response was read completely and may be kept alive.
  void give_back(Lease lease);
  size_t idle() const;

private:
  Poco::Net::Context::Ptr tls_context();

  std::optional<std::filesystem::path> ca_file_;
  size_t max_idle_per_host_, max_idle_total_;
  mutable std::mutex mutex_;
  std::map<std::string, std::deque<std::unique_ptr<Poco::Net::HTTPClientSession>>> idle_;
  size_t idle_count_ = 0;
  Poco::Net::Context::Ptr tls_;
};

} // namespace actionhost::proxy::detail
