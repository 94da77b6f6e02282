// The database commands as an operator meets them, run with the real binary: connections whose
// secrets come from stdin and are never printed, secret keys shown once on the last line, the
// master key created on first use, rotation, and the execution log.
#include "host_process.hpp"

#include <catch2/catch.hpp>

#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <sstream>

using namespace actionhost::testing;
using Catch::Matchers::Contains;

namespace {

struct Run {
  int exit_code = -1;
  std::string out; // stdout
  std::string err; // stderr
  std::string all() const { return out + err; }
};

// A scratch deployment: an integrations file, a data directory and a $HOME of its own (where
// the default master key gets created).
struct Deployment {
  TempDir dir;
  std::filesystem::path config = dir.write("integrations.yaml", R"(integrations:
  crm:
    plugin: crm.so
    auth:
      mode: API_KEY
      headers: { X-Api-Key: '${apiKey}' }
  jira:
    plugin: jira.so
    auth:
      mode: BASIC
  calendar:
    plugin: calendar.so
    auth:
      mode: OAUTH2
      authorization_url: https://auth.example/authorize
      token_url: https://auth.example/token
)");
  std::map<std::string, std::string> env = {{"HOME", (dir.path() / "home").string()},
                                            {"XDG_CONFIG_HOME", ""},
                                            {"ACTIONHOST_MASTER_KEY", ""}};

  std::filesystem::path data_dir() const { return dir.path() / "data"; }
  std::filesystem::path default_key_file() const {
    return dir.path() / "home" / ".config" / "actionhost" / "master.key";
  }

  // Runs `actionhost <args> --config ... --data-dir ...`, writing `input` to its stdin.
  Run run(std::vector<std::string> args, const std::string& input = {}) const {
    args.insert(args.end(), {"--config", config.string(), "--data-dir", data_dir().string()});
    return run_raw(args, input);
  }

  Run run_raw(const std::vector<std::string>& args, const std::string& input = {}) const {
    Poco::Pipe in, out, err;
    Poco::Process::Env process_env(env.begin(), env.end());
    auto handle = Poco::Process::launch(actionhost_binary(), args, &in, &out, &err, process_env);
    in.writeBytes(input.data(), static_cast<int>(input.size()));
    in.close(Poco::Pipe::CLOSE_WRITE);
    Run result;
    Poco::PipeInputStream out_stream(out), err_stream(err);
    Poco::StreamCopier::copyToString(out_stream, result.out);
    Poco::StreamCopier::copyToString(err_stream, result.err);
    result.exit_code = handle.wait();
    return result;
  }

  // Everything SQLite keeps on disk for the database.
  std::string database_bytes() const {
    std::string bytes;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream file(data_dir().string() + "/actionhost.db" + suffix, std::ios::binary);
      std::ostringstream copy;
      copy << file.rdbuf();
      bytes += copy.str();
    }
    return bytes;
  }
};

std::string last_line(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n')
    trimmed.pop_back();
  auto newline = trimmed.rfind('\n');
  return newline == std::string::npos ? trimmed : trimmed.substr(newline + 1);
}

} // namespace

