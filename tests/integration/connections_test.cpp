// Many keep-alive connections at once. Poco's HTTPServer serves one connection per thread until
// it closes: with fewer threads than open connections the extra clients are accepted and then
// silently never served, which a throughput benchmark does not notice (shared/peers/README.md).
// These tests hold every connection open, send on each, and check that each one is answered;
// and that beyond --max-connections the host queues, then answers 503, as host/config/README.md
// documents.
//
// CONNECTIONS_TEST_MAX_CONNECTIONS=N runs the first test against `serve --max-connections N`:
// with N below 256 it must fail, naming the connections that were never answered.
#include "host_process.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

using namespace actionhost::testing;
using Clock = std::chrono::steady_clock;

namespace {

// One client connection, kept open, with the bytes received so far.
class Connection {
public:
  explicit Connection(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  }
  ~Connection() { close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  int fd() const { return fd_; }
  bool closed_by_peer() const { return eof_; }
  void close() {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = -1;
  }

  void send(const std::string& text) {
    size_t sent = 0;
    while (sent < text.size()) {
      auto n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      REQUIRE(n > 0);
      sent += static_cast<size_t>(n);
    }
  }

  // Reads what is available (the socket polled readable); false at end of stream or on error.
  bool receive() {
    char buffer[16384];
    auto n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    in_.append(buffer, static_cast<size_t>(n));
    return true;
  }

  struct Reply {
    int status = 0;
    std::string head; // status line and headers
    std::string body;
  };
  // Takes one complete response (Content-Length framed) off the received bytes.
  std::optional<Reply> take_reply() {
    auto end = in_.find("\r\n\r\n");
    if (end == std::string::npos)
      return std::nullopt;
    Reply reply;
    reply.head = in_.substr(0, end + 2);
    std::string lower = reply.head;
    for (auto& c : lower)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto length_at = lower.find("\r\ncontent-length:");
    REQUIRE(length_at != std::string::npos); // every answer here has a Content-Length
    size_t length = std::stoul(lower.substr(length_at + 17));
    if (in_.size() < end + 4 + length)
      return std::nullopt;
    reply.status = std::stoi(reply.head.substr(9, 3));
    reply.body = in_.substr(end + 4, length);
    in_.erase(0, end + 4 + length);
    return reply;
  }

private:
  int fd_ = -1;
  std::string in_;
  bool eof_ = false;
};

std::string http_post(const std::string& path, const std::string& body,
                      const std::string& extra_headers = "") {
  return "POST " + path +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
         "Accept: application/json, text/event-stream\r\n" +
         extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string http_get(const std::string& path) {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

// Waits until each connection in `waiting` has a complete reply or the deadline passes; returns
// the replies by index (nullopt for a connection that got none).
std::vector<std::optional<Connection::Reply>> collect(std::vector<Connection*> waiting,
                                                      Clock::time_point deadline) {
  std::vector<std::optional<Connection::Reply>> replies(waiting.size());
  size_t missing = waiting.size();
  while (missing > 0 && Clock::now() < deadline) {
    std::vector<pollfd> fds;
    std::vector<size_t> index;
    for (size_t i = 0; i < waiting.size(); ++i)
      if (!replies[i] && !waiting[i]->closed_by_peer()) {
        fds.push_back({waiting[i]->fd(), POLLIN, 0});
        index.push_back(i);
      }
    if (fds.empty())
      break;
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(left, 1)));
    if (ready <= 0)
      continue;
    for (size_t k = 0; k < fds.size(); ++k) {
      if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      auto& c = *waiting[index[k]];
      c.receive();
      if (auto reply = c.take_reply()) {
        replies[index[k]] = std::move(reply);
        --missing;
      }
    }
  }
  return replies;
}

std::string header_value(const std::string& head, const std::string& name) {
  std::string lower = head;
  for (auto& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto at = lower.find("\r\n" + name + ":");
  if (at == std::string::npos)
    return {};
  auto start = head.find_first_not_of(' ', at + name.size() + 3);
  return head.substr(start, head.find("\r\n", start) - start);
}

const char* kConfig = "integrations:\n"
                      "  sample:\n    plugin: sample\n    access: open\n"
                      "    auth:\n      mode: NONE\n";

std::string echo_call(int id, const std::string& text) {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
         R"(,"method":"tools/call","params":{"name":"echo","arguments":{"text":")" + text +
         R"("}}})";
}

} // namespace

