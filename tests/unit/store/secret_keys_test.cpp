// Callers' secret keys: shown once at creation, stored as salted hashes, found by the public id
// embedded in the key, compared in constant time, limited and revocable.
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

#include <Poco/Base64Decoder.h>

#include <regex>
#include <sstream>

using namespace actionhost::store;
using namespace actionhost::store::testing;
using Catch::Matchers::Contains;

namespace actionhost::store::detail {
bool secret_hash_matches(std::string_view expected_hash, std::string_view salt,
                         std::string_view presented);
}

TEST_CASE("a new key reads ahk_<id>_<secret> with 256 bits of secret", "[store][keys]") {
  StoreFixture f;
  auto created = f.store->create_secret_key("ci", {});
  std::smatch m;
  REQUIRE(
      std::regex_match(created.secret, m, std::regex("ahk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})")));
  CHECK(m[1] == created.info.id);
  CHECK(created.info.name == "ci");
}

TEST_CASE("a key verifies, and nothing else does", "[store][keys]") {
  StoreFixture f;
  auto created = f.store->create_secret_key("ci", {});
  auto info = f.store->verify_secret_key(created.secret);
  REQUIRE(info);
  CHECK(info->id == created.info.id);
  CHECK(info->name == "ci");

  std::string wrong_last = created.secret;
  wrong_last.back() = wrong_last.back() == 'A' ? 'B' : 'A';
  CHECK_FALSE(f.store->verify_secret_key(wrong_last));
  CHECK_FALSE(f.store->verify_secret_key(created.secret + "x"));
  CHECK_FALSE(f.store->verify_secret_key(""));
  CHECK_FALSE(f.store->verify_secret_key("Bearer " + created.secret));
  CHECK_FALSE(f.store->verify_secret_key("ahk_0000000000000000_" + created.secret.substr(21)));
}

TEST_CASE("only a salted hash of the key is stored", "[store][keys]") {
  StoreFixture f;
  auto created = f.store->create_secret_key("ci", {});
  std::string secret_part = created.secret.substr(21);
  std::string bytes = f.bytes_on_disk();
  REQUIRE(bytes.find(created.info.id) != std::string::npos); // the public id is there
  CHECK(bytes.find(secret_part) == std::string::npos);
}

TEST_CASE("the hash comparison takes the key, the salt and a constant-time compare",
          "[store][keys]") {
  // secret_hash_matches recomputes HMAC-SHA256(salt, key) and compares with CRYPTO_memcmp,
  // whose running time depends on the length only. Here: its answers are right, including for
  // hashes that differ only in their last byte (where an early-exit compare would be fastest to
  // say no).
  StoreFixture f;
  auto created = f.store->create_secret_key("ci", {});
  auto session = f.raw();
  std::string salt64, hash64;
  using namespace Poco::Data::Keywords;
  session << "SELECT salt, hash FROM secret_keys", into(salt64), into(hash64), now;
  auto decode = [](const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    return std::string(std::istreambuf_iterator<char>(decoder), {});
  };
  std::string salt = decode(salt64), hash = decode(hash64);
  CHECK(detail::secret_hash_matches(hash, salt, created.secret));
  std::string last_byte_off = hash;
  last_byte_off.back() = static_cast<char>(last_byte_off.back() ^ 1);
  CHECK_FALSE(detail::secret_hash_matches(last_byte_off, salt, created.secret));
  CHECK_FALSE(detail::secret_hash_matches(hash.substr(0, 31), salt, created.secret));
  CHECK_FALSE(detail::secret_hash_matches(hash, salt + "x", created.secret));
}

TEST_CASE("a revoked key stops verifying and frees its name", "[store][keys]") {
  StoreFixture f;
  auto first = f.store->create_secret_key("ci", {});
  CHECK_THROWS_AS(f.store->create_secret_key("ci", {}), ConflictError);
  CHECK(f.store->revoke_secret_key("ci"));
  CHECK_FALSE(f.store->verify_secret_key(first.secret));
  CHECK_FALSE(f.store->revoke_secret_key("ci"));

  auto second = f.store->create_secret_key("ci", {});
  CHECK(f.store->verify_secret_key(second.secret));
  CHECK(f.store->revoke_secret_key(second.info.id)); // by id works too
  auto keys = f.store->list_secret_keys();
  REQUIRE(keys.size() == 2);
  CHECK(keys[0].revoked());
  CHECK(keys[1].revoked());
}

TEST_CASE("limits restrict integrations and tools, and a denied tool stays denied",
          "[store][keys]") {
  StoreFixture f;
  KeyLimits limits;
  limits.integrations = {"slack", "github"};
  limits.allowed_tools = {"send_message", "list_channels"};
  limits.denied_tools = {"list_channels"};
  auto created = f.store->create_secret_key("bot", limits);
  auto info = f.store->verify_secret_key(created.secret);
  REQUIRE(info);
  CHECK(info->limits.allows_integration("slack"));
  CHECK_FALSE(info->limits.allows_integration("hubspot"));
  CHECK(info->limits.allows_tool("send_message"));
  CHECK_FALSE(info->limits.allows_tool("list_channels"));
  CHECK_FALSE(info->limits.allows_tool("delete_channel"));

  KeyLimits open;
  open.denied_tools = {"delete_channel"};
  CHECK(open.allows_integration("anything"));
  CHECK(open.allows_tool("send_message"));
  CHECK_FALSE(open.allows_tool("delete_channel"));
}

TEST_CASE("verifying records the last use", "[store][keys]") {
  StoreFixture f;
  auto created = f.store->create_secret_key("ci", {});
  CHECK_FALSE(f.store->list_secret_keys()[0].last_used_at);
  f.store->verify_secret_key(created.secret);
  CHECK(f.store->list_secret_keys()[0].last_used_at);
}
