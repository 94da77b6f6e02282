#include "http.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include <atomic>
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

} // namespace

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<const Router> router;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
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
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(impl_->router, impl_->in_flight),
                                                          *impl_->pool, socket, params);
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
  impl_->server.reset();
}

uint16_t Server::port() const { return impl_->port; }

int Server::current_connections() const {
  return impl_->server ? impl_->server->currentConnections() : 0;
}

} // namespace actionhost::http
