// A plugin author's loop, through the real binary: run an action with `actionhost dryrun` against
// a fake provider using a connection made with the CLI, freeze the call as a fixture, stop the
// provider, replay the fixture and test a folder of fixtures. Secrets stay out of everything
// printed and saved, and a staged action runs here while MCP clients never see it.
#include "fake_provider.hpp"
#include "keyed_host.hpp"
#include "mcp_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace actionhost::testing;
using namespace actionhost::testing::mcp;
using actionhost::fakes::FakeProvider;
using actionhost::fakes::Reply;
using actionhost::fakes::Request;
using Catch::Matchers::Contains;

namespace {

const std::string kApiKey = "sk_DEVLOOP_canary_31c7";
const std::string kSessionToken = "st_DEVLOOP_canary_88e1";

std::string devloop_plugin() {
  return (plugin_dir().parent_path() / "tests" / "plugins" / "devloop.so").string();
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path) << text;
}

// `text` with the last occurrence of `from` replaced.
std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.rfind(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A provider of items that wants its API key in X-Api-Key, and says when it answered.
std::unique_ptr<FakeProvider> items_provider() {
  auto fake = std::make_unique<FakeProvider>();
  auto answers = std::make_shared<std::atomic<int>>(0);
  auto authorized = [](const Request& r) { return r.header("X-Api-Key") == kApiKey; };
  fake->on("GET", "/items", [=](const Request& r) {
    if (!authorized(r))
      return Reply::json(R"({"error":"bad key"})", 401);
    return Reply::json(R"({"items":[{"id":"1","name":"first"},{"id":"2","name":"second"}],)"
                       R"("fetched_at":"2026-01-01T00:00:0)" +
                       std::to_string(++*answers % 10) + R"(Z"})");
  });
  fake->on("POST", "/items", [=](const Request& r) {
    if (!authorized(r))
      return Reply::json(R"({"error":"bad key"})", 401);
    auto name = json(r.body)->getValue<std::string>("name");
    return Reply::json(R"({"id":"3","name":")" + name + R"("})", 201);
  });
  fake->on("GET", "/me", [=](const Request& r) {
    if (!authorized(r))
      return Reply::json(R"({"error":"bad key"})", 401);
    return Reply::json(R"({"user":"ada","session_token":")" + kSessionToken + R"("})");
  });
  return fake;
}

// integrations.yaml with the devloop plugin: two exposed actions and a staged one, and `extra`
// lines of the integration's block.
std::string integrations(const std::string& base_url, const std::string& extra = "") {
  return "  items:\n    plugin: " + devloop_plugin() +
         "\n    auth: { mode: API_KEY, headers: { X-Api-Key: '${apiKey}' } }\n"
         "    proxy: { base_url: '" +
         base_url + "' }\n    actions: [list-items, create-item]\n    staged: [whoami]\n" + extra;
}

std::vector<std::string> tool_names(const HttpReply& reply) {
  std::vector<std::string> names;
  auto result = response_to(reply, "")->getObject("result");
  REQUIRE(result);
  auto tools = result->getArray("tools");
  for (size_t i = 0; i < tools->size(); ++i)
    names.push_back(tools->getObject(static_cast<unsigned>(i))->getValue<std::string>("name"));
  return names;
}

void no_secret(const std::string& text) {
  CHECK(text.find(kApiKey) == std::string::npos);
  CHECK(text.find(kSessionToken) == std::string::npos);
}

} // namespace

