// Callers' secret keys for /mcp. A key reads "ahk_<id>_<secret>": the id (8 random bytes, hex)
// is public and indexes the row; the secret (32 random bytes, base64url) carries the entropy.
// The row keeps a random salt and HMAC-SHA256(salt, key): enough for 256-bit random keys, which
// no dictionary or slow hash would make harder to guess.
#include "sql_store.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/Data/Statement.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <sstream>

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

namespace actionhost::store {
namespace detail {
namespace {

constexpr std::string_view kPrefix = "ahk_";
constexpr size_t kIdHexSize = 16;
constexpr size_t kSecretBytes = 32;
constexpr auto kLastUsedResolution = std::chrono::seconds(60);

std::string hmac_sha256(std::string_view salt, std::string_view key) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!HMAC(EVP_sha256(), salt.data(), static_cast<int>(salt.size()),
            reinterpret_cast<const unsigned char*>(key.data()), key.size(), digest, &size))
    throw StoreError("OpenSSL: HMAC-SHA256 failed");
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string base64url(std::string_view raw) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  encoder.write(raw.data(), static_cast<std::streamsize>(raw.size()));
  encoder.close();
  return out.str();
}

// The id embedded in a well-formed key, else nullopt (without touching the database).
std::optional<std::string> embedded_id(std::string_view presented) {
  if (presented.size() < kPrefix.size() + kIdHexSize + 2 || !presented.starts_with(kPrefix) ||
      presented[kPrefix.size() + kIdHexSize] != '_')
    return std::nullopt;
  auto id = presented.substr(kPrefix.size(), kIdHexSize);
  if (!std::all_of(id.begin(), id.end(),
                   [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
    return std::nullopt;
  return std::string(id);
}

const char* kColumns = "id, name, integrations, allowed_tools, denied_tools, created_at, "
                       "last_used_at, revoked_at";

KeyInfo key_at(const RecordSet& rows, size_t row) {
  KeyInfo info;
  info.id = text_at(rows, 0, row);
  info.name = text_at(rows, 1, row);
  info.limits.integrations = from_json_array(text_at(rows, 2, row));
  info.limits.allowed_tools = from_json_array(text_at(rows, 3, row));
  info.limits.denied_tools = from_json_array(text_at(rows, 4, row));
  info.created_at = from_micros(int_at(rows, 5, row));
  if (auto used = optional_int_at(rows, 6, row))
    info.last_used_at = from_micros(*used);
  if (auto revoked = optional_int_at(rows, 7, row))
    info.revoked_at = from_micros(*revoked);
  return info;
}

} // namespace

// Exposed for the tests of the comparison itself.
bool secret_hash_matches(std::string_view expected_hash, std::string_view salt,
                         std::string_view presented) {
  std::string actual = hmac_sha256(salt, presented);
  // CRYPTO_memcmp's time depends only on the length, never on where the bytes differ.
  return actual.size() == expected_hash.size() &&
         CRYPTO_memcmp(actual.data(), expected_hash.data(), actual.size()) == 0;
}

CreatedKey SqlStore::create_secret_key(const std::string& name, const KeyLimits& limits) {
  if (name.empty())
    throw StoreError("a secret key needs a name");
  CreatedKey created;
  created.info.id = random_hex(kIdHexSize / 2);
  created.info.name = name;
  created.info.limits = limits;
  created.info.created_at = from_micros(now_micros());
  std::string secret = vault::random_bytes(kSecretBytes);
  created.secret = std::string(kPrefix) + created.info.id + "_" + base64url(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  std::string salt = vault::random_bytes(16);
  std::string hash = to_base64(hmac_sha256(salt, created.secret));
  std::string salt_text = to_base64(salt);
  std::string integrations = to_json_array(limits.integrations);
  std::string allowed = to_json_array(limits.allowed_tools);
  std::string denied = to_json_array(limits.denied_tools);
  Poco::Int64 created_us = to_micros(created.info.created_at);

  auto session = database_.session();
  WriteTransaction transaction(*session, database_.dialect());
  Poco::Int64 taken = 0;
  *session << "SELECT COUNT(*) FROM secret_keys WHERE name = ? AND revoked_at IS NULL", bind(name),
      into(taken), now;
  if (taken > 0)
    throw ConflictError("an active secret key is already named '" + name +
                        "'; revoke it first or pick another name");
  *session << "INSERT INTO secret_keys (id, name, salt, hash, integrations, allowed_tools, "
              "denied_tools, created_at, last_used_at, revoked_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
      bind(created.info.id), bind(name), bind(salt_text), bind(hash), bind(integrations),
      bind(allowed), bind(denied), bind(created_us), now;
  transaction.commit();
  return created;
}

std::optional<KeyInfo> SqlStore::verify_secret_key(std::string_view presented) {
  auto id = embedded_id(presented);
  if (!id)
    return std::nullopt;
  auto session = database_.session();
  Statement select(*session);
  select << "SELECT " << kColumns << ", salt, hash FROM secret_keys "
         << "WHERE id = ? AND revoked_at IS NULL",
      bind(*id);
  select.execute();
  RecordSet rows(select);
  if (rows.rowCount() == 0)
    return std::nullopt;
  std::string salt = from_base64(text_at(rows, 8, 0));
  std::string hash = from_base64(text_at(rows, 9, 0));
  if (!secret_hash_matches(hash, salt, presented))
    return std::nullopt;
  KeyInfo info = key_at(rows, 0);

  auto now_time = Clock::now();
  if (!info.last_used_at || now_time - *info.last_used_at >= kLastUsedResolution) {
    Poco::Int64 now_us = to_micros(now_time);
    Poco::Int64 stale_us = to_micros(now_time - kLastUsedResolution);
    *session << "UPDATE secret_keys SET last_used_at = ? WHERE id = ? AND "
                "(last_used_at IS NULL OR last_used_at <= ?)",
        bind(now_us), bind(*id), bind(stale_us), now;
    info.last_used_at = now_time;
  }
  return info;
}

std::vector<KeyInfo> SqlStore::list_secret_keys() {
  auto session = database_.session();
  Statement select(*session);
  select << "SELECT " << kColumns << " FROM secret_keys ORDER BY created_at, id";
  select.execute();
  RecordSet rows(select);
  std::vector<KeyInfo> keys;
  for (size_t row = 0; row < rows.rowCount(); ++row)
    keys.push_back(key_at(rows, row));
  return keys;
}

bool SqlStore::revoke_secret_key(const std::string& name_or_id) {
  Poco::Int64 now_us = now_micros();
  auto session = database_.session();
  Statement revoke(*session);
  revoke << "UPDATE secret_keys SET revoked_at = ? WHERE revoked_at IS NULL AND "
            "(name = ? OR id = ?)",
      bind(now_us), bind(name_or_id), bind(name_or_id);
  return revoke.execute() > 0;
}

} // namespace detail

bool KeyLimits::allows_integration(std::string_view integration_key) const {
  return integrations.empty() ||
         std::find(integrations.begin(), integrations.end(), integration_key) != integrations.end();
}

bool KeyLimits::allows_tool(std::string_view tool) const {
  if (std::find(denied_tools.begin(), denied_tools.end(), tool) != denied_tools.end())
    return false;
  return allowed_tools.empty() ||
         std::find(allowed_tools.begin(), allowed_tools.end(), tool) != allowed_tools.end();
}

} // namespace actionhost::store
