// HTTPS to providers verifies certificates: against the system store, plus proxy.ca_file for a
// self-hosted provider's private CA; the certificate must name the host the request is for.
#include "support.hpp"

#include <fake_provider.hpp>

#include <cstdlib>
#include <filesystem>

using namespace proxy_test;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;

namespace {

// A self-signed certificate for "localhost", made with the openssl tool for this test run.
struct LocalhostCertificate {
  std::filesystem::path dir;
  LocalhostCertificate() {
    dir = std::filesystem::temp_directory_path() /
          ("actionhost-proxy-tls-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost"
                          " -addext subjectAltName=DNS:localhost -keyout '" +
                          key().string() + "' -out '" + certificate().string() +
                          "' >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
  }
  ~LocalhostCertificate() { std::filesystem::remove_all(dir); }
  std::filesystem::path certificate() const { return dir / "cert.pem"; }
  std::filesystem::path key() const { return dir / "key.pem"; }
};

config::Integration demo(const std::string& base_url, const std::string& extra = "") {
  return integration("integrations:\n  demo:\n    plugin: demo\n    auth: { mode: BEARER }\n"
                     "    proxy:\n      base_url: " +
                     base_url + "\n" + extra);
}

} // namespace

TEST_CASE("HTTPS verifies the provider's certificate") {
  LocalhostCertificate certificate;
  FakeProvider fake({certificate.certificate().string(), certificate.key().string()});
  fake.on("GET", "/me", [](const Request&) { return Reply::json(R"({"id":"U1"})"); });
  RecordingStore store;
  store.put("conn-1", token("tok-secret-1"));
  proxy::ProxyOptions options;
  options.resolve = resolver({{"localhost", "127.0.0.1"}, {"other.example.test", "127.0.0.1"}});
  std::string port = std::to_string(fake.port());
  std::string ca_file = "      ca_file: " + certificate.certificate().string() + "\n";
  plugins::HttpResponse response;

  SECTION("trusted through ca_file: the request goes through") {
    proxy::Proxy proxy(demo("https://localhost:" + port, ca_file), options);
    REQUIRE(proxy.request(call_for("demo", store), get("/me"), response) == AH_OK);
    CHECK(response.status == 200);
    CHECK(fake.requests().back().header("Authorization") == "Bearer tok-secret-1");
  }
  SECTION("an unknown issuer: refused before anything is sent") {
    proxy::Proxy proxy(demo("https://localhost:" + port), options);
    CHECK(proxy.request(call_for("demo", store), get("/me"), response) == AH_ERR_UNAVAILABLE);
    CHECK(response.error.find("TLS with localhost failed") == 0);
    CHECK(fake.requests().empty());
  }
  SECTION("a certificate for another name: refused") {
    proxy::Proxy proxy(demo("https://other.example.test:" + port, ca_file), options);
    CHECK(proxy.request(call_for("demo", store), get("/me"), response) == AH_ERR_UNAVAILABLE);
    CHECK(fake.requests().empty());
  }
}
