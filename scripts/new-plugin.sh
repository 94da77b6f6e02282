#!/usr/bin/env bash
# Creates a plugin project: one typed action that calls its provider through ctx.proxy(), a test
# that replays a recorded fixture with the test kit, and a CMakeLists that builds against an
# installed SDK (or in the ActionHost tree, under plugins/NAME).
#
# usage: scripts/new-plugin.sh NAME [--out DIR]
#   NAME       the plugin id: lower-case letters, digits, '_' and '-', starting with a letter
#   --out DIR  create the project in DIR (out of tree) instead of plugins/NAME
set -euo pipefail

usage() {
  echo "usage: $0 NAME [--out DIR]" >&2
  echo "  creates plugins/NAME (or DIR with --out): a plugin with one action, its test and fixture" >&2
  exit 2
}
die() {
  echo "new-plugin: $*" >&2
  exit 1
}

name="" out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
  --out)
    [[ $# -ge 2 && -n "$2" ]] || die "--out needs a directory"
    out="$2"
    shift 2
    ;;
  --out=*)
    out="${1#--out=}"
    [[ -n "$out" ]] || die "--out needs a directory"
    shift
    ;;
  -h | --help) usage ;;
  -*) die "unknown option '$1' (expected --out DIR)" ;;
  *)
    [[ -z "$name" ]] || die "one plugin name only (got '$name' and '$1')"
    name="$1"
    shift
    ;;
  esac
done
[[ -n "$name" ]] || usage

# The name becomes the plugin id, the .so file, a CMake target and a C++ namespace: keep it to
# what all four accept.
if [[ ! "$name" =~ ^[a-z][a-z0-9_-]*$ ]]; then
  die "'$name' is not a valid plugin name: use lower-case letters, digits, '_' and '-', starting" \
    "with a letter (e.g. 'github' or 'google-calendar')"
