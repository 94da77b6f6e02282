#!/usr/bin/env bash
# Installs the SDK from the build tree into a temporary prefix, builds tests/out_of_tree/plugin
# against it with find_package(ActionHost), and checks that the installed actionhost loads it.
# usage: out_of_tree_plugin.sh <actionhost build dir>
set -euo pipefail
build_dir="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$here/plugin" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/build" -j2 >/dev/null

plugin="$work/build/greeter.so"
[[ -f "$plugin" ]] || { echo "FAIL: $plugin was not built"; exit 1; }
# A plugin exports its entry point and nothing else (add_actionhost_plugin's version script).
exported="$(nm -D --defined-only "$plugin" | awk '$2 != "A" {print $3}')"
[[ "$exported" == "actionhost_plugin" ]] || {
  echo "FAIL: $plugin exports more than the entry point:"; echo "$exported" | head; exit 1; }
out="$("$work/prefix/bin/actionhost" inspect "$plugin")"
echo "$out"
for expected in "greeter" "1.0.0" "greet" "Greets someone by name"; do
  grep -qF "$expected" <<<"$out" || { echo "FAIL: inspect output lacks '$expected'"; exit 1; }
done
echo "PASS: out-of-tree plugin built against the installed SDK and loaded"
