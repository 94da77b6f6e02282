// A store in a fresh temporary data directory, with a master key of its own, plus raw SQL access
// to the same file for tests that tamper with rows or look at the bytes on disk.
#pragma once

#include "store.hpp"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <fstream>
#include <random>
#include <sstream>

namespace actionhost::store::testing {

inline std::shared_ptr<vault::Vault> vault_with(std::vector<vault::MasterKey> keys) {
  vault::KeyRing ring;
  ring.keys = std::move(keys);
  ring.source = "test ring";
  return std::make_shared<vault::Vault>(std::move(ring));
}

struct StoreFixture {
  std::filesystem::path data_dir;
  vault::MasterKey key = vault::MasterKey::generate();
  std::unique_ptr<Store> store;

  StoreFixture() {
    std::random_device rd;
    data_dir = std::filesystem::temp_directory_path() /
               ("actionhost-store-" + std::to_string(rd()) + std::to_string(rd()));
    store = open_with({key});
  }
  ~StoreFixture() {
    store.reset();
    std::filesystem::remove_all(data_dir);
  }

  std::unique_ptr<Store> open_with(std::vector<vault::MasterKey> keys) {
    StoreOptions options;
    options.data_dir = data_dir;
    options.vault = vault_with(std::move(keys));
    return open_store(options);
  }

  std::filesystem::path db_file() const { return data_dir / "actionhost.db"; }

  // A separate connection to the same file, for what the Store interface does not allow.
  Poco::Data::Session raw() const {
    Poco::Data::SQLite::Connector::registerConnector();
    return Poco::Data::Session("SQLite", db_file().string());
  }

  // Every byte SQLite keeps for this database: the file and its write-ahead log.
  std::string bytes_on_disk() const {
    std::string all;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(db_file().string() + suffix, std::ios::binary);
      std::ostringstream out;
      out << in.rdbuf();
      all += out.str();
    }
    return all;
  }
};

inline NewConnection api_key_connection(const std::string& integration, const std::string& id,
                                        const std::string& api_key) {
  NewConnection c;
  c.ref = {integration, id};
  c.end_user_id = "user-1";
  c.end_user_name = "Ada";
  c.metadata_json = R"({"instance_url":"https://acme.example"})";
  c.credentials.api_key = api_key;
  return c;
}

} // namespace actionhost::store::testing
