// Sealed records: [format 0x01][key id, 8 bytes][nonce, 12 bytes][ciphertext][tag, 16 bytes].
#include "vault.hpp"

#include <Poco/DigestEngine.h>

#include <memory>
#include <mutex>

namespace actionhost::vault {
namespace {

constexpr char kFormat = 0x01;
constexpr size_t kIdBytes = 8;
constexpr size_t kHeader = 1 + kIdBytes + kNonceSize;

std::string id_bytes(const std::string& hex_id) {
  auto raw = Poco::DigestEngine::digestFromHex(hex_id);
  return std::string(raw.begin(), raw.end());
}

std::string id_hex(std::string_view raw) {
  Poco::DigestEngine::Digest digest(raw.begin(), raw.end());
  return Poco::DigestEngine::digestToHex(digest);
}

} // namespace

Vault::Vault(KeyRing ring, Refresh refresh) : ring_(std::move(ring)), refresh_(std::move(refresh)) {
  if (ring_.keys.empty())
    throw VaultError(VaultError::Kind::BadKey, "the vault needs at least one master key");
}

void Vault::refresh() const {
  if (!refresh_)
    return;
  auto fresh = refresh_();
  if (!fresh || fresh->keys.empty())
    return;
  std::unique_lock lock(mutex_);
  ring_ = std::move(*fresh);
}

std::string Vault::seal(std::string_view plaintext, std::string_view associated_data) const {
  refresh();
  std::shared_lock lock(mutex_);
  const auto& key = ring_.primary();
  std::string nonce = random_bytes(kNonceSize);
  std::string out;
  out.reserve(kHeader + plaintext.size() + kTagSize);
  out += kFormat;
  out += id_bytes(key.id);
  out += nonce;
  out += aes256gcm_encrypt(key, nonce, plaintext, associated_data);
  return out;
}

std::string Vault::sealed_key_id(std::string_view sealed) {
  if (sealed.size() < kHeader + kTagSize || sealed[0] != kFormat)
    throw VaultError(VaultError::Kind::Malformed, "not a sealed record (unknown format)");
  return id_hex(sealed.substr(1, kIdBytes));
}

std::string Vault::open(std::string_view sealed, std::string_view associated_data) const {
  std::string id = sealed_key_id(sealed);
  std::optional<MasterKey> key;
  std::string source;
  {
    std::shared_lock lock(mutex_);
    if (const auto* found = ring_.find(id))
      key = *found;
    source = ring_.source;
  }
  if (!key && refresh_) {
    // Another process may have rotated: the key file now holds the new key.
    refresh();
    std::shared_lock lock(mutex_);
    if (const auto* found = ring_.find(id))
      key = *found;
    source = ring_.source;
  }
  if (!key)
    throw VaultError(VaultError::Kind::UnknownKey,
                     "sealed by master key " + id + ", which is not among the keys in " + source);
  auto plaintext = aes256gcm_decrypt(*key, sealed.substr(1 + kIdBytes, kNonceSize),
                                     sealed.substr(kHeader), associated_data);
  if (!plaintext)
    throw VaultError(VaultError::Kind::Tampered,
                     "authentication failed under master key " + id +
                         ": the record was altered or belongs to another row");
  return *plaintext;
}

std::string Vault::primary_key_id() const {
  refresh();
  std::shared_lock lock(mutex_);
  return ring_.primary().id;
}

std::vector<std::string> Vault::key_ids() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> ids;
  for (const auto& key : ring_.keys)
    ids.push_back(key.id);
  return ids;
}

KeyRing Vault::ring() const {
  std::shared_lock lock(mutex_);
  return ring_;
}

std::shared_ptr<Vault> open_vault(const std::optional<std::filesystem::path>& key_file,
                                  const EnvLookup& env,
                                  const std::function<void(const std::string&)>& notice) {
  KeyRing ring = load_key_ring(key_file, env, notice);
  if (!ring.file)
    return std::make_shared<Vault>(std::move(ring));
  struct Seen {
    std::mutex mutex;
    std::filesystem::file_time_type time;
    uintmax_t size = 0;
  };
  auto seen = std::make_shared<Seen>();
  std::error_code error;
  seen->time = std::filesystem::last_write_time(*ring.file, error);
  seen->size = std::filesystem::file_size(*ring.file, error);
  auto file = *ring.file;
  return std::make_shared<Vault>(std::move(ring), [seen, file]() -> std::optional<KeyRing> {
    std::error_code error;
    auto time = std::filesystem::last_write_time(file, error);
    auto size = std::filesystem::file_size(file, error);
    std::lock_guard lock(seen->mutex);
    if (error || (time == seen->time && size == seen->size))
      return std::nullopt;
    try {
      KeyRing fresh = read_key_file(file);
      seen->time = time;
      seen->size = size;
      return fresh;
    } catch (const VaultError&) {
      return std::nullopt; // half-written or broken: keep the keys we have
    }
  });
}

} // namespace actionhost::vault
