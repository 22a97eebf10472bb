#!/usr/bin/env bash
# Installs the Debian packages rkn needs (only those missing), then configures and builds rkn
# (Release, out of source, in ./build). Safe to run again: it does only what is missing.
#   RKN_BUILD_DIR   build directory (default: build)
#   RKN_SANITIZE=ON build with ASan+UBSan
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build pkg-config libxapian-dev xapian-tools xapian-omega libicu-dev
          libcli11-dev doctest-dev nlohmann-json3-dev libgumbo-dev zlib1g-dev libjemalloc-dev time python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

build="${RKN_BUILD_DIR:-build}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DRKN_SANITIZE="${RKN_SANITIZE:-OFF}" >/dev/null
cmake --build "$build" -j"$(nproc)"
