// The database file: created on first open, migrated in numbered steps recorded in
// schema_version, reopened without change, and refused (untouched) when a newer actionhost
// wrote it.
#include "database.hpp"
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::store;
using namespace actionhost::store::testing;
using namespace Poco::Data::Keywords;
using Catch::Matchers::Contains;

TEST_CASE("a fresh data directory gets a database at the latest schema version",
          "[store][schema]") {
  StoreFixture f;
  CHECK(std::filesystem::exists(f.db_file()));
  CHECK(f.store->schema_version() == latest_schema_version());

  auto session = f.raw();
  std::vector<Poco::Int64> versions;
  session << "SELECT version FROM schema_version ORDER BY version", into(versions), now;
  REQUIRE(versions.size() == static_cast<size_t>(latest_schema_version()));
  for (size_t i = 0; i < versions.size(); ++i)
    CHECK(versions[i] == static_cast<Poco::Int64>(i + 1));
}

TEST_CASE("the database runs in WAL mode and only its owner can read it", "[store][schema]") {
  StoreFixture f;
  auto session = f.raw();
  std::string mode;
  session << "PRAGMA journal_mode", into(mode), now;
  CHECK(mode == "wal");
  auto perms = std::filesystem::status(f.db_file()).permissions();
  CHECK((perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all)) ==
        std::filesystem::perms::none);
}

TEST_CASE("reopening keeps the data and applies nothing twice", "[store][schema]") {
  StoreFixture f;
  f.store->create_connection(api_key_connection("slack", "acme", "k-123"));
  f.store.reset();
  f.store = f.open_with({f.key});
  CHECK(f.store->schema_version() == latest_schema_version());
  CHECK(f.store->find_connection({"slack", "acme"}).has_value());
  auto session = f.raw();
  Poco::Int64 rows = 0;
  session << "SELECT COUNT(*) FROM schema_version", into(rows), now;
  CHECK(rows == latest_schema_version());
}

TEST_CASE("a database from a newer actionhost is refused with a clear message", "[store][schema]") {
  StoreFixture f;
  f.store.reset();
  {
    auto session = f.raw();
    session << "INSERT INTO schema_version (version, description, applied_at) VALUES (999, "
               "'from the future', 0)",
        now;
  }
  try {
    f.open_with({f.key});
    FAIL("opened a database newer than the binary");
  } catch (const SchemaTooNewError& e) {
    CHECK_THAT(e.what(), Contains("actionhost.db"));
    CHECK_THAT(e.what(), Contains("schema version 999"));
    CHECK_THAT(e.what(), Contains("newer"));
  }
  // Refusing changed nothing: the future version is still the newest.
  auto session = f.raw();
  Poco::Int64 newest = 0;
  session << "SELECT MAX(version) FROM schema_version", into(newest), now;
  CHECK(newest == 999);
}

TEST_CASE("every pooled connection commits durably and waits for other writers",
          "[store][schema]") {
  // What save_refreshed's promise rests on: WAL with synchronous=FULL (2) fsyncs each commit,
  // and a busy timeout makes a second writer (a CLI command next to the server) wait.
  StoreFixture f;
  actionhost::store::detail::Database database(f.db_file(), 2);
  auto session = database.session();
  Poco::Int64 synchronous = -1, busy_timeout = -1;
  *session << "PRAGMA synchronous", into(synchronous), now;
  *session << "PRAGMA busy_timeout", into(busy_timeout), now;
  CHECK(synchronous == 2);
  CHECK(busy_timeout >= 5000);
}
