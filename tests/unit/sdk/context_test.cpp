// ah::Context inside an action: the proxy's HTTP client, logging, progress, cancellation,
// questions for the client, and what the request says about its caller.
#include "fake_host.hpp"
#include "json_text.hpp"

#include <catch2/catch.hpp>

namespace {

// Each test registers the action it needs as a lambda over the context.
using Body = std::function<ah::ToolResult(ah::Context&)>;
thread_local Body current_body;

void register_probe(ah::Plugin& plugin) {
  plugin.action("probe", [](ah::Context& ctx, const ah::None&) { return current_body(ctx); })
      .open_world();
}

struct Probe {
  explicit Probe(Body body) {
    current_body = std::move(body);
    REQUIRE(host.init(&ah::init_plugin<&register_probe>) == AH_OK);
  }
  ah_status run() { return host.invoke("probe", "{}", call); }
  FakeHost host;
  ah_call call;
};

ah::ToolResult done() {
  return ah::ToolResult().text("done");
}

} // namespace

TEST_CASE("context: proxy().get sends path, query and headers, and copies the response") {
  ah::Response seen;
  Probe p([&](ah::Context& ctx) {
    seen = ctx.proxy().get("/v1/events", {{"limit", "10"}, {"q", "a b"}}, {{"Accept", "x/y"}});
    return done();
  });
  p.call.http = [](const SentRequest&) {
    return ah_call::HttpAnswer{AH_OK, 200, {{"X-Rate", "5"}}, R"({"items":[]})", {}};
  };
  REQUIRE(p.run() == AH_OK);
  REQUIRE(p.call.requests.size() == 1);
  const SentRequest& r = p.call.requests[0];
  CHECK(r.method == "GET");
  CHECK(r.url == "/v1/events");
  CHECK(r.query == ah::Pairs{{"limit", "10"}, {"q", "a b"}});
  CHECK(r.headers == ah::Pairs{{"Accept", "x/y"}});
  CHECK(r.body.empty());
  CHECK(seen.status == 200);
  CHECK(seen.ok());
  CHECK(seen.header("x-rate") == "5"); // header names compare case-insensitively
  CHECK(seen.body == R"({"items":[]})");
  CHECK(p.call.releases == 1); // host memory is released as soon as it is copied
}