TEST_CASE("a connection's API key read from stdin is stored encrypted and never printed",
          "[cli][store]") {
  Deployment d;
  const std::string secret = "sk_live_CANARY_4b1d";
  auto created = d.run({"connections", "create", "--integration", "crm", "--connection-id", "acme",
                        "--end-user", "u-1", "--end-user-name", "Ada Lovelace", "--metadata",
                        R"({"instance_url":"https://acme.example"})", "--api-key", "-"},
                       secret + "\n");
  INFO(created.all());
  REQUIRE(created.exit_code == 0);
  CHECK_THAT(created.out, Contains("created connection 'acme'"));

  // First use created the master key outside the data directory, and said so once.
  CHECK(std::filesystem::exists(d.default_key_file()));
  CHECK_THAT(created.err, Contains(d.default_key_file().string()));
  CHECK_THAT(created.err, Contains("production"));

  auto show = d.run({"connections", "show", "--integration", "crm", "--connection-id", "acme"});
  INFO(show.all());
  CHECK(show.exit_code == 0);
  CHECK_THAT(show.out, Contains("api_key"));
  CHECK_THAT(show.out, Contains("Ada Lovelace"));
  CHECK_THAT(show.out, Contains("https://acme.example"));
  CHECK_THAT(show.out, Contains("ok"));

  auto json =
      d.run({"connections", "show", "--integration", "crm", "--connection-id", "acme", "--json"});
  auto doc = Poco::JSON::Parser().parse(json.out).extract<Poco::JSON::Object::Ptr>();
  CHECK(doc->getValue<std::string>("status") == "ok");
  CHECK(doc->getArray("credential_fields")->getElement<std::string>(0) == "api_key");

  auto list = d.run({"connections", "list"});
  CHECK_THAT(list.out, Contains("acme"));

  for (const auto& output : {created.all(), show.all(), json.all(), list.all()})
    CHECK(output.find(secret) == std::string::npos);
  CHECK(d.database_bytes().find(secret) == std::string::npos);
  CHECK(d.database_bytes().find("acme.example") != std::string::npos); // metadata is not secret
}

TEST_CASE("OAuth2 tokens and basic credentials come from stdin line by line", "[cli][store]") {
  Deployment d;
  auto oauth = d.run({"connections", "create", "--integration", "calendar", "--connection-id",
                      "u42", "--access-token", "-", "--refresh-token", "-", "--expires-in", "3600"},
                     "ya29.CANARY_ACCESS\n1//CANARY_REFRESH\n");
  INFO(oauth.all());
  REQUIRE(oauth.exit_code == 0);
  auto basic = d.run(
      {"connections", "create", "--integration", "jira", "--connection-id", "ops", "--basic", "-"},
      "bot@example.com:CANARY_PASSWORD\n");
  REQUIRE(basic.exit_code == 0);

  auto show = d.run({"connections", "show", "--integration", "calendar", "--connection-id", "u42"});
  CHECK_THAT(show.out, Contains("access_token, refresh_token, expires_at"));
  CHECK(show.all().find("CANARY") == std::string::npos);
  CHECK(d.database_bytes().find("CANARY") == std::string::npos);
}

TEST_CASE("connections create refuses credentials that do not fit the auth mode", "[cli][store]") {
  Deployment d;
  auto wrong = d.run(
      {"connections", "create", "--integration", "crm", "--connection-id", "a", "--bearer", "t"});
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.err, Contains("integration 'crm' uses auth mode API_KEY"));
  CHECK_THAT(wrong.err, Contains("give --api-key"));

  auto missing = d.run({"connections", "create", "--integration", "calendar", "--connection-id",
                        "a", "--refresh-token", "r"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Contains("--access-token"));

  auto unknown = d.run({"connections", "create", "--integration", "slack", "--connection-id", "a",
                        "--api-key", "k"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Contains("no integration 'slack'"));
  CHECK_THAT(unknown.err, Contains("crm"));

  auto empty_stdin = d.run(
      {"connections", "create", "--integration", "crm", "--connection-id", "a", "--api-key", "-"});
  CHECK(empty_stdin.exit_code == 2);
  CHECK_THAT(empty_stdin.err, Contains("stdin"));
}

TEST_CASE("a connection id is unique per integration, and delete frees it", "[cli][store]") {
  Deployment d;
  std::vector<std::string> create = {"connections",     "create", "--integration", "crm",
                                     "--connection-id", "acme",   "--api-key",     "k1"};
  REQUIRE(d.run(create).exit_code == 0);
  auto again = d.run(create);
  CHECK(again.exit_code == 1);
  CHECK_THAT(again.err, Contains("already exists"));

  CHECK(d.run({"connections", "delete", "--integration", "crm", "--connection-id", "acme"})
            .exit_code == 0);
  auto gone = d.run({"connections", "show", "--integration", "crm", "--connection-id", "acme"});
  CHECK(gone.exit_code == 1);
  CHECK(d.run(create).exit_code == 0);
}

TEST_CASE("keys create prints the key alone on its last line, and only there", "[cli][keys]") {
  Deployment d;
  auto created = d.run({"keys", "create", "--name", "ci", "--integrations", "crm,jira", "--tools",
                        "search,get", "--deny-tools", "delete"});
  INFO(created.all());
  REQUIRE(created.exit_code == 0);
  std::string key = last_line(created.out);
  CHECK(key.rfind("ahk_", 0) == 0);
  CHECK(key.find(' ') == std::string::npos);
  CHECK(key.size() >= 4 + 16 + 1 + 43);

  auto list = d.run({"keys", "list"});
  CHECK_THAT(list.out, Contains("ci"));
  CHECK_THAT(list.out, Contains("crm,jira"));
  CHECK_THAT(list.out, Contains("active"));
  CHECK(list.all().find(key) == std::string::npos);
  CHECK(list.all().find(key.substr(21)) == std::string::npos);
  CHECK(d.database_bytes().find(key.substr(21)) == std::string::npos);

  auto taken = d.run({"keys", "create", "--name", "ci"});
  CHECK(taken.exit_code == 1);
  CHECK_THAT(taken.err, Contains("already named 'ci'"));

  CHECK(d.run({"keys", "revoke", "--name", "ci"}).exit_code == 0);
  CHECK_THAT(d.run({"keys", "list"}).out, Contains("revoked"));
  CHECK(d.run({"keys", "revoke", "--name", "ci"}).exit_code == 1);
}

TEST_CASE("vault rotate re-encrypts under a new key, then prune drops the old one",
          "[cli][vault]") {
  Deployment d;
  auto key_file = d.dir.path() / "keys" / "master.key";
  // A key file the operator supplies: one base64 key ("openssl rand -base64 32").
  d.dir.write("keys/master.key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n");
  std::filesystem::permissions(key_file, std::filesystem::perms::owner_read |
                                             std::filesystem::perms::owner_write);
  auto with_key = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--key-file", key_file.string()});
    return args;
  };
  for (const char* id : {"a", "b", "c"})
    REQUIRE(d.run(with_key({"connections", "create", "--integration", "crm", "--connection-id", id,
                            "--api-key", std::string("key-") + id}))
                .exit_code == 0);
  auto before = d.run(with_key({"vault", "status"}));
  INFO(before.all());
  CHECK_THAT(before.out, Contains("seals and opens  3"));

  auto rotate = d.run(with_key({"vault", "rotate"}));
  INFO(rotate.all());
  CHECK(rotate.exit_code == 0);
  CHECK_THAT(rotate.out, Contains("re-encrypted 3 credential records"));
  auto during = d.run(with_key({"vault", "status"}));
  CHECK_THAT(during.out, Contains("seals and opens  3"));
  CHECK_THAT(during.out, Contains("opens            0"));

  auto prune = d.run(with_key({"vault", "prune"}));
  CHECK(prune.exit_code == 0);
  CHECK_THAT(prune.out, Contains("removed 1 old key"));
  auto after = d.run(with_key({"vault", "status"}));
  CHECK_THAT(after.out, Contains("seals and opens  3"));
  CHECK(after.out.find("opens            0") == std::string::npos);
  CHECK(after.all().find("key-a") == std::string::npos);
}

TEST_CASE("a wrong master key names the connection it cannot decrypt", "[cli][vault]") {
  Deployment d;
  d.env["ACTIONHOST_MASTER_KEY"] = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  REQUIRE(d.run({"connections", "create", "--integration", "crm", "--connection-id", "acme",
                 "--api-key", "k"})
              .exit_code == 0);
  d.env["ACTIONHOST_MASTER_KEY"] = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
  auto rotate = d.run({"vault", "rotate", "--no-new-key"});
  CHECK(rotate.exit_code == 1);
  CHECK_THAT(rotate.err, Contains("connection 'acme' of integration 'crm'"));
  CHECK_THAT(rotate.err, Contains("not among the keys in ACTIONHOST_MASTER_KEY"));
  auto status = d.run({"vault", "status"});
  CHECK(status.exit_code == 1);
  CHECK_THAT(status.out, Contains("MISSING from the ring"));
}

TEST_CASE("logs prints an empty log, checks its filters and purges", "[cli][logs]") {
  Deployment d;
  auto empty = d.run({"logs", "--json"});
  CHECK(empty.exit_code == 0);
  CHECK(Poco::JSON::Parser().parse(empty.out).extract<Poco::JSON::Array::Ptr>()->size() == 0);
  CHECK(d.run({"logs", "--since", "12h", "--integration", "crm", "--limit", "5"}).exit_code == 0);
  CHECK(d.run({"logs", "--since", "2026-01-01T00:00:00Z"}).exit_code == 0);
  auto bad = d.run({"logs", "--since", "yesterday"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("--since"));
  auto purge = d.run({"logs", "purge", "--older-than", "30d"});
  CHECK(purge.exit_code == 0);
  CHECK_THAT(purge.out, Contains("purged 0 executions"));
}

TEST_CASE("every database command has --help and exits 0", "[cli]") {
  Deployment d;
  for (std::vector<std::string> words : {std::vector<std::string>{"connections", "create"},
                                         {"connections", "list"},
                                         {"connections", "show"},
                                         {"connections", "delete"},
                                         {"keys", "create"},
                                         {"keys", "list"},
                                         {"keys", "revoke"},
                                         {"logs"},
                                         {"logs", "purge"},
                                         {"vault", "status"},
                                         {"vault", "rotate"},
                                         {"vault", "prune"}}) {
    words.push_back("--help");
    auto help = d.run_raw(words);
    INFO(words[0] << " " << words[1]);
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Contains("--data-dir"));
  }
  auto group = d.run_raw({"connections"});
  CHECK(group.exit_code == 2);
  CHECK_THAT(group.err, Contains("create"));
}
