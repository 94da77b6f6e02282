#!/usr/bin/env bash
# Configures and builds everything into build/ (binaries in build/bin, plugins in build/plugins).
set -euo pipefail
cd "$(dirname "$0")/.."
build_type="${ACTIONHOST_BUILD_TYPE:-RelWithDebInfo}"
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j "$(nproc)"