TEST_CASE("context: JSON bodies carry their Content-Type, raw bodies theirs") {
  Probe p([](ah::Context& ctx) {
    auto http = ctx.proxy();
    http.post("/a", ah::json::parse_object(R"({"x": 1})"));
    http.put("/b", ah::Body::raw("k=v", "application/x-www-form-urlencoded"));
    http.patch("/c", ah::Body::json(std::map<std::string, int>{{"n", 2}}), {},
               {{"content-type", "application/merge-patch+json"}});
    http.del("/d");
    return done();
  });
  REQUIRE(p.run() == AH_OK);
  const auto& r = p.call.requests;
  REQUIRE(r.size() == 4);
  CHECK(r[0].method == "POST");
  CHECK(r[0].body == R"({"x":1})");
  CHECK(r[0].headers == ah::Pairs{{"Content-Type", "application/json"}});
  CHECK(r[1].method == "PUT");
  CHECK(r[1].body == "k=v");
  CHECK(r[1].headers == ah::Pairs{{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(r[2].method == "PATCH");
  CHECK(r[2].body == R"({"n":2})");
  CHECK(r[2].headers == ah::Pairs{{"content-type", "application/merge-patch+json"}});
  CHECK(r[3].method == "DELETE");
}

TEST_CASE("context: send() controls the deadline and retries") {
  Probe p([](ah::Context& ctx) {
    ah::Request req;
    req.method = "POST";
    req.path = "https://uploads.example.com/files";
    req.timeout = std::chrono::seconds(3);
    req.retry = false;
    ctx.proxy().send(req);
    return done();
  });
  REQUIRE(p.run() == AH_OK);
  CHECK(p.call.requests.at(0).timeout_ms == 3000);
  CHECK(p.call.requests.at(0).flags == AH_HTTP_NO_RETRY);
}

TEST_CASE("context: a transport failure throws ah::HttpError with the host's status") {
  Probe p([](ah::Context& ctx) {
    CHECK_THROWS_AS(ctx.proxy().get("/slow"), ah::HttpError);
    ctx.proxy().get("/slow"); // uncaught, it reaches the trampoline
    return done();
  });
  p.call.http = [](const SentRequest&) {
    return ah_call::HttpAnswer{AH_ERR_TIMEOUT, 0, {}, {}, "no answer within 30 s"};
  };
  CHECK(p.run() == AH_ERR_TIMEOUT);
  CHECK(p.call.errors == std::vector<std::string>{"GET /slow failed: no answer within 30 s"});
  CHECK(p.call.releases == 2);
}

TEST_CASE("context: responses parse as JSON, and expect_ok() turns HTTP errors into tool errors") {
  ah::Response r{404, {}, R"({"error":"no such channel"})", 1};
  CHECK_FALSE(r.ok());
  CHECK(r.json_object()->getValue<std::string>("error") == "no such channel");
  CHECK_THROWS_WITH(r.expect_ok(), R"(provider answered HTTP 404: {"error":"no such channel"})");
  try {
    ah::Response{200, {}, "<html>", 1}.json();
    FAIL("expected an HttpError");
  } catch (const ah::HttpError& e) {
    CHECK(e.status() == AH_ERR_UPSTREAM);
  }
  CHECK_THROWS_AS(ah::Response({200, {}, "[1]", 1}).json_object(), ah::HttpError);
}

TEST_CASE("context: log and progress reach the host with the call") {
  Probe p([](ah::Context& ctx) {
    ctx.log(ah::LogLevel::warning, "quota at 90%");
    ctx.progress(1, 4, "page 1");
    ctx.progress(2);
    return done();
  });
  REQUIRE(p.run() == AH_OK);
  CHECK(p.call.logs ==
        std::vector<std::pair<ah_log_level, std::string>>{{AH_LOG_WARNING, "quota at 90%"}});
  CHECK(p.call.progress ==
        std::vector<std::tuple<double, double, std::string>>{{1, 4, "page 1"}, {2, -1, ""}});
}

TEST_CASE("context: cancellation is visible, and progress stops a cancelled action") {
  bool seen = false;
  Probe p([&](ah::Context& ctx) {
    seen = ctx.cancelled();
    ctx.progress(1, 10);
    FAIL("progress should have thrown");
    return done();
  });
  p.call.cancelled = true;
  CHECK(p.run() == AH_ERR_CANCELLED);
  CHECK(seen);
  CHECK(p.call.errors == std::vector<std::string>{"cancelled"});
}

namespace {
enum class Team { red, blue };
struct Signup {
  std::string name;
  Team team = Team::red;
  static auto fields() {
    return std::tuple{ah::field("name", &Signup::name, "Your name"),
                      ah::field("team", &Signup::team)};
  }
};
} // namespace
template <> struct ah::enum_names<Team> {
  static constexpr ah::enumerator<Team> values[] = {{Team::red, "red"}, {Team::blue, "blue"}};
};

TEST_CASE("context: elicit<T> asks with T's form and decodes the answer") {
  std::optional<Signup> got;
  Probe p([&](ah::Context& ctx) {
    auto answer = ctx.elicit<Signup>("Who are you?", "signup");
    if (answer.accepted())
      got = answer.content;
    return done();
  });
  p.call.client = [](const ah_call::Question&) {
    return std::pair{AH_OK,
                     std::string(R"({"action":"accept","content":{"name":"Ada","team":"blue"}})")};
  };
  REQUIRE(p.run() == AH_OK);
  REQUIRE(p.call.client_requests.size() == 1);
  const auto& q = p.call.client_requests[0];
  CHECK(q.method == "elicitation/create");
  CHECK(q.key == "signup");
  CHECK(canonical(q.params) == canonical(R"({
    "message": "Who are you?",
    "requestedSchema": {
      "type": "object",
      "properties": {"name": {"type": "string", "description": "Your name"},
                     "team": {"type": "string", "enum": ["red", "blue"]}},
      "required": ["name", "team"]
    }})"));
  REQUIRE(got.has_value());
  CHECK(got->name == "Ada");
  CHECK(got->team == Team::blue);
}

TEST_CASE("context: a declined elicitation has no content, a malformed answer is a tool error") {
  Probe p([&](ah::Context& ctx) {
    auto answer = ctx.elicit<Signup>("Who are you?");
    CHECK(answer.action == ah::ElicitAction::decline);
    CHECK_FALSE(answer.accepted());
    ctx.elicit<Signup>("Again?");
    return done();
  });
  int asked = 0;
  p.call.client = [&](const ah_call::Question&) {
    return std::pair{AH_OK,
                     std::string(++asked == 1 ? R"({"action":"decline"})"
                                              : R"({"action":"accept","content":{"name":1}})")};
  };
  CHECK(p.run() == AH_ERR_TOOL);
  CHECK(p.call.errors ==
        std::vector<std::string>{"the user's answer does not fit the requested form: invalid "
                                 "arguments: name: expected string; team: required field missing"});
}

TEST_CASE("context: a deferred question makes the action return AH_ERR_INPUT_REQUIRED") {
  bool after = false;
  Probe p([&](ah::Context& ctx) {
    ctx.sample_text("Pick a colour");
    after = true;
    return done();
  });
  p.call.client = [](const ah_call::Question&) {
    return std::pair{AH_ERR_INPUT_REQUIRED, std::string()};
  };
  CHECK(p.run() == AH_ERR_INPUT_REQUIRED);
  CHECK_FALSE(after);
  CHECK(p.call.errors.empty());
}

TEST_CASE("context: several independent questions are asked before giving up (try_ forms)") {
  Probe p([](ah::Context& ctx) {
    auto name = ctx.try_elicit<Signup>("Who are you?", "who");
    auto roots = ctx.try_client_request("roots/list", nullptr, "roots");
    if (!name || !roots)
      throw ah::InputRequired{};
    return done();
  });
  p.call.client = [](const ah_call::Question&) {
    return std::pair{AH_ERR_INPUT_REQUIRED, std::string()};
  };
  CHECK(p.run() == AH_ERR_INPUT_REQUIRED);
  REQUIRE(p.call.client_requests.size() == 2);
  CHECK(p.call.client_requests[1].method == "roots/list");
  CHECK(p.call.client_requests[1].params == "{}");
}

TEST_CASE("context: an action that forgets a deferred question still returns INPUT_REQUIRED") {
  Probe p([](ah::Context& ctx) {
    ctx.try_elicit<Signup>("Who are you?");
    return done();
  });
  p.call.client = [](const ah_call::Question&) {
    return std::pair{AH_ERR_INPUT_REQUIRED, std::string()};
  };
  CHECK(p.run() == AH_ERR_INPUT_REQUIRED);
}

TEST_CASE("context: a client without the capability is AH_ERR_UNSUPPORTED") {
  Probe p([](ah::Context& ctx) { return ah::ToolResult().text(ctx.sample_text("hi")); });
  CHECK(p.run() == AH_ERR_UNSUPPORTED); // the fake client answers nothing
  CHECK(p.call.errors ==
        std::vector<std::string>{"the MCP client does not support sampling/createMessage"});
}

TEST_CASE("context: sample_text asks the client's model and returns its text") {
  Probe p([](ah::Context& ctx) { return ah::ToolResult().text(ctx.sample_text("2+2?", 50)); });
  p.call.client = [](const ah_call::Question& q) {
    CHECK(q.method == "sampling/createMessage");
    CHECK(canonical(q.params) == canonical(R"({"maxTokens": 50, "messages": [
            {"role": "user", "content": {"type": "text", "text": "2+2?"}}]})"));
    return std::pair{AH_OK, std::string(R"({"role":"assistant","model":"m",)"
                                        R"("content":{"type":"text","text":"4"}})")};
  };
  REQUIRE(p.run() == AH_OK);
  CHECK(p.call.content.at(0).text == "4");
}

TEST_CASE("context: the caller's connection, settings and execution") {
  Probe p([](ah::Context& ctx) {
    ah::Connection c = ctx.connection();
    CHECK(c.integration_key == "sample-int");
    CHECK(c.connection_id == "conn-1");
    CHECK(c.end_user_id == "user-9");
    CHECK(c.metadata->getValue<std::string>("team") == "blue");
    CHECK(ctx.settings()->getValue<std::string>("region") == "eu");
    CHECK(ctx.execution_id() == "exec-42");
    CHECK(ctx.name() == "probe");
    CHECK(ctx.deadline() == std::chrono::milliseconds(1500));
    CHECK(ctx.client_supports("elicitation"));
    CHECK_FALSE(ctx.client_supports("sampling"));
    return done();
  });
  p.host.invocation.deadline_ms = 1500;
  REQUIRE(p.run() == AH_OK);
}

TEST_CASE("context: capabilities read as empty from an older, smaller invocation") {
  Probe p([](ah::Context& ctx) {
    ah_invocation old = ctx.invocation();
    old.struct_size = offsetof(ah_invocation, client_capabilities_json);
    ah::Context older(&ctx.host(), ctx.call(), &old);
    CHECK(older.client_capabilities()->size() == 0);
    return done();
  });
  REQUIRE(p.run() == AH_OK);
}

TEST_CASE("context: notify tells the host what changed") {
  Probe p([](ah::Context& ctx) {
    ctx.notify(ah::Change::resource_updated, "sample://readme");
    ctx.notify(ah::Change::tools);
    return done();
  });
  REQUIRE(p.run() == AH_OK);
  CHECK(p.call.notifications ==
        std::vector<std::pair<ah_notify_kind, std::string>>{
            {AH_NOTIFY_RESOURCE_UPDATED, "sample://readme"}, {AH_NOTIFY_TOOLS_CHANGED, ""}});
}
