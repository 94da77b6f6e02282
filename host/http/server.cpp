#include "http.hpp"

#include <Poco/BasicEvent.h>
#include <Poco/Delegate.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timestamp.h>

#include <poll.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
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

// One connection, served as Poco 1.11's HTTPServerConnection serves it (same request loop,
// keep-alive rules, 100-continue, 400/500 answers and stop handling) with one difference: it
// waits for the next request with a single poll(2). Poco's Socket::poll creates, fills and
// closes an epoll instance on every call, three extra system calls per keep-alive request
// (epoll_create1, epoll_ctl, close: about a tenth of the host's CPU time under load).
class Connection : public Poco::Net::TCPServerConnection {
public:
  Connection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
             Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
             Poco::BasicEvent<const bool>& stopped)
      : TCPServerConnection(socket), params_(std::move(params)), factory_(std::move(factory)),
        server_stopped_(stopped) {
    server_stopped_ += Poco::delegate(this, &Connection::on_server_stopped);
  }
  ~Connection() override {
    try {
      server_stopped_ -= Poco::delegate(this, &Connection::on_server_stopped);
    } catch (...) {
    }
  }

  void run() override {
    using Poco::Net::HTTPResponse;
    const std::string server = params_->getSoftwareVersion();
    Session session(socket(), params_);
    bool first = true;
    while (!stopped_ && next_request(session, first)) {
      try {
        std::lock_guard lock(mutex_);
        if (stopped_)
          break;
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, params_.get());
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive());
        if (!server.empty())
          response.set("Server", server);
        try {
          std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
              factory_->createRequestHandler(request));
          if (handler) {
            if (request.getExpectContinue() && response.getStatus() == HTTPResponse::HTTP_OK)
              response.sendContinue();
            handler->handleRequest(request, response);
            session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive());
          } else {
            send_error(session, HTTPResponse::HTTP_NOT_IMPLEMENTED);
          }
        } catch (Poco::Exception&) {
          if (!response.sent()) {
            try {
              send_error(session, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
            } catch (...) {
            }
          }
          throw;
        }
      } catch (Poco::Net::NoMessageException&) {
        break;
      } catch (Poco::Net::MessageException&) {
        send_error(session, HTTPResponse::HTTP_BAD_REQUEST);
      } catch (Poco::Exception&) {
        if (session.networkException())
          session.networkException()->rethrow();
        throw;
      }
    }
  }

private:
  // Exposes how much of the next request is already buffered (a pipelining client).
  class Session : public Poco::Net::HTTPServerSession {
  public:
    using HTTPServerSession::HTTPServerSession;
    int pending() const { return buffered(); }
  };

  // The first request may take the request timeout to arrive, later ones the keep-alive timeout;
  // keep-alive requests are unlimited (HTTPServerParams::setMaxKeepAliveRequests(0)).
  bool next_request(Session& session, bool& first) {
    if (first) {
      first = false;
      return readable(params_->getTimeout());
    }
    return session.getKeepAlive() &&
           (session.pending() > 0 || readable(params_->getKeepAliveTimeout()));
  }

  // Readable, closed or failed within `timeout`: the next read tells which.
  bool readable(const Poco::Timespan& timeout) {
    pollfd fd{socket().impl()->sockfd(), POLLIN, 0};
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout.totalMilliseconds());
    while (true) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                      deadline - std::chrono::steady_clock::now())
                      .count();
      int rc = ::poll(&fd, 1, static_cast<int>(std::max<long long>(left, 0)));
      if (rc >= 0)
        return rc > 0;
      if (errno != EINTR)
        return true; // let the read report the error
    }
  }

  static void send_error(Session& session, Poco::Net::HTTPResponse::HTTPStatus status) {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setStatusAndReason(status);
    response.setKeepAlive(false);
    response.send();
    session.setKeepAlive(false);
  }

  void on_server_stopped(const bool& abort_current) {
    stopped_ = true;
    try {
      if (abort_current) {
        socket().shutdown();
      } else {
        std::lock_guard lock(mutex_); // after the request in progress
        socket().shutdown();
      }
    } catch (...) {
    }
  }

  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  Poco::BasicEvent<const bool>& server_stopped_;
  std::atomic<bool> stopped_{false};
  std::mutex mutex_;
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
  ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                    Poco::BasicEvent<const bool>& stopped)
      : params_(std::move(params)), factory_(std::move(factory)), stopped_(stopped) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new Connection(socket, params_, factory_, stopped_);
  }

private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  Poco::BasicEvent<const bool>& stopped_;
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
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers;
  Poco::BasicEvent<const bool> stopped; // tells every connection that the server stops
  std::unique_ptr<Poco::Net::TCPServer> server;
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

  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(o.max_connections);
  params->setMaxQueued(o.max_queued);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0); // unlimited requests per connection
  params->setKeepAliveTimeout(Poco::Timespan(o.keep_alive_timeout.count(), 0));
  params->setTimeout(Poco::Timespan(o.request_timeout.count(), 0));
  params->setServerName("actionhost");

  // A dedicated pool: Poco's default pool is shared and capped at 16 threads.
  impl_->pool = std::make_unique<Poco::ThreadPool>(2, o.max_connections + 4, 60);
  impl_->handlers = new Factory(impl_->router, impl_->in_flight);
  impl_->server = std::make_unique<Poco::Net::TCPServer>(
      new ConnectionFactory(params, impl_->handlers, impl_->stopped), *impl_->pool, socket, params);
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
  // Abort what is left (idle keep-alive connections), as HTTPServer::stopAll(true) does.
  const bool abort_current = true;
  impl_->stopped.notify(impl_->server.get(), abort_current);
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
