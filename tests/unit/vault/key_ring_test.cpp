// Where master keys come from: --key-file, ACTIONHOST_MASTER_KEY, or a default file created on
// first use under $XDG_CONFIG_HOME or $HOME, private to its owner.
#include "vault.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <random>
#include <sys/stat.h>

using namespace actionhost::vault;
using Catch::Matchers::Contains;

namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("actionhost-vault-" + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

unsigned mode_of(const std::filesystem::path& file) {
  struct stat info {};
  ::stat(file.c_str(), &info);
  return info.st_mode & 0777;
}

} // namespace

TEST_CASE("without a key, one is created under $HOME/.config, mode 0600, and announced once",
          "[vault][keys]") {
  TempDir home;
  std::vector<std::string> notices;
  auto notice = [&](const std::string& text) { notices.push_back(text); };
  auto first = load_key_ring(std::nullopt, env_of({{"HOME", home.path.string()}}), notice);
  auto file = home.path / ".config" / "actionhost" / "master.key";
  REQUIRE(std::filesystem::exists(file));
  CHECK(mode_of(file) == 0600);
  REQUIRE(notices.size() == 1);
  CHECK_THAT(notices[0], Contains(file.string()));
  CHECK_THAT(notices[0], Contains("production"));

  auto second = load_key_ring(std::nullopt, env_of({{"HOME", home.path.string()}}), notice);
  CHECK(second.primary().id == first.primary().id);
  CHECK(notices.size() == 1);
}

TEST_CASE("$XDG_CONFIG_HOME wins over $HOME for the default key file", "[vault][keys]") {
  auto file = default_key_file(env_of({{"HOME", "/home/u"}, {"XDG_CONFIG_HOME", "/cfg"}}));
  CHECK(file == "/cfg/actionhost/master.key");
}

TEST_CASE("ACTIONHOST_MASTER_KEY holds base64 keys, the sealing key first", "[vault][keys]") {
  auto a = MasterKey::generate();
  auto b = MasterKey::generate();
  auto ring = load_key_ring(
      std::nullopt, env_of({{"ACTIONHOST_MASTER_KEY", a.to_base64() + "," + b.to_base64()}}), {});
  REQUIRE(ring.keys.size() == 2);
  CHECK(ring.primary().id == a.id);
  CHECK(ring.find(b.id) != nullptr);
  CHECK_FALSE(ring.file);
}

TEST_CASE("a key of the wrong size is refused with how to make a good one", "[vault][keys]") {
  std::string short_key = "c2hvcnQ="; // "short"
  try {
    load_key_ring(std::nullopt, env_of({{"ACTIONHOST_MASTER_KEY", short_key}}), {});
    FAIL("accepted a 5-byte key");
  } catch (const VaultError& e) {
    CHECK(e.kind() == VaultError::Kind::BadKey);
    CHECK_THAT(e.what(), Contains("ACTIONHOST_MASTER_KEY"));
    CHECK_THAT(e.what(), Contains("openssl rand -base64 32"));
  }
}

TEST_CASE("a key file given with --key-file wins over the environment and must exist",
          "[vault][keys]") {
  TempDir dir;
  auto file = dir.path / "keys";
  auto key = MasterKey::generate();
  write_key_file(file, {key});
  CHECK(mode_of(file) == 0600);
  auto env = env_of({{"ACTIONHOST_MASTER_KEY", MasterKey::generate().to_base64()}});
  CHECK(load_key_ring(file, env, {}).primary().id == key.id);
  CHECK_THROWS_WITH(load_key_ring(dir.path / "missing", env, {}),
                    Contains("no such master key file"));
}

TEST_CASE("a key file keeps its keys in order and ignores comments", "[vault][keys]") {
  TempDir dir;
  auto a = MasterKey::generate();
  auto b = MasterKey::generate();
  std::ofstream(dir.path / "keys") << "# rotated today\n"
                                   << a.to_base64() << "\n\n"
                                   << b.to_base64() << "\n";
  auto ring = read_key_file(dir.path / "keys");
  REQUIRE(ring.keys.size() == 2);
  CHECK(ring.keys[0].id == a.id);
  CHECK(ring.keys[1].id == b.id);
  CHECK(ring.keys[0].bytes == a.bytes);
}

TEST_CASE("a key file other users can read is loaded with a warning", "[vault][keys]") {
  TempDir dir;
  auto file = dir.path / "keys";
  write_key_file(file, {MasterKey::generate()});
  std::filesystem::permissions(file, std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  std::vector<std::string> notices;
  load_key_ring(file, env_of({}), [&](const std::string& text) { notices.push_back(text); });
  REQUIRE(notices.size() == 1);
  CHECK_THAT(notices[0], Contains("readable by other users (mode 0604)"));
  CHECK_THAT(notices[0], Contains("chmod 600"));
}
