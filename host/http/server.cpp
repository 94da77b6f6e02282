#include "http.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

namespace actionhost::http {
namespace {

// Runs the router and turns anything a handler lets escape into a 500 instead of a dropped
// connection: bad input must never take the server down.
class RoutedHandler : public Poco::Net::HTTPRequestHandler {
public:
  RoutedHandler(std::shared_ptr<const Router> router, std::atomic<int>& in_flight)
      : router_(std::move(router)), in_flight_(in_flight) {}
  void handleRequest(Request& request, Response& response) override {
    // Counted so a graceful stop waits for requests, not for idle keep-alive connections.
    struct Count {
      std::atomic<int>& n;
      explicit Count(std::atomic<int>& c) : n(c) { ++n; }
      ~Count() { --n; }
    } count(in_flight_);
    try {
      router_->dispatch(request, response);
    } catch (const std::exception& e) {
      if (!response.sent())
        send_json(response, 500, R"({"error":"internal server error"})");
      std::cerr << "http: " << request.getMethod() << " " << request.getURI()
                << ": unhandled error: " << e.what() << "\n";
    }
  }

private:
  std::shared_ptr<const Router> router_;
  std::atomic<int>& in_flight_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
  Factory(std::shared_ptr<const Router> router, std::atomic<int>& in_flight)
      : router_(std::move(router)), in_flight_(in_flight) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Request&) override {
    return new RoutedHandler(router_, in_flight_);
  }

private:
  std::shared_ptr<const Router> router_;
  std::atomic<int>& in_flight_;
};

// Runs on the accepting thread before Poco queues a connection. Poco's own refusal (queue full)
// drops the socket without a word; this answers 503 with Retry-After first, so a client (and
// an operator reading its logs) knows the host is at capacity rather than broken.
class CapacityFilter : public Poco::Net::TCPServerConnectionFilter {
public:
  CapacityFilter(const Poco::Net::TCPServer*& server, int max_connections, int max_queued)
      : server_(server), max_connections_(max_connections), max_queued_(max_queued) {}

  bool accept(const Poco::Net::StreamSocket& socket) override {
    // The same test as Poco's dispatcher: a connection is refused when the queue is full.
    if (!server_ || server_->queuedConnections() < max_queued_)
      return true;
    refuse(socket);
    return false;
  }

private:
  void refuse(const Poco::Net::StreamSocket& socket) {
    static const std::string kBody = R"({"error":"server at capacity: too many connections"})";
    static const std::string kBusy = "HTTP/1.1 503 Service Unavailable\r\n"
                                     "Content-Type: application/json\r\n"
                                     "Retry-After: 1\r\n"
                                     "Connection: close\r\n"
                                     "Content-Length: " +
                                     std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
    try {
      Poco::Net::StreamSocket s(socket);
      s.setSendTimeout(Poco::Timespan(0, 100000));
      s.sendBytes(kBusy.data(), static_cast<int>(kBusy.size()));
      s.shutdownSend();
    } catch (const Poco::Exception&) {
      // The client is gone already; nothing to tell it.
    }
    // One line a second at most, however many are refused.
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    auto last = last_log_.load();
    if (now - last > std::chrono::nanoseconds(std::chrono::seconds(1)).count() &&
        last_log_.compare_exchange_strong(last, now))
      std::cerr << "http: at capacity (" << max_connections_ << " connections served, "
                << max_queued_ << " queued): answering new connections 503; raise "
                << "server.max_connections or --max-connections\n";
  }

  const Poco::Net::TCPServer*& server_;
  int max_connections_;
  int max_queued_;
  std::atomic<long long> last_log_{0};
};

} // namespace

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const Router> router;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  const Poco::Net::TCPServer* filter_target = nullptr; // the server, once started
  uint16_t port = 0;
  std::atomic<int> in_flight{0};
};

Server::Server(ServerOptions options, std::shared_ptr<const Router> router)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->router = std::move(router);
}

Server::~Server() {
  if (impl_->server)
    stop(std::chrono::milliseconds(0));
}

void Server::start() {
  const auto& o = impl_->options;
  Poco::Net::SocketAddress address(o.listen.host, o.listen.port);
  Poco::Net::ServerSocket socket;
  socket.bind(address, /*reuseAddress=*/true);
  socket.listen(o.max_queued);
  impl_->port = socket.address().port();

  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(o.max_connections);
  params->setMaxQueued(o.max_queued);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0); // unlimited requests per connection
  params->setKeepAliveTimeout(Poco::Timespan(o.keep_alive_timeout.count(), 0));
  params->setTimeout(Poco::Timespan(o.request_timeout.count(), 0));
  params->setServerName("actionhost");

  // A dedicated pool: Poco's default pool is shared and capped at 16 threads.
  impl_->pool = std::make_unique<Poco::ThreadPool>(2, o.max_connections + 4, 60);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(
      new Factory(impl_->router, impl_->in_flight), *impl_->pool, socket, params);
  impl_->server->setConnectionFilter(
      new CapacityFilter(impl_->filter_target, o.max_connections, o.max_queued));
  impl_->filter_target = impl_->server.get();
  impl_->server->start();
}

void Server::stop(std::chrono::milliseconds grace) {
  if (!impl_->server)
    return;
  impl_->server->stop(); // stop accepting
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (impl_->in_flight > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  impl_->server->stopAll(true); // abort what is left (idle keep-alive connections)
  impl_->pool->joinAll();
  impl_->filter_target = nullptr;
  impl_->server.reset();
}

uint16_t Server::port() const {
  return impl_->port;
}

int Server::current_connections() const {
  return impl_->server ? impl_->server->currentConnections() : 0;
}

} // namespace actionhost::http