TEST_CASE("devloop: dryrun through a real connection, save fixtures, then replay and test them "
          "with the provider stopped",
          "[integration][devloop]") {
  auto fake = items_provider();
  KeyedHost deployment(integrations(fake->url()));
  deployment.create_connection("items", "c1", {"--api-key", "-"}, kApiKey + "\n");
  auto fixtures = deployment.data_dir().parent_path() / "fixtures";
  std::filesystem::create_directories(fixtures);
  auto list = (fixtures / "list.json").string();

  auto run =
      deployment.cli({"dryrun", "--integration", "items", "--action", "list-items", "--connection",
                      "c1", "--input", R"({"limit":2,"tag":"red"})", "--save", list});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("input: valid"));
  CHECK_THAT(run.out, Contains("#1 GET /items?limit=2&tag=red -> 200 ("));
  CHECK_THAT(run.out, Contains("\"name\": \"first\""));
  CHECK_THAT(run.out, Contains("output: valid against the output schema"));
  CHECK_THAT(run.out, Contains("saved " + list + " (1 exchange)\n"));
  no_secret(run.out + run.err);
  // The provider got the connection's key: the dry run used the real proxy and credentials.
  REQUIRE(fake->requests().size() == 1);
  CHECK(fake->requests()[0].header("X-Api-Key") == kApiKey);

  auto body = deployment.data_dir().parent_path() / "create.json";
  write(body, R"({"name":"third"})");
  run = deployment.cli({"dryrun", "--integration", "items", "--action", "create-item",
                        "--connection", "c1", "--input", "@" + body.string(), "--save",
                        (fixtures / "create.json").string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("#1 POST /items -> 201 ("));
  CHECK_THAT(run.out, Contains("> {"));

  std::string saved = read(list);
  CHECK_THAT(saved, Contains("\"fixture\": 1"));
  CHECK_THAT(saved, Contains("\"action\": \"list-items\""));
  CHECK_THAT(saved, Contains("\"tag\": \"red\""));
  no_secret(saved);

  fake.reset(); // no provider from here on

  run = deployment.cli({"dryrun", "--replay", list});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("replaying " + list + " (1 recorded exchange, no network)"));
  CHECK_THAT(run.out,
             Contains("replay: every request matched a recording and the output is as recorded"));

  run = deployment.cli({"test", fixtures.string()});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("PASS create.json (items/create-item)"));
  CHECK_THAT(run.out, Contains("PASS list.json (items/list-items)"));
  CHECK_THAT(run.out, Contains("2 fixtures: 2 passed, 0 failed"));

  run = deployment.cli({"test", list});
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("1 fixture: 1 passed, 0 failed"));
  run = deployment.cli({"test", (fixtures / "none").string()});
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Contains("is neither a folder nor a file"));
}

TEST_CASE("devloop: a replayed request with no recording fails with a diff against the closest "
          "one, and test reports output differences by path unless ignored",
          "[integration][devloop]") {
  auto fake = items_provider();
  KeyedHost deployment(integrations(fake->url()));
  deployment.create_connection("items", "c1", {"--api-key", "-"}, kApiKey + "\n");
  auto fixtures = deployment.data_dir().parent_path() / "fixtures";
  std::filesystem::create_directories(fixtures);
  auto list = fixtures / "list.json";
  REQUIRE(deployment
              .cli({"dryrun", "--integration", "items", "--action", "list-items", "--connection",
                    "c1", "--input", R"({"limit":2,"tag":"red"})", "--save", list.string()})
              .exit_code == 0);
  fake.reset();

  auto run = deployment.cli({"dryrun", "--replay", list.string(), "--input", R"({"limit":3})"});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.out, Contains("#1 GET /items?limit=3 -> unavailable ("));
  CHECK_THAT(run.out, Contains("  ! no recorded exchange matches GET /items?limit=3\n"
                               "  ! closest recorded request (exchange 0): GET "
                               "/items?limit=2&tag=red\n"
                               "  !   query limit: recorded \"2\", got \"3\"\n"
                               "  !   query tag: recorded \"red\", missing\n"));
  CHECK_THAT(run.out, Contains("replay: 2 problems"));
  CHECK_THAT(run.out, Contains("recorded exchange 0 (GET /items) was never requested"));

  // The provider's recorded answer changes: test names the output path that differs...
  write(list, replace(read(list), "\"fetched_at\": \"2026-01-01T00:00:01Z\"",
                      "\"fetched_at\": \"2026-02-02T00:00:00Z\""));
  run = deployment.cli({"test", fixtures.string()});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.out, Contains("FAIL list.json (items/list-items)"));
  CHECK_THAT(run.out, Contains("  output /structuredContent/fetched_at: expected "
                               "\"2026-01-01T00:00:01Z\", got \"2026-02-02T00:00:00Z\""));
  CHECK_THAT(run.out, Contains("1 fixture: 0 passed, 1 failed"));
  // ...until the fixture ignores it.
  write(list,
        replace(read(list), "\"ignore\": []", "\"ignore\": [\"/structuredContent/fetched_at\"]"));
  run = deployment.cli({"test", fixtures.string()});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("PASS list.json"));

  // A broken fixture fails, naming the file and the field; the others still run.
  write(fixtures / "broken.json", R"({"fixture":1,"action":"list-items","exchanges":[{}]})");
  run = deployment.cli({"test", fixtures.string()});
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.out, Contains("FAIL broken.json"));
  CHECK_THAT(run.out, Contains(": exchanges[0].request: missing"));
  CHECK_THAT(run.out, Contains("2 fixtures: 1 passed, 1 failed"));
}

