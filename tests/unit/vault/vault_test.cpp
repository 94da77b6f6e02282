// Sealing and opening secrets: a round trip works, and every way a record can be wrong (another
// row's associated data, a flipped bit, another master key) is refused, never decrypted to
// garbage.
#include "vault.hpp"

#include <catch2/catch.hpp>

using namespace actionhost::vault;
using Catch::Matchers::Contains;

namespace {
KeyRing ring_of(std::vector<MasterKey> keys) {
  KeyRing ring;
  ring.keys = std::move(keys);
  ring.source = "test ring";
  return ring;
}
} // namespace

TEST_CASE("a sealed secret opens with the same key and associated data", "[vault]") {
  Vault vault(ring_of({MasterKey::generate()}));
  std::string sealed = vault.seal("xoxb-very-secret", "slack/acme");
  CHECK(vault.open(sealed, "slack/acme") == "xoxb-very-secret");
  CHECK(sealed.find("xoxb-very-secret") == std::string::npos);
}

TEST_CASE("every seal uses a fresh nonce, so equal secrets never look equal", "[vault]") {
  Vault vault(ring_of({MasterKey::generate()}));
  CHECK(vault.seal("same", "row") != vault.seal("same", "row"));
}

TEST_CASE("a record moved to another row fails to open", "[vault]") {
  Vault vault(ring_of({MasterKey::generate()}));
  std::string sealed = vault.seal("token", "slack/acme");
  try {
    vault.open(sealed, "slack/globex");
    FAIL("opened with the wrong associated data");
  } catch (const VaultError& e) {
    CHECK(e.kind() == VaultError::Kind::Tampered);
  }
}

TEST_CASE("a single flipped bit anywhere in the record is detected", "[vault]") {
  Vault vault(ring_of({MasterKey::generate()}));
  std::string sealed = vault.seal("token", "row");
  for (size_t i = 0; i < sealed.size(); ++i) {
    std::string tampered = sealed;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    INFO("byte " << i);
    CHECK_THROWS_AS(vault.open(tampered, "row"), VaultError);
  }
}

TEST_CASE("a record sealed by a key the ring lacks names that key", "[vault]") {
  Vault writer(ring_of({MasterKey::generate()}));
  Vault reader(ring_of({MasterKey::generate()}));
  std::string sealed = writer.seal("token", "row");
  try {
    reader.open(sealed, "row");
    FAIL("opened with another key");
  } catch (const VaultError& e) {
    CHECK(e.kind() == VaultError::Kind::UnknownKey);
    CHECK_THAT(e.what(), Contains(writer.primary_key_id()));
    CHECK_THAT(e.what(), !Contains("token"));
  }
}

TEST_CASE("a key with the same id but different bytes is refused as tampering", "[vault]") {
  auto real = MasterKey::generate();
  auto impostor = MasterKey::generate();
  impostor.id = real.id; // only possible by editing memory; the tag still catches it
  std::string sealed = Vault(ring_of({real})).seal("token", "row");
  CHECK_THROWS_AS(Vault(ring_of({impostor})).open(sealed, "row"), VaultError);
}

TEST_CASE("the first key seals, every key in the ring opens", "[vault][rotation]") {
  auto old_key = MasterKey::generate();
  auto new_key = MasterKey::generate();
  std::string old_record = Vault(ring_of({old_key})).seal("old", "row");

  Vault rotated(ring_of({new_key, old_key}));
  CHECK(rotated.open(old_record, "row") == "old");
  std::string new_record = rotated.seal("new", "row");
  CHECK(Vault::sealed_key_id(new_record) == new_key.id);
  CHECK(Vault::sealed_key_id(old_record) == old_key.id);
}

TEST_CASE("a vault reloads its ring when a record names a key it has not seen", "[vault]") {
  auto old_key = MasterKey::generate();
  auto new_key = MasterKey::generate();
  int reloads = 0;
  Vault running(ring_of({old_key}), [&]() -> std::optional<KeyRing> {
    if (reloads++ > 0)
      return std::nullopt;              // unchanged since
    return ring_of({new_key, old_key}); // what `vault rotate` wrote to the key file
  });
  std::string resealed = Vault(ring_of({new_key, old_key})).seal("token", "row");
  CHECK(running.open(resealed, "row") == "token");
  CHECK(reloads == 1);
  CHECK(running.primary_key_id() == new_key.id);
}

TEST_CASE("a vault on a key file follows the file when rotation rewrites it", "[vault]") {
  auto dir = std::filesystem::temp_directory_path() / "actionhost-vault-follow";
  std::filesystem::remove_all(dir);
  auto file = dir / "master.key";
  auto old_key = MasterKey::generate();
  write_key_file(file, {old_key});
  auto running = open_vault(file, process_environment, {});
  std::string before = running->seal("token", "row");

  auto new_key = MasterKey::generate();
  write_key_file(file, {new_key, old_key}); // what `vault rotate` does
  std::string after = running->seal("token", "row");
  CHECK(Vault::sealed_key_id(before) == old_key.id);
  CHECK(Vault::sealed_key_id(after) == new_key.id);
  CHECK(running->open(before, "row") == "token");
  std::filesystem::remove_all(dir);
}

TEST_CASE("AES-256-GCM matches a published test vector", "[vault][aes]") {
  // NIST GCM test vector (gcmEncryptExtIV256.rsp, Count 0 with 128-bit plaintext, no AAD).
  auto hex = [](const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); i += 2)
      out += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
    return out;
  };
  auto key = MasterKey::from_bytes(
      hex("31bdadd96698c204aa9ce1448ea94ae1fb4a9a0b3c9d773b51bb1822666b8f22"));
  std::string nonce = hex("0d18e06c7c725ac9e362e1ce");
  std::string plaintext = hex("2db5168e932556f8089a0622981d017d");
  std::string sealed = aes256gcm_encrypt(key, nonce, plaintext, "");
  CHECK(sealed ==
        hex("fa4362189661d163fcd6a56d8bf0405a") + hex("d636ac1bbedd5cc3ee727dc2ab4a9489"));
  CHECK(aes256gcm_decrypt(key, nonce, sealed, "") == plaintext);
}
