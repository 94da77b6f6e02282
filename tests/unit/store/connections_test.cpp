// Connections: created once per (integration, id), listed and shown without secrets, their
// credentials sealed at rest and bound to their row, refreshed durably for the proxy.
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace actionhost::store;
using namespace actionhost::store::testing;
using namespace Poco::Data::Keywords;
using Catch::Matchers::Contains;

TEST_CASE("a connection is created, found, listed and deleted", "[store][connections]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "k-1"));
  f.store->create_connection(api_key_connection("slack", "globex", "k-2"));
  f.store->create_connection(api_key_connection("hubspot", "acme", "k-3"));

  auto found = f.store->find_connection({"slack", "acme"});
  REQUIRE(found);
  CHECK(found->end_user_id == "user-1");
  CHECK(found->end_user_name == "Ada");
  CHECK(found->metadata_json == R"({"instance_url":"https://acme.example"})");
  CHECK(found->status == ConnectionStatus::Ok);
  CHECK(found->credential_fields == std::vector<std::string>{"api_key"});
  CHECK(found->key_id == f.key.id);
  CHECK_FALSE(found->last_used_at);

  CHECK(f.store->list_connections(std::nullopt).size() == 3);
  auto slack = f.store->list_connections(std::string("slack"));
  REQUIRE(slack.size() == 2);
  CHECK(slack[0].ref.connection_id == "acme");
  CHECK(slack[1].ref.connection_id == "globex");

  CHECK(f.store->delete_connection({"slack", "acme"}));
  CHECK_FALSE(f.store->delete_connection({"slack", "acme"}));
  CHECK_FALSE(f.store->find_connection({"slack", "acme"}));
  CHECK_FALSE(f.store->load({"slack", "acme"}));
}

TEST_CASE("a connection id is unique within its integration only", "[store][connections]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "k-1"));
  CHECK_THROWS_AS(f.store->create_connection(api_key_connection("slack", "acme", "k-2")),
                  ConflictError);
  CHECK_NOTHROW(f.store->create_connection(api_key_connection("github", "acme", "k-2")));
  // The failed attempt did not replace the first credentials.
  CHECK(f.store->load({"slack", "acme"})->api_key == "k-1");
}

TEST_CASE("metadata must be a JSON object", "[store][connections]") {
  StoreFixture f;
  auto c = api_key_connection("slack", "acme", "k");
  c.metadata_json = "[1, 2]";
  CHECK_THROWS_WITH(f.store->create_connection(c), Contains("JSON object"));
  c.metadata_json = "{not json";
  CHECK_THROWS_WITH(f.store->create_connection(c), Contains("not valid JSON"));
}

TEST_CASE("credentials round-trip through the vault", "[store][connections][vault]") {
  StoreFixture f;
  NewConnection c;
  c.ref = {"google-calendar", "u42"};
  c.credentials.access_token = "ya29.access";
  c.credentials.refresh_token = "1//refresh";
  c.credentials.token_type = "Bearer";
  c.credentials.expires_at = Clock::now() + std::chrono::hours(1);
  c.credentials.raw_token_response = R"({"access_token":"ya29.access"})";
  f.store->create_connection(c);

  auto loaded = f.store->load(c.ref);
  REQUIRE(loaded);
  CHECK(loaded->access_token == "ya29.access");
  CHECK(loaded->refresh_token == "1//refresh");
  CHECK(loaded->token_type == "Bearer");
  CHECK(loaded->raw_token_response == c.credentials.raw_token_response);
  REQUIRE(loaded->expires_at);
  CHECK(std::chrono::abs(*loaded->expires_at - *c.credentials.expires_at) <
        std::chrono::microseconds(2));
  CHECK(f.store->find_connection(c.ref)->credential_fields ==
        std::vector<std::string>{"access_token", "refresh_token", "expires_at", "token_type",
                                 "raw_token_response"});
}

TEST_CASE("no secret is ever written to disk in plaintext", "[store][connections][vault]") {
  StoreFixture f;
  auto c = api_key_connection("slack", "acme", "sk_live_PLAINTEXT_CANARY_1");
  c.credentials.password = "PLAINTEXT_CANARY_2";
  f.store->create_connection(c);
  actionhost::proxy::Credentials refreshed;
  refreshed.access_token = "PLAINTEXT_CANARY_3";
  refreshed.refresh_token = "PLAINTEXT_CANARY_4";
  f.store->save_refreshed(c.ref, refreshed);

  std::string bytes = f.bytes_on_disk();
  REQUIRE(bytes.find("instance_url") != std::string::npos); // we are reading the right file
  CHECK(bytes.find("PLAINTEXT_CANARY") == std::string::npos);
}

TEST_CASE("save_refreshed replaces the credentials and sets the status back to ok",
          "[store][connections]") {
  StoreFixture f;
  NewConnection c;
  c.ref = {"google-calendar", "u42"};
  c.credentials.access_token = "old";
  c.credentials.refresh_token = "refresh-1";
  f.store->create_connection(c);
  f.store->set_status(c.ref, ConnectionStatus::Expired, "refresh failed: invalid_grant");
  auto expired = f.store->find_connection(c.ref);
  CHECK(expired->status == ConnectionStatus::Expired);
  CHECK(expired->status_reason == "refresh failed: invalid_grant");

  actionhost::proxy::Credentials refreshed;
  refreshed.access_token = "new";
  refreshed.refresh_token = "refresh-2"; // the provider rotated it
  f.store->save_refreshed(c.ref, refreshed);

  // A second store on the same file (another replica, or after a restart) sees it at once.
  auto other = f.open_with({f.key});
  CHECK(other->load(c.ref)->refresh_token == "refresh-2");
  auto ok = other->find_connection(c.ref);
  CHECK(ok->status == ConnectionStatus::Ok);
  CHECK(ok->status_reason.empty());
  CHECK_THROWS_AS(f.store->save_refreshed({"google-calendar", "nobody"}, refreshed), StoreError);
}

TEST_CASE("credentials copied into another row do not decrypt", "[store][connections][vault]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "acme-key"));
  f.store->create_connection(api_key_connection("slack", "globex", "globex-key"));
  {
    // An attacker with write access to the file swaps acme's sealed credentials into globex.
    auto session = f.raw();
    session << "UPDATE connections SET credentials = (SELECT credentials FROM connections "
               "WHERE connection_id = 'acme') WHERE connection_id = 'globex'",
        now;
  }
  try {
    f.store->load({"slack", "globex"});
    FAIL("decrypted another row's credentials");
  } catch (const DecryptError& e) {
    CHECK(e.connection() == ConnectionRef{"slack", "globex"});
    CHECK_THAT(e.what(), Contains("connection 'globex' of integration 'slack'"));
    CHECK_THAT(e.what(), !Contains("acme-key"));
  }
  CHECK(f.store->load({"slack", "acme"})->api_key == "acme-key");
}

TEST_CASE("the wrong master key names the connection it cannot decrypt", "[store][vault]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "k"));
  auto wrong = f.open_with({actionhost::vault::MasterKey::generate()});
  try {
    wrong->load({"slack", "acme"});
    FAIL("decrypted with the wrong key");
  } catch (const DecryptError& e) {
    CHECK_THAT(e.what(), Contains("connection 'acme' of integration 'slack'"));
    CHECK_THAT(e.what(), Contains(f.key.id)); // which key it needs
  }
}

TEST_CASE("concurrent writers and readers do not trip over each other", "[store][threads]") {
  StoreFixture f;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string id = "c" + std::to_string(t) + "-" + std::to_string(i);
        f.store->create_connection(api_key_connection("slack", id, "k" + id));
        CHECK(f.store->load({"slack", id})->api_key == "k" + id);
      }
    });
  for (auto& thread : threads)
    thread.join();
  CHECK(f.store->list_connections(std::string("slack")).size() == 80);
}
