#!/usr/bin/env bash
# The main job: install what is missing, build, and serve integrations.yaml on 127.0.0.1:8080
# with the embedded database in ./data. Extra arguments go to `actionhost serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec build/bin/actionhost serve --config integrations.yaml --data-dir data "$@"
