// The credential vault: master keys and AES-256-GCM sealing of secrets at rest.
//
// A sealed record is self-describing: format byte, the id of the master key that sealed it, a
// fresh random 96-bit nonce, the ciphertext and the 128-bit GCM tag. The caller's associated
// data (for credentials: the connection's integration key and connection id) is authenticated
// but not stored, so a record copied into another row fails to open.
//
// Master keys form a ring: the first key seals, every key opens. Rotation puts a new key first,
// re-seals every record under it, then drops the old keys (see host/vault/README.md).
//
// Threading: a Vault is safe to use from any number of threads; reloading the ring (when a record
// names a key this process has not seen, e.g. after `actionhost vault rotate` ran elsewhere)
// swaps it under a lock.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace actionhost::vault {

inline constexpr size_t kKeySize = 32;   // AES-256
inline constexpr size_t kNonceSize = 12; // GCM's natural nonce size
inline constexpr size_t kTagSize = 16;

// Every failure of this module. what() never contains key material or plaintext.
class VaultError : public std::runtime_error {
public:
  enum class Kind {
    BadKey,     // a key (file, environment) is missing, malformed or the wrong size
    UnknownKey, // the record was sealed by a key that is not in the ring
    Tampered,   // authentication failed: wrong key, wrong associated data or altered bytes
    Malformed,  // not a sealed record at all
    Io          // reading or writing a key file failed
  };
  VaultError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

private:
  Kind kind_;
};

// One 256-bit master key. Its id is public: the first 8 bytes of SHA-256 over the key, in hex, so
// a record can say which key sealed it without revealing anything usable.
struct MasterKey {
  std::array<unsigned char, kKeySize> bytes{};
  std::string id;

  static MasterKey generate();                       // from OpenSSL's CSPRNG
  static MasterKey from_bytes(std::string_view raw); // throws BadKey unless 32 bytes
  // Standard base64 of 32 bytes; `where` names the source in the error ("ACTIONHOST_MASTER_KEY").
  static MasterKey from_base64(std::string_view text, const std::string& where);
  std::string to_base64() const;
};

// Where the ring came from; rotation writes back to a file, never to the environment.
struct KeyRing {
  std::vector<MasterKey> keys; // keys[0] seals; all of them open
  std::string source;          // "ACTIONHOST_MASTER_KEY" or the file's path, for messages
  std::optional<std::filesystem::path> file;

  const MasterKey& primary() const { return keys.at(0); }
  const MasterKey* find(std::string_view id) const;
};

// Key files: one base64 key per line, the sealing key first; '#' starts a comment line.
KeyRing read_key_file(const std::filesystem::path& file);
// Replaces the file atomically (temp file + rename), mode 0600, creating its directory (0700).
void write_key_file(const std::filesystem::path& file, const std::vector<MasterKey>& keys);

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
std::optional<std::string> process_environment(const std::string& name);

// $XDG_CONFIG_HOME/actionhost/master.key, else $HOME/.config/actionhost/master.key.
std::filesystem::path default_key_file(const EnvLookup& env);

// Finds the master keys, in this order:
//   1. `key_file`, when given (--key-file): it must exist;
//   2. ACTIONHOST_MASTER_KEY: base64 keys separated by commas, the sealing key first;
//   3. the default key file, created with a new key on first use; `notice` is told once where
//      it is and that production should supply its own key.
KeyRing load_key_ring(const std::optional<std::filesystem::path>& key_file, const EnvLookup& env,
                      const std::function<void(const std::string&)>& notice);

class Vault {
public:
  // `refresh` returns the ring anew when its source changed since the last call (a key file
  // rewritten by `actionhost vault rotate`), else nullopt. It is asked before sealing, so a
  // running server seals under the newest key, and when a record names a key not in the ring.
  // Empty: the ring never changes (keys from the environment change only with a restart).
  using Refresh = std::function<std::optional<KeyRing>()>;
  explicit Vault(KeyRing ring, Refresh refresh = {});

  // Seals `plaintext` under the primary key with a fresh nonce, binding `associated_data`.
  std::string seal(std::string_view plaintext, std::string_view associated_data) const;
  // Opens what seal() produced with the same associated data. Throws VaultError (UnknownKey,
  // Tampered, Malformed); never returns unauthenticated bytes.
  std::string open(std::string_view sealed, std::string_view associated_data) const;

  std::string primary_key_id() const; // after picking up a rewritten key file
  std::vector<std::string> key_ids() const;
  KeyRing ring() const;
  // The id of the key that sealed `sealed`; throws Malformed.
  static std::string sealed_key_id(std::string_view sealed);

private:
  mutable std::shared_mutex mutex_;
  void refresh() const;

  mutable KeyRing ring_;
  Refresh refresh_;
};

// The vault the host runs with: load_key_ring(), and when the keys come from a file, a refresh
// that re-reads the file whenever its modification time or size changes.
std::shared_ptr<Vault> open_vault(const std::optional<std::filesystem::path>& key_file,
                                  const EnvLookup& env,
                                  const std::function<void(const std::string&)>& notice);

// The primitive, exposed for tests: AES-256-GCM with OpenSSL's EVP interface. encrypt returns
// ciphertext || tag; decrypt returns nullopt when the tag does not verify.
std::string aes256gcm_encrypt(const MasterKey& key, std::string_view nonce,
                              std::string_view plaintext, std::string_view aad);
std::optional<std::string> aes256gcm_decrypt(const MasterKey& key, std::string_view nonce,
                                             std::string_view ciphertext_and_tag,
                                             std::string_view aad);

// Random bytes from OpenSSL's CSPRNG.
std::string random_bytes(size_t count);

} // namespace actionhost::vault
