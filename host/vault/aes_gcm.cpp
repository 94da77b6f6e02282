// AES-256-GCM through OpenSSL's EVP interface, and the CSPRNG. Nothing else in the host calls
// OpenSSL's ciphers directly.
#include "vault.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace actionhost::vault {
namespace {

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

CipherContext new_context() {
  CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!context)
    throw VaultError(VaultError::Kind::Io, "OpenSSL: cannot allocate a cipher context");
  return context;
}

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

int length(std::string_view text) {
  return static_cast<int>(text.size());
}

void check(int ok, const char* step) {
  if (ok != 1)
    throw VaultError(VaultError::Kind::Io, std::string("OpenSSL AES-256-GCM: ") + step + " failed");
}

// EVP_*Init with the key, nonce size and nonce; encrypt=1 or 0.
void init(EVP_CIPHER_CTX* context, const MasterKey& key, std::string_view nonce, int encrypt) {
  if (nonce.size() != kNonceSize)
    throw VaultError(VaultError::Kind::Malformed, "AES-256-GCM: nonce must be 12 bytes");
  check(EVP_CipherInit_ex(context, EVP_aes_256_gcm(), nullptr, nullptr, nullptr, encrypt), "init");
  check(EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kNonceSize), nullptr),
        "set nonce length");
  check(EVP_CipherInit_ex(context, nullptr, nullptr, key.bytes.data(), bytes(nonce), encrypt),
        "set key");
}

} // namespace

std::string aes256gcm_encrypt(const MasterKey& key, std::string_view nonce,
                              std::string_view plaintext, std::string_view aad) {
  auto context = new_context();
  init(context.get(), key, nonce, 1);
  int written = 0;
  if (!aad.empty())
    check(EVP_EncryptUpdate(context.get(), nullptr, &written, bytes(aad), length(aad)), "aad");
  std::string out(plaintext.size() + kTagSize, '\0');
  auto* cursor = reinterpret_cast<unsigned char*>(out.data());
  int total = 0;
  check(EVP_EncryptUpdate(context.get(), cursor, &written, bytes(plaintext), length(plaintext)),
        "encrypt");
  total += written;
  check(EVP_EncryptFinal_ex(context.get(), cursor + total, &written), "finish");
  total += written;
  check(EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagSize),
                            cursor + total),
        "get tag");
  out.resize(static_cast<size_t>(total) + kTagSize);
  return out;
}

std::optional<std::string> aes256gcm_decrypt(const MasterKey& key, std::string_view nonce,
                                             std::string_view ciphertext_and_tag,
                                             std::string_view aad) {
  if (ciphertext_and_tag.size() < kTagSize)
    return std::nullopt;
  auto ciphertext = ciphertext_and_tag.substr(0, ciphertext_and_tag.size() - kTagSize);
  std::string tag(ciphertext_and_tag.substr(ciphertext.size()));
  auto context = new_context();
  init(context.get(), key, nonce, 0);
  int written = 0;
  if (!aad.empty())
    check(EVP_DecryptUpdate(context.get(), nullptr, &written, bytes(aad), length(aad)), "aad");
  std::string out(ciphertext.size() + 16, '\0');
  auto* cursor = reinterpret_cast<unsigned char*>(out.data());
  check(EVP_DecryptUpdate(context.get(), cursor, &written, bytes(ciphertext), length(ciphertext)),
        "decrypt");
  int total = written;
  check(EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagSize),
                            tag.data()),
        "set tag");
  // The tag is checked here; until it passes, `out` holds unauthenticated bytes we discard.
  if (EVP_DecryptFinal_ex(context.get(), cursor + total, &written) != 1) {
    OPENSSL_cleanse(out.data(), out.size());
    return std::nullopt;
  }
  out.resize(static_cast<size_t>(total + written));
  return out;
}

std::string random_bytes(size_t count) {
  std::string out(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(count)) != 1)
    throw VaultError(VaultError::Kind::Io, "OpenSSL: the random generator failed");
  return out;
}

} // namespace actionhost::vault