TEST_CASE("256 keep-alive connections held open at once are all answered", "[serve][connections]") {
  constexpr int kConnections = 256;
  TempDir dir;
  auto config = dir.write("integrations.yaml", kConfig);
  std::vector<std::string> args{"--config", config.string(), "--data-dir",
                                (dir.path() / "data").string()};
  if (const char* n = std::getenv("CONNECTIONS_TEST_MAX_CONNECTIONS")) {
    args.push_back("--max-connections");
    args.push_back(n);
  }
  HostProcess host(args);
  REQUIRE(host.port() != 0);

  std::vector<std::unique_ptr<Connection>> connections;
  for (int i = 0; i < kConnections; ++i)
    connections.push_back(std::make_unique<Connection>(host.port()));
  std::vector<Connection*> all;
  for (auto& c : connections)
    all.push_back(c.get());
  auto deadline = [] { return Clock::now() + std::chrono::seconds(10); };

  // A session, opened on the first connection and used from all of them.
  connections[0]->send(http_post(
      "/mcp/sample",
      R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",)"
      R"("capabilities":{},"clientInfo":{"name":"connections_test","version":"1"}}})"));
  auto initialized = collect({all[0]}, deadline());
  REQUIRE(initialized[0]);
  REQUIRE(initialized[0]->status == 200);
  std::string session = header_value(initialized[0]->head, "mcp-session-id");
  REQUIRE(!session.empty());
  std::string session_headers =
      "Mcp-Session-Id: " + session + "\r\nMCP-Protocol-Version: 2025-11-25\r\n";
  connections[0]->send(http_post(
      "/mcp/sample", R"({"jsonrpc":"2.0","method":"notifications/initialized"})", session_headers));
  auto acknowledged = collect({all[0]}, deadline());
  REQUIRE(acknowledged[0]);
  REQUIRE(acknowledged[0]->status == 202);

  // Two rounds; in each, every connection has one request in flight at the same time, half of
  // them tools/call echo and half /healthz, swapped in the second round.
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < kConnections; ++i) {
      if ((i + round) % 2 == 0)
        connections[i]->send(http_post(
            "/mcp/sample", echo_call(i, "c" + std::to_string(i) + "r" + std::to_string(round)),
            session_headers));
      else
        connections[i]->send(http_get("/healthz"));
    }
    auto replies = collect(all, deadline());
    std::vector<int> unanswered;
    for (int i = 0; i < kConnections; ++i)
      if (!replies[i])
        unanswered.push_back(i);
    INFO("round " << round << ": " << unanswered.size() << " of " << kConnections
                  << " connections got no answer within 10 s, the first unanswered being #"
                  << (unanswered.empty() ? -1 : unanswered.front()));
    REQUIRE(unanswered.empty());
    for (int i = 0; i < kConnections; ++i) {
      INFO("connection " << i << ", round " << round << ": " << replies[i]->head
                         << replies[i]->body);
      CHECK(replies[i]->status == 200);
      if ((i + round) % 2 == 0) {
        std::string expected = "c" + std::to_string(i) + "r" + std::to_string(round);
        CHECK(replies[i]->body.find(R"("id":)" + std::to_string(i)) != std::string::npos);
        CHECK(replies[i]->body.find(R"("text":")" + expected + R"(")") != std::string::npos);
      } else {
        CHECK(replies[i]->body == R"({"status":"ok"})");
      }
    }
  }
  CHECK(host.stop() == 0);
}

TEST_CASE("beyond --max-connections the host queues as many again, then answers 503",
          "[serve][connections]") {
  constexpr int kMax = 4;
  TempDir dir;
  auto config = dir.write("integrations.yaml", kConfig);
  HostProcess host({"--config", config.string(), "--data-dir", (dir.path() / "data").string(),
                    "--max-connections", std::to_string(kMax)});
  REQUIRE(host.port() != 0);
  CHECK(host.output().find("4 connections at once") != std::string::npos);

  // kMax connections are served; each keeps its thread while it stays open.
  std::vector<std::unique_ptr<Connection>> served;
  std::vector<Connection*> served_ptrs;
  for (int i = 0; i < kMax; ++i) {
    served.push_back(std::make_unique<Connection>(host.port()));
    served_ptrs.push_back(served.back().get());
    served.back()->send(http_get("/healthz"));
  }
  for (auto& reply : collect(served_ptrs, Clock::now() + std::chrono::seconds(10))) {
    REQUIRE(reply);
    CHECK(reply->status == 200);
  }

  // The next kMax are accepted and queued: no answer yet, and not closed either.
  std::vector<std::unique_ptr<Connection>> queued;
  std::vector<Connection*> queued_ptrs;
  for (int i = 0; i < kMax; ++i) {
    queued.push_back(std::make_unique<Connection>(host.port()));
    queued_ptrs.push_back(queued.back().get());
    queued.back()->send(http_get("/healthz"));
  }
  for (const auto& reply : collect(queued_ptrs, Clock::now() + std::chrono::milliseconds(500)))
    CHECK(!reply);
  for (auto* c : queued_ptrs)
    CHECK(!c->closed_by_peer());

  // One more finds the queue full: 503 with Retry-After at once, then the host closes it.
  Connection refused(host.port());
  refused.send(http_get("/healthz"));
  auto busy = collect({&refused}, Clock::now() + std::chrono::seconds(5));
  REQUIRE(busy[0]);
  CHECK(busy[0]->status == 503);
  CHECK(header_value(busy[0]->head, "retry-after") == "1");
  CHECK(header_value(busy[0]->head, "connection") == "close");
  CHECK(busy[0]->body.find("too many connections") != std::string::npos);
  CHECK(host.wait_for_output("http: at capacity", std::chrono::seconds(5)));

  // Closing a served connection hands its thread to the first queued one.
  served[0]->close();
  auto next = collect({queued_ptrs[0]}, Clock::now() + std::chrono::seconds(5));
  REQUIRE(next[0]);
  CHECK(next[0]->status == 200);
  CHECK(next[0]->body == R"({"status":"ok"})");

  // The served connections are still answered on their own threads.
  served[1]->send(http_get("/healthz"));
  auto still = collect({served_ptrs[1]}, Clock::now() + std::chrono::seconds(5));
  REQUIRE(still[0]);
  CHECK(still[0]->status == 200);
  CHECK(host.stop() == 0);
}

TEST_CASE("serve refuses a --max-connections outside 1-100000", "[serve][cli][connections]") {
  for (const char* bad : {"0", "100001", "lots", "-5"}) {
    auto result = run_actionhost({"serve", "--max-connections", bad});
    INFO(bad << ": " << result.output);
    CHECK(result.exit_code == 2);
    CHECK(result.output.find("--max-connections: expected an integer from 1 to 100000") !=
          std::string::npos);
  }
}