TEST_CASE("devloop: a staged action runs in dryrun, secrets redacted, but MCP clients neither "
          "list nor call it",
          "[integration][devloop]") {
  auto fake = items_provider();
  KeyedHost deployment(integrations(fake->url()));
  deployment.create_connection("items", "c1", {"--api-key", "-"}, kApiKey + "\n");
  auto who = deployment.data_dir().parent_path() / "who.json";

  auto run = deployment.cli({"dryrun", "--integration", "items", "--action", "whoami",
                             "--connection", "c1", "--save", who.string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("staged: not listed over MCP"));
  CHECK_THAT(run.out, Contains("\"user\": \"ada\""));
  CHECK_THAT(run.out, Contains("\"session_token\": \"[redacted]\""));
  no_secret(run.out + run.err);
  std::string saved = read(who);
  CHECK_THAT(saved, Contains("\"session_token\": \"[redacted]\""));
  no_secret(saved);

  // A field the author marks sensitive stays redacted when the fixture is recorded again.
  run = deployment.cli({"dryrun", "--integration", "items", "--action", "whoami", "--connection",
                        "c1", "--redact", "user", "--save", who.string()});
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("\"user\": \"[redacted]\""));
  run = deployment.cli({"dryrun", "--integration", "items", "--action", "whoami", "--connection",
                        "c1", "--save", who.string()});
  REQUIRE(run.exit_code == 0);
  saved = read(who);
  CHECK_THAT(saved, Contains("\"redact\": [\n    \"user\"\n  ]"));
  CHECK(saved.find("ada") == std::string::npos);

  std::string key = deployment.create_key("devloop");
  auto& host = deployment.start();
  Headers auth{{"Authorization", "Bearer " + key}, {"connection-id", "c1"}};
  auto names = tool_names(stateless(host.port(), "tools/list", "{}", "{}", "/mcp/items", auth));
  CHECK(names == std::vector<std::string>{"list-items", "create-item"});
  auto call =
      response_to(stateless(host.port(), "tools/call", R"({"name":"whoami","arguments":{}})", "{}",
                            "/mcp/items", auth),
                  "");
  REQUIRE(call->has("error"));
  CHECK(call->getObject("error")->getValue<std::string>("message") == "Unknown tool 'whoami'");
  CHECK(fake->count("/me") == 3); // only the dry runs reached the provider
}

TEST_CASE("devloop: --plugin runs a plugin integrations.yaml does not list, and bad command "
          "lines are refused with usage",
          "[integration][devloop]") {
  auto fake = items_provider();
  KeyedHost deployment(integrations(fake->url()));
  deployment.create_connection("items", "c1", {"--api-key", "-"}, kApiKey + "\n");
  auto fixtures = deployment.data_dir().parent_path() / "fixtures";
  std::filesystem::create_directories(fixtures);
  REQUIRE(deployment
              .cli({"dryrun", "--integration", "items", "--action", "list-items", "--connection",
                    "c1", "--save", (fixtures / "list.json").string()})
              .exit_code == 0);
  fake.reset();

  // Another configuration that knows nothing of the plugin.
  auto other = deployment.data_dir().parent_path() / "other.yaml";
  write(other, "integrations:\n  notes:\n    plugin: " + (plugin_dir() / "sample.so").string() +
                   "\n    access: open\n");
  auto run = run_actionhost({"test", fixtures.string(), "--config", other.string()});
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.output, Contains("integration 'items' is not in " + other.string() +
                                  " (add it there, or run a plugin it does not list yet with "
                                  "--plugin PATH.so)"));
  run = run_actionhost(
      {"test", fixtures.string(), "--config", other.string(), "--plugin", devloop_plugin()});
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("1 fixture: 1 passed, 0 failed"));
  run = run_actionhost({"dryrun", "--config", other.string(), "--plugin", devloop_plugin(),
                        "--integration", "fresh", "--action", "list-items", "--replay",
                        (fixtures / "list.json").string()});
  INFO(run.output);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.output, Contains("action list-items of integration 'fresh' (plugin devloop "
                                  "1.0.0), staged: not listed over MCP"));

  auto cli = deployment.cli(
      {"dryrun", "--integration", "items", "--action", "list-items", "--frobnicate"});
  CHECK(cli.exit_code == 2);
  CHECK_THAT(cli.err, Contains("usage: actionhost dryrun"));
  cli = deployment.cli({"dryrun", "--integration", "items", "--action", "list-items"});
  CHECK(cli.exit_code == 1);
  CHECK_THAT(cli.err, Contains("--connection is required: integration 'items' authenticates "
                               "with API_KEY"));
  cli = deployment.cli(
      {"dryrun", "--integration", "items", "--action", "list-items", "--connection", "nobody"});
  CHECK(cli.exit_code == 1);
  CHECK_THAT(cli.err, Contains("integration 'items' has no connection 'nobody'"));
  cli = deployment.cli({"dryrun", "--integration", "items", "--action", "list-items",
                        "--connection", "c1", "--input", R"({"limit":500})"});
  CHECK(cli.exit_code == 1);
  CHECK_THAT(cli.out, Contains("input: does not match the input schema"));
  CHECK_THAT(cli.out, Contains("/limit"));
  cli = deployment.cli({"dryrun", "--integration", "items", "--action", "list-items",
                        "--connection", "c1", "--input", "{nope"});
  CHECK(cli.exit_code == 2);
  CHECK_THAT(cli.err, Contains("--input: not valid JSON"));
  cli = deployment.cli(
      {"dryrun", "--integration", "items", "--action", "nope", "--connection", "c1"});
  CHECK(cli.exit_code == 1);
  CHECK_THAT(cli.err, Contains("plugin 'devloop' has no action 'nope' (it has: list-items, "
                               "create-item, whoami)"));
  cli = deployment.cli({"test"});
  CHECK(cli.exit_code == 2);
}

