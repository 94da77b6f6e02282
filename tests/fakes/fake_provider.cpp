// The fake provider's server: Poco's HTTPServer with one handler that records and routes.
#include "fake_provider.hpp"

#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <thread>

namespace actionhost::fakes {

namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string decoded_param(const std::string& raw, const std::string& name) {
  Poco::URI uri("/?" + raw);
  for (const auto& [n, v] : uri.getQueryParameters())
    if (n == name)
      return v;
  return {};
}

} // namespace

std::string Request::header(const std::string& name) const {
  for (const auto& [n, v] : headers)
    if (lower(n) == lower(name))
      return v;
  return {};
}

bool Request::has_header(const std::string& name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& h) { return lower(h.first) == lower(name); });
}

std::string Request::param(const std::string& name) const {
  return decoded_param(query, name);
}

std::string Request::form_field(const std::string& name) const {
  std::string plus_as_space = body;
  std::replace(plus_as_space.begin(), plus_as_space.end(), '+', ' ');
  return decoded_param(plus_as_space, name);
}

Reply Reply::json(std::string body, int status) {
  Reply reply;
  reply.status = status;
  reply.headers = {{"Content-Type", "application/json"}};
  reply.body = std::move(body);
  return reply;
}

std::string gzip(const std::string& text) {
  std::ostringstream out;
  Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
  deflater << text;
  deflater.close();
  return out.str();
}

struct FakeProvider::Server {
  class Handler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit Handler(FakeProvider& owner) : owner_(owner) {}
    void handleRequest(Poco::Net::HTTPServerRequest& in,
                       Poco::Net::HTTPServerResponse& out) override {
      Request request;
      request.method = in.getMethod();
      const std::string& uri = in.getURI();
      auto q = uri.find('?');
      request.path = uri.substr(0, q);
      request.query = q == std::string::npos ? "" : uri.substr(q + 1);
      for (const auto& [name, value] : in)
        request.headers.emplace_back(name, value);
      Poco::StreamCopier::copyToString(in.stream(), request.body);
      request.port = in.serverAddress().port();

      Reply reply = owner_.answer(request);
      out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
      for (const auto& [name, value] : reply.headers)
        out.add(name, value);
      std::string body = reply.gzip ? gzip(reply.body) : reply.body;
      if (reply.gzip)
        out.set("Content-Encoding", "gzip");
      out.setContentLength(static_cast<std::streamsize>(body.size()));
      out.sendBuffer(body.data(), body.size());
    }

  private:
    FakeProvider& owner_;
  };

  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit Factory(FakeProvider& owner) : owner_(owner) {}
    Poco::Net::HTTPRequestHandler*
    createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Handler(owner_);
    }

  private:
    FakeProvider& owner_;
  };

  Server(FakeProvider& owner, Poco::Net::ServerSocket listening)
      : threads(2, 64), socket(std::move(listening)),
        http(new Factory(owner), threads, socket, params()) {
    http.start();
  }
  ~Server() { http.stopAll(true); }

  static Poco::Net::HTTPServerParams::Ptr params() {
    Poco::Net::HTTPServerParams::Ptr p = new Poco::Net::HTTPServerParams;
    p->setKeepAlive(true);
    p->setKeepAliveTimeout(Poco::Timespan(2, 0));
    p->setMaxThreads(64);
    return p;
  }

  Poco::ThreadPool threads;
  Poco::Net::ServerSocket socket;
  Poco::Net::HTTPServer http;
};

FakeProvider::FakeProvider()
    : server_(std::make_unique<Server>(
          *this, Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)))) {}

FakeProvider::FakeProvider(const TlsFiles& tls) : tls_(true) {
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, tls.private_key, tls.certificate,
                             "", Poco::Net::Context::VERIFY_NONE);
  server_ = std::make_unique<Server>(
      *this, Poco::Net::SecureServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context));
}

FakeProvider::~FakeProvider() {
  server_.reset();
}

void FakeProvider::on(const std::string& method, const std::string& path, Route route) {
  std::lock_guard lock(mutex_);
  routes_[method + " " + path] = std::move(route);
}

void FakeProvider::otherwise(Route route) {
  std::lock_guard lock(mutex_);
  otherwise_ = std::move(route);
}

void FakeProvider::on_prefix(const std::string& method, const std::string& prefix, Route route) {
  std::lock_guard lock(mutex_);
  prefixes_[method + " " + prefix] = std::move(route);
}

uint16_t FakeProvider::port() const {
  return server_->socket.address().port();
}

std::string FakeProvider::url() const {
  return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port());
}

std::vector<Request> FakeProvider::requests() const {
  std::lock_guard lock(mutex_);
  return received_;
}

size_t FakeProvider::count(const std::string& path) const {
  std::lock_guard lock(mutex_);
  return static_cast<size_t>(std::count_if(received_.begin(), received_.end(),
                                           [&](const Request& r) { return r.path == path; }));
}

int FakeProvider::connections() const {
  return server_->http.totalConnections();
}

Reply FakeProvider::answer(const Request& request) {
  Route route;
  {
    std::lock_guard lock(mutex_);
    received_.push_back(request);
    auto found = routes_.find(request.method + " " + request.path);
    if (found != routes_.end()) {
      route = found->second;
    } else {
      std::string key = request.method + " " + request.path;
      size_t longest = 0;
      for (const auto& [prefix, r] : prefixes_)
        if (key.rfind(prefix, 0) == 0 && prefix.size() > longest) {
          longest = prefix.size();
          route = r;
        }
    }
    if (!route)
      route = otherwise_;
  }
  if (!route)
    return Reply::json(R"({"error":"not_found","message":"no such route in the fake"})", 404);
  return route(request);
}

StopSignals::StopSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
}

void StopSignals::wait() {
  int signal = 0;
  sigwait(&signals_, &signal);
}

TokenEndpoint::TokenEndpoint(std::string client_id, std::string client_secret,
                             std::string refresh_token)
    : client_id_(std::move(client_id)), client_secret_(std::move(client_secret)),
      refresh_token_(std::move(refresh_token)) {}

Route TokenEndpoint::route() {
  return [this](const Request& request) { return grant(request); };
}

std::string TokenEndpoint::refresh_token() const {
  std::lock_guard lock(mutex_);
  return refresh_token_;
}

Reply TokenEndpoint::grant(const Request& request) {
  if (delay.count() > 0)
    std::this_thread::sleep_for(delay);
  if (request.form_field("client_id") != client_id_ ||
      request.form_field("client_secret") != client_secret_)
    return Reply::json(R"({"error":"invalid_client"})", 401);
  if (request.form_field("grant_type") != "refresh_token")
    return Reply::json(R"({"error":"unsupported_grant_type"})", 400);
  std::lock_guard lock(mutex_);
  std::string presented = request.form_field("refresh_token");
  bool current = presented == refresh_token_;
  bool previous =
      grace_previous && !previous_refresh_token_.empty() && presented == previous_refresh_token_;
  if (refuse || (!current && !previous))
    return Reply::json(R"({"error":"invalid_grant","error_description":"bad refresh token"})", 400);
  int n = ++grants_;
  if (rotate) {
    if (current) // the newest token was used: the one before it expires now
      previous_refresh_token_ = refresh_token_;
    refresh_token_ = "refresh-" + std::to_string(n + 1);
  }
  std::string body = R"({"access_token":"access-)" + std::to_string(n) +
                     R"(","token_type":"Bearer","expires_in":)" + std::to_string(expires_in);
  if (rotate)
    body += R"(,"refresh_token":")" + refresh_token_ + "\"";
  return Reply::json(body + "}");
}

} // namespace actionhost::fakes
