// Master keys: generating them, their public ids, base64 text, key files and where the host
// looks for them.
#include "vault.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <openssl/crypto.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace actionhost::vault {
namespace {

std::string key_id_of(const std::array<unsigned char, kKeySize>& bytes) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(bytes.data(), bytes.size());
  auto digest = sha.digest();
  digest.resize(8);
  return Poco::DigestEngine::digestToHex(digest);
}

std::string trim(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos)
    return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

} // namespace

MasterKey MasterKey::generate() {
  return from_bytes(random_bytes(kKeySize));
}

MasterKey MasterKey::from_bytes(std::string_view raw) {
  if (raw.size() != kKeySize)
    throw VaultError(VaultError::Kind::BadKey,
                     "a master key must be 32 bytes, got " + std::to_string(raw.size()));
  MasterKey key;
  std::copy(raw.begin(), raw.end(), key.bytes.begin());
  key.id = key_id_of(key.bytes);
  return key;
}

MasterKey MasterKey::from_base64(std::string_view text, const std::string& where) {
  std::string raw;
  try {
    std::istringstream in{std::string(text)};
    Poco::Base64Decoder decoder(in);
    raw.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
  } catch (const std::exception&) {
    throw VaultError(VaultError::Kind::BadKey, where + ": a master key must be base64 text");
  }
  if (raw.size() != kKeySize) {
    OPENSSL_cleanse(raw.data(), raw.size());
    throw VaultError(VaultError::Kind::BadKey,
                     where + ": a master key must be 32 bytes in base64 (got " +
                         std::to_string(raw.size()) +
                         " bytes); create one with: openssl rand -base64 32");
  }
  auto key = from_bytes(raw);
  OPENSSL_cleanse(raw.data(), raw.size());
  return key;
}

std::string MasterKey::to_base64() const {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(reinterpret_cast<const char*>(bytes.data()), kKeySize);
  encoder.close();
  return out.str();
}

const MasterKey* KeyRing::find(std::string_view id) const {
  for (const auto& key : keys)
    if (key.id == id)
      return &key;
  return nullptr;
}

KeyRing read_key_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in)
    throw VaultError(VaultError::Kind::Io, file.string() + ": cannot read the master key file");
  KeyRing ring;
  ring.source = file.string();
  ring.file = file;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#')
      continue;
    ring.keys.push_back(MasterKey::from_base64(line, file.string() + ":" + std::to_string(number)));
    OPENSSL_cleanse(line.data(), line.size());
  }
  if (ring.keys.empty())
    throw VaultError(VaultError::Kind::BadKey,
                     file.string() + ": the master key file holds no key");
  return ring;
}

void write_key_file(const std::filesystem::path& file, const std::vector<MasterKey>& keys) {
  std::error_code error;
  if (file.has_parent_path() && !std::filesystem::exists(file.parent_path())) {
    std::filesystem::create_directories(file.parent_path(), error);
    if (error)
      throw VaultError(VaultError::Kind::Io, file.parent_path().string() + ": " + error.message());
    ::chmod(file.parent_path().c_str(), 0700);
  }
  auto temporary = file;
  temporary += ".new";
  {
    // Created 0600 before any key byte is written.
    std::ofstream(temporary, std::ios::trunc).close();
    if (::chmod(temporary.c_str(), 0600) != 0)
      throw VaultError(VaultError::Kind::Io, temporary.string() + ": cannot create the key file");
    std::ofstream out(temporary, std::ios::trunc);
    out << "# ActionHost master keys: the first seals, every one opens. Keep this file secret.\n";
    for (const auto& key : keys)
      out << key.to_base64() << "\n";
    out.flush();
    if (!out)
      throw VaultError(VaultError::Kind::Io, temporary.string() + ": cannot write the key file");
  }
  std::filesystem::rename(temporary, file, error);
  if (error)
    throw VaultError(VaultError::Kind::Io, file.string() + ": " + error.message());
}

std::optional<std::string> process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  return value ? std::optional<std::string>(value) : std::nullopt;
}

std::filesystem::path default_key_file(const EnvLookup& env) {
  auto xdg = env("XDG_CONFIG_HOME");
  if (xdg && !xdg->empty())
    return std::filesystem::path(*xdg) / "actionhost" / "master.key";
  auto home = env("HOME");
  if (!home || home->empty())
    throw VaultError(VaultError::Kind::BadKey,
                     "no master key: set ACTIONHOST_MASTER_KEY or pass --key-file (neither $HOME "
                     "nor $XDG_CONFIG_HOME is set, so there is no default key file)");
  return std::filesystem::path(*home) / ".config" / "actionhost" / "master.key";
}

namespace {

// Like ssh with a private key, say so when others can read the key file.
void check_private(const std::filesystem::path& file,
                   const std::function<void(const std::string&)>& notice) {
  struct stat info {};
  if (notice && ::stat(file.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", info.st_mode & 0777);
    notice(file.string() + " is readable by other users (mode " + mode +
           "); restrict it with: chmod 600 " + file.string());
  }
}

} // namespace

KeyRing load_key_ring(const std::optional<std::filesystem::path>& key_file, const EnvLookup& env,
                      const std::function<void(const std::string&)>& notice) {
  if (key_file) {
    if (!std::filesystem::exists(*key_file))
      throw VaultError(VaultError::Kind::Io, key_file->string() + ": no such master key file");
    check_private(*key_file, notice);
    return read_key_file(*key_file);
  }
  if (auto text = env("ACTIONHOST_MASTER_KEY"); text && !trim(*text).empty()) {
    KeyRing ring;
    ring.source = "ACTIONHOST_MASTER_KEY";
    std::istringstream in(*text);
    std::string part;
    int index = 0;
    while (std::getline(in, part, ',')) {
      ++index;
      ring.keys.push_back(MasterKey::from_base64(trim(part), "ACTIONHOST_MASTER_KEY (key " +
                                                                 std::to_string(index) + ")"));
    }
    return ring;
  }
  auto file = default_key_file(env);
  if (std::filesystem::exists(file)) {
    check_private(file, notice);
    return read_key_file(file);
  }
  write_key_file(file, {MasterKey::generate()});
  if (notice)
    notice("created a master key in " + file.string() +
           "; it encrypts the credentials in the database. For production, supply your own key "
           "(ACTIONHOST_MASTER_KEY or --key-file) and keep a backup: without it the stored "
           "credentials cannot be read.");
  return read_key_file(file);
}

} // namespace actionhost::vault
