// Rotating the master key: the new key goes first in the ring, every record stays readable while
// the records are re-sealed one by one, and afterwards the old key can go.
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::store;
using namespace actionhost::store::testing;
using actionhost::vault::MasterKey;

TEST_CASE("records stay readable before, during and after a rotation", "[store][rotation]") {
  StoreFixture f;
  for (int i = 0; i < 5; ++i)
    f.store->create_connection(
        api_key_connection("slack", "c" + std::to_string(i), "key-" + std::to_string(i)));
  auto new_key = MasterKey::generate();

  // During: the ring holds the new key first and the old one after it. Old records still open;
  // new writes already use the new key.
  auto rotating = f.open_with({new_key, f.key});
  CHECK(rotating->records_per_key() == std::map<std::string, size_t>{{f.key.id, 5}});
  actionhost::proxy::Credentials refreshed;
  refreshed.api_key = "key-0-new";
  rotating->save_refreshed({"slack", "c0"}, refreshed);
  CHECK(rotating->load({"slack", "c1"})->api_key == "key-1");
  CHECK((rotating->records_per_key() ==
         std::map<std::string, size_t>{{f.key.id, 4}, {new_key.id, 1}}));

  auto progress = rotating->reseal_credentials();
  CHECK(progress.resealed == 4);
  CHECK(progress.remaining == 0);
  CHECK(progress.failures.empty());
  CHECK(rotating->records_per_key() == std::map<std::string, size_t>{{new_key.id, 5}});

  // After: the new key alone opens everything, with every value intact.
  auto after = f.open_with({new_key});
  CHECK(after->load({"slack", "c0"})->api_key == "key-0-new");
  for (int i = 1; i < 5; ++i)
    CHECK(after->load({"slack", "c" + std::to_string(i)})->api_key == "key-" + std::to_string(i));
  // And the old key alone no longer does.
  CHECK_THROWS_AS(f.open_with({f.key})->load({"slack", "c1"}), DecryptError);
}

TEST_CASE("a record no key in the ring opens is reported, not lost", "[store][rotation]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "k"));
  auto stranger = MasterKey::generate();
  auto rotating = f.open_with({stranger});
  auto progress = rotating->reseal_credentials();
  CHECK(progress.resealed == 0);
  CHECK(progress.remaining == 1);
  REQUIRE(progress.failures.size() == 1);
  CHECK_THAT(progress.failures[0], Catch::Matchers::Contains("connection 'acme'"));
  CHECK(f.store->load({"slack", "acme"})->api_key == "k"); // untouched
}
