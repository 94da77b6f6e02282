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