TEST_CASE("devloop: the connection's metadata is saved with the fixture and seen again on replay",
          "[integration][devloop]") {
  auto fake = items_provider();
  KeyedHost deployment(integrations(fake->url()));
  deployment.create_connection(
      "items", "eu", {"--api-key", "-", "--metadata", R"({"region":"eu"})"}, kApiKey + "\n");
  auto list = deployment.data_dir().parent_path() / "list.json";
  auto run = deployment.cli({"dryrun", "--integration", "items", "--action", "list-items",
                             "--connection", "eu", "--save", list.string()});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("#1 GET /items?limit=10&region=eu -> 200"));
  CHECK_THAT(read(list), Contains("\"metadata\": {\n    \"region\": \"eu\"\n  }"));
  fake.reset();
  run = deployment.cli({"dryrun", "--replay", list.string()});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("#1 GET /items?limit=10&region=eu -> 200"));
}

TEST_CASE("devloop: fields integrations.yaml marks to redact never appear in dryrun's output or a "
          "saved fixture",
          "[integration][devloop]") {
  auto fake = items_provider();
  // "user" and "name" look harmless, but this provider's users are people: redact them.
  KeyedHost deployment(integrations(fake->url(), "    redact: [user, Name]\n"));
  deployment.create_connection("items", "c1", {"--api-key", "-"}, kApiKey + "\n");
  auto dir = deployment.data_dir().parent_path();
  auto who = (dir / "who.json").string();

  auto run = deployment.cli({"dryrun", "--integration", "items", "--action", "whoami",
                             "--connection", "c1", "--save", who});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("<   \"user\": \"[redacted]\"")); // the provider's answer
  CHECK_THAT(run.out.substr(run.out.find("\noutput")), Contains("\"user\": \"[redacted]\""));
  CHECK(run.out.find("ada") == std::string::npos);
  no_secret(run.out + run.err);
  std::string saved = read(who);
  CHECK(saved.find("ada") == std::string::npos);
  CHECK_THAT(saved, Contains("\"user\": \"[redacted]\""));
  // The list stays in integrations.yaml: the fixture's own list is the author's, still empty.
  CHECK_THAT(saved, Contains("\"redact\": []"));

  // In a request body and in the input too, whatever the case of the field's name.
  auto create = (dir / "create.json").string();
  run =
      deployment.cli({"dryrun", "--integration", "items", "--action", "create-item", "--connection",
                      "c1", "--input", R"({"name":"Grace Hopper"})", "--save", create});
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("#1 POST /items -> 201 ("));
  CHECK(run.out.find("Grace") == std::string::npos);
  saved = read(create);
  CHECK(saved.find("Grace") == std::string::npos);
  CHECK_THAT(saved, Contains("\"name\": \"[redacted]\""));
  REQUIRE(fake->requests().size() == 2);
  CHECK_THAT(fake->requests()[1].body, Contains("Grace Hopper")); // the provider got the real one

  // A redacted recording still replays: a recorded [redacted] matches whatever is sent.
  fake.reset();
  run = deployment.cli({"dryrun", "--replay", create});
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("replay: every request matched a recording"));
  CHECK(run.out.find("Grace") == std::string::npos);
}
