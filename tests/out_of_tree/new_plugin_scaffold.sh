#!/usr/bin/env bash
# scripts/new-plugin.sh end to end: installs the SDK from the build tree into a temporary prefix,
# generates a plugin project out of tree, builds it against the installed SDK and runs its
# ctest (a fixture replay and a handler test through the installed test kit). Then checks that
# the replay test fails when the recording disagrees, and that bad names are refused.
# usage: new_plugin_scaffold.sh <actionhost build dir>
set -euo pipefail
build_dir="$(cd "$1" && pwd)"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*"
  exit 1
}

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
"$repo/scripts/new-plugin.sh" acme-store --out "$work/acme-store"
project="$work/acme-store"
for file in CMakeLists.txt src/actions.hpp src/actions.cpp src/plugin.cpp tests/main.cpp \
  tests/acme_store_test.cpp tests/fixtures/get_item.json README.md; do
  [[ -f "$project/$file" ]] || fail "the scaffold lacks $file"
done

cmake -S "$project" -B "$project/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$project/build" -j2 >/dev/null
out="$(ctest --test-dir "$project/build" --output-on-failure 2>&1)" || {
  echo "$out"
  fail "the scaffold's tests fail straight away"
}
echo "$out" | tail -4
grep -q "100% tests passed, 0 tests failed out of 2" <<<"$out" || fail "expected 2 passing tests"

# The installed actionhost loads the plugin and sees its action.
inspect="$("$work/prefix/bin/actionhost" inspect "$project/build/acme-store.so")"
grep -qF "get_item" <<<"$inspect" || fail "actionhost inspect does not show get_item: $inspect"

# The replay test compares with the recording: a recording that disagrees makes it fail.
sed -i 's/"name": "Widget",/"name": "Gadget",/' "$project/tests/fixtures/get_item.json"
if out="$("$project/build/acme-store_tests" 2>&1)"; then
  fail "the replay test passed against a recording whose provider body changed"
fi
grep -qF '/structuredContent/name: expected "Widget", got "Gadget"' <<<"$out" ||
  fail "the failing replay does not show the difference: $out"

# In the tree (no --out): plugins/NAME, picked up by the tree's plugins/CMakeLists.txt and built
# with the tree's targets. Configuring and building a copy of the whole repository would cost
# minutes, so this runs in a stand-in tree instead: the script and the real plugins/CMakeLists.txt
# (the glob that adds every plugin folder) copied to a temporary folder, under a root CMakeLists
# that does what the real one does before plugins/: C++20, ACTIONHOST_PLUGIN_OUTPUT_DIR, -Wall
# -Wextra, enable_testing() without include(CTest) (so ACTIONHOST_BUILD_TESTS alone turns the
# plugin's tests on), and ActionHost::plugin-api, ActionHost::testkit and add_actionhost_plugin
# already defined (here from the installed SDK; in the tree by plugin-api/, host/ and cmake/).
tree="$work/tree"
mkdir -p "$tree/scripts" "$tree/plugins"
cp "$repo/scripts/new-plugin.sh" "$tree/scripts/"
cp "$repo/plugins/CMakeLists.txt" "$tree/plugins/"
cat >"$tree/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.22)
project(ActionHost LANGUAGES C CXX)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(ACTIONHOST_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
option(ACTIONHOST_BUILD_TESTS "Build the test suite" ON)
add_compile_options(-Wall -Wextra)
enable_testing()
find_package(ActionHost REQUIRED)
add_subdirectory(plugins)
EOF
created="$("$tree/scripts/new-plugin.sh" acme-tree)"
grep -qF "created plugins/acme-tree: plugin 'acme-tree'" <<<"$created" ||
  fail "the in-tree run does not say what it created: $created"
grep -qF "cmake --build build --target acme-tree acme-tree_tests" <<<"$created" ||
  fail "the in-tree run does not say how to build it: $created"
[[ -f "$tree/plugins/acme-tree/CMakeLists.txt" ]] || fail "no plugins/acme-tree/CMakeLists.txt"
cmake -S "$tree" -B "$tree/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
build_log="$(cmake --build "$tree/build" -j2 --target acme-tree acme-tree_tests 2>&1)" || {
  echo "$build_log"
  fail "the in-tree scaffold does not build"
}
if grep -q "warning:" <<<"$build_log"; then
  fail "the in-tree scaffold builds with warnings: $build_log"
fi
[[ -f "$tree/build/plugins/acme-tree.so" ]] ||
  fail "the in-tree plugin did not land in ACTIONHOST_PLUGIN_OUTPUT_DIR with the others"
out="$(ctest --test-dir "$tree/build" --output-on-failure 2>&1)" || {
  echo "$out"
  fail "the in-tree scaffold's tests fail straight away"
}
grep -q "100% tests passed, 0 tests failed out of 2" <<<"$out" ||
  fail "expected the in-tree scaffold's 2 tests to pass: $out"
grep -qF "acme-tree:get_item" <<<"$out" || fail "the in-tree tests are not named after the plugin: $out"
[[ ! -e "$repo/plugins/acme-tree" ]] || fail "the stand-in run wrote into the source tree"
echo "in the tree: plugins/acme-tree built by plugins/CMakeLists.txt and its 2 tests passed"

# Bad names and occupied folders are refused with a reason, and nothing is written.
refused() {
  local expected="$1"
  shift
  local msg
  if msg="$("$repo/scripts/new-plugin.sh" "$@" 2>&1)"; then
    fail "new-plugin.sh $* was accepted"
  fi
  grep -qF "$expected" <<<"$msg" || fail "new-plugin.sh $*: expected '$expected' in: $msg"
}
refused "'Store' is not a valid plugin name" Store --out "$work/x1"
refused "'1store' is not a valid plugin name" 1store --out "$work/x2"
refused "'my store' is not a valid plugin name" "my store" --out "$work/x3"
refused "'../escape' is not a valid plugin name" ../escape --out "$work/x4"
refused "'actionhost' is reserved" actionhost --out "$work/x5"
refused "already exists and is not an empty folder" other --out "$project"
refused "usage:" --out "$work/x6"
refused "unknown option '--force'" store --force
# In the tree (no --out), a name another target or folder already has is refused too.
refused "a build target named 'tracker' already exists in this tree" tracker
refused "plugins/sample already exists and is not an empty folder" sample
[[ ! -e "$repo/plugins/tracker" ]] || fail "a refused in-tree call created plugins/tracker"
for n in 1 2 3 4 5 6; do
  [[ ! -e "$work/x$n" ]] || fail "a refused call created $work/x$n"
done
echo "PASS: scaffold built against the installed SDK, its tests passed, bad names refused"
