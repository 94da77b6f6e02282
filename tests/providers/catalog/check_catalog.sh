#!/usr/bin/env bash
# The catalog scripts/run.sh serves. usage: check_catalog.sh ACTIONHOST_BIN SOURCE_DIR PLUGIN_DIR
set -uo pipefail
bin="$1" src="$2" plugins="$3"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# Text at column 0 (the smallest indentation of its non-blank lines removed), then indented by 2.
under_integrations() {
  awk '{ lines[NR] = $0; if ($0 ~ /[^ ]/) { match($0, /^ */); if (min == "" || RLENGTH < min) min = RLENGTH } }
       END { for (i = 1; i <= NR; i++) { l = substr(lines[i], min + 1); print (l == "" ? "" : "  " l) } }' "$1"
}

# 1. Every shipped block is in the root file unchanged, indented under integrations:.
root=$(cat "$src/integrations.yaml")
for block in "$src"/plugins/*/integration.yaml; do
  name=$(basename "$(dirname "$block")")
  shipped=$(under_integrations "$block")
  if [[ "$root" == *"$shipped"* ]]; then
    echo "ok: integrations.yaml lists plugins/$name/integration.yaml as shipped"
  else
    fail "integrations.yaml does not list plugins/$name/integration.yaml as shipped" \
         "(copy it in, indented under integrations:)"
  fi
done

# 2. The whole catalog passes config check with the built plugins and an empty environment.
work=$(mktemp -d)
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
export_env=(env -i "PATH=$PATH" "HOME=$work"
            "ACTIONHOST_MASTER_KEY=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")
if out=$("${export_env[@]}" "$bin" config check --config "$src/integrations.yaml" \
           --plugin-dir "$plugins" --data-dir "$work/data" 2>&1); then
  echo "ok: config check passes"
else
  fail "config check: $out"
fi

# 3. serve starts on it and is ready.
"${export_env[@]}" "$bin" serve --config "$src/integrations.yaml" --plugin-dir "$plugins" \
  --data-dir "$work/data" --listen 127.0.0.1:0 >"$work/log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9][0-9]*\).*|\1|p' "$work/log" | head -n1)
  [[ -n "$port" ]] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$port" ]]; then
  fail "serve did not start on the catalog: $(cat "$work/log")"
else
  ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")
  if [[ "$ready" == 200 ]]; then echo "ok: serve is ready on the catalog"; else fail "/readyz: $ready"; fi
fi
[[ $failed == 0 ]] && echo "catalog: all checks passed"
exit $failed
