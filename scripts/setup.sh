#!/usr/bin/env bash
# Installs what building and testing ActionHost needs, from Debian's packages, skipping what is
# already there. Safe to run repeatedly; run.sh and test.sh call it first.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libpoco-dev libboost-dev libboost-filesystem-dev libyaml-cpp-dev libssl-dev
  libvalijson-dev catch2
)
# Extra packages for a role: `setup.sh test` adds what the test suite drives from outside.
if [[ "${1:-}" == "test" ]]; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Debian's nodejs may be replaced by another build that ships npm itself.
if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null; then
  missing=("${missing[@]/npm/}")
fi
if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null; then
  missing=("${missing[@]/nodejs/}")
fi
read -r -a missing <<<"${missing[*]:-}"

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
