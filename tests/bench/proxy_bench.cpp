// The proxy's added latency: the same GET to an in-process fake provider on loopback, once with
// a plain keep-alive Poco client and once through proxy::Proxy (BEARER credentials injected,
// URL and address rules, attempt records), at 1 and 64 concurrent callers. Prints p50/p99 of
// both, the p50 added by the proxy, and the ratio proxy/direct.
#include "fake_provider.hpp"
#include "proxy.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

using namespace actionhost;
using Clock = std::chrono::steady_clock;

namespace {

class FixedStore : public proxy::CredentialStore {
public:
  std::optional<proxy::Credentials> load(const proxy::ConnectionRef&) override {
    proxy::Credentials c;
    c.access_token = "bench-token";
    return c;
  }
  void save_refreshed(const proxy::ConnectionRef&, const proxy::Credentials&) override {}
  void set_status(const proxy::ConnectionRef&, proxy::ConnectionStatus,
                  const std::string&) override {}
};

class NullSink : public proxy::AttemptSink {
public:
  void record(const proxy::Attempt&) override {}
};

struct Stats {
  double p50 = 0, p99 = 0;
};

// `threads` callers, each making `per_thread` calls of `once` (after a warm-up); microseconds.
Stats measure(int threads, int per_thread, const std::function<std::function<void()>()>& make) {
  std::vector<std::vector<double>> samples(threads);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      auto once = make();
      for (int i = 0; i < 50; ++i)
        once();
      for (int i = 0; i < per_thread; ++i) {
        auto start = Clock::now();
        once();
        samples[t].push_back(
            std::chrono::duration<double, std::micro>(Clock::now() - start).count());
      }
    });
  for (auto& w : workers)
    w.join();
  std::vector<double> all;
  for (auto& s : samples)
    all.insert(all.end(), s.begin(), s.end());
  std::sort(all.begin(), all.end());
  return {all[all.size() / 2], all[all.size() * 99 / 100]};
}

} // namespace

int main(int argc, char** argv) {
  int calls = argc > 1 ? std::atoi(argv[1]) : 2000;
  fakes::FakeProvider fake;
  fake.on("GET", "/v1/ping", [](const fakes::Request&) { return fakes::Reply::json("{}"); });

  auto config = config::load_string("integrations:\n  bench:\n    plugin: none\n    auth:\n"
                                    "      mode: BEARER\n    proxy:\n      base_url: " +
                                        fake.url() + "\n",
                                    "bench.yaml", ".");
  proxy::Proxy proxy(config.integrations.at(0));
  FixedStore store;
  NullSink sink;

  auto direct = [&] {
    auto session = std::make_shared<Poco::Net::HTTPClientSession>("127.0.0.1", fake.port());
    session->setKeepAlive(true);
    return std::function<void()>([session] {
      Poco::Net::HTTPRequest request("GET", "/v1/ping", Poco::Net::HTTPMessage::HTTP_1_1);
      request.set("Authorization", "Bearer bench-token");
      session->sendRequest(request);
      Poco::Net::HTTPResponse response;
      std::string body;
      Poco::StreamCopier::copyToString(session->receiveResponse(response), body);
    });
  };
  auto proxied = [&] {
    return std::function<void()>([&] {
      proxy::ProxyCall call;
      call.connection = {"bench", "c1"};
      call.store = &store;
      call.attempts = &sink;
      plugins::HttpRequest request;
      request.method = "GET";
      request.url = "/v1/ping";
      plugins::HttpResponse response;
      if (proxy.request(call, request, response) != AH_OK || response.status != 200) {
        std::fprintf(stderr, "proxy request failed: %s\n", response.error.c_str());
        std::exit(1);
      }
    });
  };

  std::printf("%-12s %12s %12s %12s %12s %14s %8s\n", "concurrency", "direct p50", "direct p99",
              "proxy p50", "proxy p99", "added p50 ms", "ratio");
  for (int threads : {1, 64}) {
    int per_thread = std::max(50, calls / threads);
    auto d = measure(threads, per_thread, direct);
    auto p = measure(threads, per_thread, proxied);
    std::printf("%-12d %10.1fus %10.1fus %10.1fus %10.1fus %14.3f %8.2f\n", threads, d.p50, d.p99,
                p.p50, p.p99, (p.p50 - d.p50) / 1000.0, p.p50 / d.p50);
  }
  std::printf("target: under 0.2 ms added at p50 on loopback\n");
  return 0;
}
