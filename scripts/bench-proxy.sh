#!/usr/bin/env bash
# The authenticated proxy's added latency over calling a fake provider directly, at 1 and 64
# concurrent calls, printed with the ratio proxy/direct (target: under 0.2 ms added at p50 on
# loopback). A benchmark, not a test. Usage: scripts/bench-proxy.sh [calls] (default 2000).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build-release}"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target proxy_bench -j"$(nproc)" >/dev/null
"$build/tests/proxy_bench" "${1:-2000}"
