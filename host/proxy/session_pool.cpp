// Pooled sessions that connect only to the checked address, with TLS verification on.
#include "session_pool.hpp"

#include "error.hpp"

#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>

namespace actionhost::proxy::detail {

namespace {

// The session's own host is the checked address, so reconnecting never asks DNS again; the
// TLS server name (SNI and the certificate's host check) is the origin's host.
class PinnedHttpsSession : public Poco::Net::HTTPSClientSession {
public:
  PinnedHttpsSession(const Endpoint& endpoint, Poco::Net::Context::Ptr context)
      : HTTPSClientSession(endpoint.address.toString(), endpoint.origin.port, context),
        server_name_(endpoint.origin.host) {}

protected:
  void connect(const Poco::Net::SocketAddress& address) override {
    Poco::Net::SecureStreamSocket secure(socket());
    secure.setPeerHostName(server_name_);
    HTTPSClientSession::connect(address);
  }

private:
  std::string server_name_;
};

} // namespace

std::string Endpoint::key() const {
  return origin.text() + "@" + address.toString();
}

SessionPool::SessionPool(std::optional<std::filesystem::path> ca_file, size_t max_idle_per_host,
                         size_t max_idle_total)
    : ca_file_(std::move(ca_file)), max_idle_per_host_(max_idle_per_host),
      max_idle_total_(max_idle_total) {}

Poco::Net::Context::Ptr SessionPool::tls_context() {
  static std::once_flag ssl_initialized;
  std::call_once(ssl_initialized, [] { Poco::Net::initializeSSL(); });
  if (tls_)
    return tls_;
  Poco::Net::Context::Params params;
  params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
  params.loadDefaultCAs = true; // the system store, plus proxy.ca_file when given
  if (ca_file_)
    params.caLocation = ca_file_->string();
  try {
    tls_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    tls_->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  } catch (const Poco::Exception& e) {
    throw ProxyError(AH_ERR_UNAVAILABLE, "cannot set up TLS (proxy.ca_file '" +
                                             (ca_file_ ? ca_file_->string() : "") +
                                             "'): " + e.displayText());
  }
  return tls_;
}

SessionPool::Lease SessionPool::acquire(const Endpoint& endpoint) {
  Lease lease;
  lease.key = endpoint.key();
  std::lock_guard lock(mutex_);
  auto found = idle_.find(lease.key);
  if (found != idle_.end() && !found->second.empty()) {
    lease.session = std::move(found->second.back());
    found->second.pop_back();
    --idle_count_;
    lease.reused = true;
    return lease;
  }
  if (endpoint.origin.scheme == "https")
    lease.session = std::make_unique<PinnedHttpsSession>(endpoint, tls_context());
  else
    lease.session = std::make_unique<Poco::Net::HTTPClientSession>(endpoint.address.toString(),
                                                                   endpoint.origin.port);
  lease.session->setKeepAlive(true);
  return lease;
}

void SessionPool::give_back(Lease lease) {
  if (!lease.session)
    return;
  std::lock_guard lock(mutex_);
  auto& list = idle_[lease.key];
  if (list.size() >= max_idle_per_host_ || idle_count_ >= max_idle_total_)
    return; // dropping the session closes its socket
  list.push_back(std::move(lease.session));
  ++idle_count_;
}

size_t SessionPool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_count_;
}

} // namespace actionhost::proxy::detail
