#!/usr/bin/env bash
# Every test: install what is missing, build, then ctest runs the Catch2 suites, the integration
# tests against a real actionhost process and the interop tests with real MCP clients.
# Ends with ctest's summary line; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