fi
[[ ${#name} -le 64 ]] || die "'$name' is too long: a plugin name has at most 64 characters"
case "$name" in
actionhost | actionhost_* | test | tests | all | install | clean | help)
  die "'$name' is reserved (it would clash with a build target); choose another name"
  ;;
esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${out:-$repo/plugins/$name}"
if [[ -e "$dir" ]] && [[ -n "$(ls -A "$dir" 2>/dev/null)" || ! -d "$dir" ]]; then
  die "${out:-plugins/$name} already exists and is not an empty folder; nothing was written"
fi
# In the tree, every plugin is a target of one build: refuse a name another target has.
if [[ -z "$out" ]] &&
  grep -rqsE "(add_actionhost_plugin|add_library|add_executable|add_custom_target)\(${name}[ )]" \
    --include=CMakeLists.txt "$repo/plugins" "$repo/tests" "$repo/host"; then
  die "a build target named '$name' already exists in this tree; choose another name"
fi

ns="${name//-/_}"
mkdir -p "$dir/src" "$dir/tests/fixtures"

# ---- CMakeLists.txt -----------------------------------------------------------------------------
cat >"$dir/CMakeLists.txt" <<EOF
# The ${name} plugin for ActionHost. Out of tree, against an installed SDK:
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=<actionhost install prefix>
#   cmake --build build && ctest --test-dir build
# Inside the ActionHost tree (plugins/${name}) it builds with everything else.
cmake_minimum_required(VERSION 3.22)
if(NOT TARGET ActionHost::plugin-api)
  project(${name} LANGUAGES CXX)
  set(CMAKE_CXX_STANDARD 20)
  set(CMAKE_CXX_STANDARD_REQUIRED ON)
  find_package(ActionHost REQUIRED)
  include(CTest)
endif()

add_actionhost_plugin(${name} SOURCES src/actions.cpp src/plugin.cpp)

# The tests load ${name}.so with the test kit and replay tests/fixtures/*.json.
if(BUILD_TESTING OR ACTIONHOST_BUILD_TESTS)
  find_package(Catch2 REQUIRED)
  include(Catch)
  add_executable(${name}_tests tests/main.cpp tests/${ns}_test.cpp)
  target_include_directories(${name}_tests PRIVATE src)
  target_link_libraries(${name}_tests PRIVATE ActionHost::testkit Catch2::Catch2)
  target_compile_definitions(${name}_tests PRIVATE
    PLUGIN_PATH="\$<TARGET_FILE:${name}>"
    FIXTURE_DIR="\${CMAKE_CURRENT_SOURCE_DIR}/tests/fixtures")
  add_dependencies(${name}_tests ${name})
  catch_discover_tests(${name}_tests TEST_PREFIX "${name}: ")
endif()
EOF

# ---- src/ -----------------------------------------------------------------------------------------
cat >"$dir/src/actions.hpp" <<EOF
// The plugin's actions and their input and output types. The tests include this header too, so
// they call the actions with these very structs.
#pragma once

#include <actionhost/plugin.hpp>

namespace ${ns} {

struct GetItemIn {
  std::string id;
  static auto fields() {
    return std::tuple{
        ah::field("id", &GetItemIn::id, "The item's id").min_length(1).pattern("^[A-Za-z0-9_-]+\$")};
  }
};

struct GetItemOut {
  std::string id;
  std::string name;
  static auto fields() {
    return std::tuple{ah::field("id", &GetItemOut::id, "The item's id"),
                      ah::field("name", &GetItemOut::name, "The item's name")};
  }
};

GetItemOut get_item(ah::Context& ctx, const GetItemIn& in);

} // namespace ${ns}
EOF

cat >"$dir/src/actions.cpp" <<EOF
#include "actions.hpp"

namespace ${ns} {

// GET /items/{id} on the provider. The host's proxy adds the connection's credentials and
// resolves the path against the integration's base URL; this code never sees a secret.
GetItemOut get_item(ah::Context& ctx, const GetItemIn& in) {
  ah::Response response = ctx.proxy().get("/items/" + in.id);
  if (response.status == 404)
    throw ah::ToolError("no item with id '" + in.id + "'");
  // Providers add fields over time: read the ones this action returns, ignore the rest.
  ah::JsonObject item = response.expect_ok().json_object();
  return {item->optValue<std::string>("id", in.id), item->optValue<std::string>("name", "")};
}

} // namespace ${ns}
EOF

cat >"$dir/src/plugin.cpp" <<EOF
#include "actions.hpp"

AH_PLUGIN("${name}", "0.1.0", "${name}", "Actions for ${name}") {
  plugin.action("get_item", ${ns}::get_item)
      .title("Get an item")
      .description("Fetches one item by its id")
      .read_only()
      .open_world();
}
EOF

# ---- tests/ ---------------------------------------------------------------------------------------
cat >"$dir/tests/main.cpp" <<'EOF'
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
EOF

cat >"$dir/tests/${ns}_test.cpp" <<EOF
// get_item, tested without a server or a network: once against a recorded exchange (replace the
// fixture with your own: actionhost dryrun ... --save tests/fixtures/get_item.json), once
// against a handler written here.
#include "actions.hpp"

#include <actionhost/testkit.hpp>
#include <actionhost/testkit/catch2.hpp>

using namespace ah::testkit;
using ${ns}::GetItemIn;
using ${ns}::GetItemOut;

TEST_CASE("get_item returns what the provider recorded in the fixture") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Fixture fixture(FIXTURE_DIR "/get_item.json");

  auto result = plugin.replay<GetItemOut>(fixture);

  REQUIRE_THAT(result, MatchesFixture(fixture));
  CHECK(result->name == "Widget");
}

TEST_CASE("get_item says which item does not exist") {
  LoadedPlugin plugin(PLUGIN_PATH);
  Provider provider;
  provider.on("GET", "/items/nope", ProviderResponse::json(R"({"error": "not found"})", 404));

  auto result = plugin.call<GetItemOut>("get_item", GetItemIn{"nope"}, provider);

  CHECK_THAT(result, FailsWith(AH_ERR_TOOL, "no item with id 'nope'"));
  CHECK(provider.requests().size() == 1);
}
EOF

# A recorded call of get_item, as `actionhost dryrun ... --save` writes it.
cat >"$dir/tests/fixtures/get_item.json" <<EOF
{
  "fixture": 1,
  "integration": "${name}",
  "action": "get_item",
  "input": {
    "id": "42"
  },
  "output": {
    "structuredContent": {
      "id": "42",
      "name": "Widget"
    },
    "content": [
      {
        "text": "{\\"id\\":\\"42\\",\\"name\\":\\"Widget\\"}",
        "type": "text"
      }
    ]
  },
  "ignore": [],
  "exchanges": [
    {
      "request": {
        "method": "GET",
        "path": "/items/42"
      },
      "response": {
        "status": 200,
        "headers": {
          "Content-Type": "application/json"
        },
        "body": {
          "id": "42",
          "name": "Widget",
          "created_at": "2024-05-01T09:30:00Z"
        }
      },
      "duration_ms": 3
    }
  ]
}
EOF

cat >"$dir/README.md" <<EOF
# ${name}

An ActionHost plugin. \`src/actions.hpp\` declares the actions' input and output types,
\`src/actions.cpp\` implements them, \`src/plugin.cpp\` registers them.

    cmake -S . -B build -DCMAKE_PREFIX_PATH=<actionhost install prefix>
    cmake --build build
    ctest --test-dir build --output-on-failure

The walk-through from here to an action served over MCP is the ActionHost repository's
docs/writing-plugins.md.
EOF

where="$dir"
[[ -z "$out" ]] && where="plugins/$name"
echo "created $where: plugin '$name' with the action get_item, its test and a fixture"
if [[ -z "$out" ]]; then
  echo "build it with the tree: cmake --build build --target $name ${name}_tests"
else
  echo "build it: cmake -S $where -B $where/build -DCMAKE_PREFIX_PATH=<actionhost install prefix>"
  echo "          cmake --build $where/build && ctest --test-dir $where/build"
fi
