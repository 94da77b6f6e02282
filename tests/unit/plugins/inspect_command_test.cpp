// `actionhost inspect`, run in-process: exit codes and what it prints on each stream.
#include "commands.hpp"
#include "fixtures.hpp"

#include "schema.hpp"

#include <iostream>
#include <sstream>

using Catch::Matchers::Contains;

namespace {
struct Run {
  int exit_code = -1;
  std::string out, err;
};

Run inspect(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  Run run;
  try {
    run.exit_code = actionhost::cli::inspect_command(args);
  } catch (...) {
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    throw;
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  run.out = out.str();
  run.err = err.str();
  return run;
}
} // namespace

TEST_CASE("inspect prints a loaded plugin's actions, schemas and the rest") {
  auto run = inspect({fixtures::path("good_minimal")});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Contains("plugin       good_minimal - Good minimal"));
  CHECK_THAT(run.out, Contains("version      1.0.0"));
  CHECK_THAT(run.out, Contains("ABI          1.0"));
  CHECK_THAT(run.out, Contains("sha256       " + actionhost::plugins::sha256_of_file(
                                                     fixtures::path("good_minimal"))));
  CHECK_THAT(run.out, Contains("actions (7)"));
  CHECK_THAT(run.out, Contains("  echo - Echo\n    Returns its arguments."));
  CHECK_THAT(run.out, Contains("annotations: readOnlyHint=true, destructiveHint=false"));
  CHECK_THAT(run.out, Contains("scopes: things:read"));
  CHECK_THAT(run.out, Contains("input schema:"));
  CHECK_THAT(run.out, Contains("output schema:"));
  CHECK_THAT(run.out, Contains("runs one call at a time"));
  CHECK_THAT(run.out, Contains("good://readme  readme  (text/plain)"));
  CHECK_THAT(run.out, Contains("good://items/{id}  item"));
  CHECK_THAT(run.out, Contains("argument who (required)"));
  CHECK_THAT(run.out, Contains("tasks: optional"));
}

TEST_CASE("inspect --json prints one JSON document") {
  auto run = inspect({"--json", fixtures::path("good_minimal")});
  CHECK(run.exit_code == 0);
  auto doc = actionhost::schema::parse_json_object(run.out);
  CHECK(doc->getValue<std::string>("id") == "good_minimal");
  CHECK(doc->getValue<std::string>("abi") == "1.0");
  CHECK(doc->getValue<std::string>("sha256").size() == 64);
  auto actions = doc->getArray("actions");
  REQUIRE(actions->size() == 7);
  auto echo = actions->getObject(0);
  CHECK(echo->getValue<std::string>("name") == "echo");
  CHECK(echo->getObject("inputSchema")->getValue<std::string>("type") == "object");
  CHECK(echo->getArray("scopes")->getElement<std::string>(0) == "things:read");
  CHECK(echo->getValue<std::string>("taskSupport") == "forbidden");
  CHECK(actions->getObject(1)->getValue<std::string>("taskSupport") == "optional");
  CHECK(doc->getArray("resources")->size() == 1);
  CHECK(doc->getArray("resourceTemplates")->size() == 1);
  CHECK(doc->getArray("prompts")->size() == 1);
}

TEST_CASE("inspect exits 1 with the refusal on stderr") {
  auto run = inspect({fixtures::path("duplicate_action")});
  CHECK(run.exit_code == 1);
  CHECK(run.out.empty());
  CHECK(run.err == "actionhost inspect: " + fixtures::path("duplicate_action") +
                       ": plugin 'duplicate_action': action 'list_items' is registered twice\n");
  CHECK(inspect({"--sha256", std::string(64, 'f'), fixtures::path("good_minimal")}).exit_code == 1);
}

TEST_CASE("inspect exits 2 on usage errors") {
  CHECK(inspect({}).exit_code == 2);
  CHECK(inspect({"a.so", "b.so"}).exit_code == 2);
  CHECK(inspect({"--bogus", "a.so"}).exit_code == 2);
  CHECK(inspect({"--help"}).exit_code == 0);
}
