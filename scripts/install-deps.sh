#!/usr/bin/env bash
# Installs the Debian 12 packages phongdich needs to build, run, test and benchmark.
# Idempotent and non-interactive; run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake g++ clang libclang-rt-14-dev clang-format
  libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev
  libboost1.81-dev libssl-dev libsodium-dev pkg-config curl
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15 libpq-dev
  python3
  chromium fonts-dejavu-core
)

updated=0
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  updated=1
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js and npm (the web application's build and browser tests, and the peer
# benchmark's DuckDB side): the machine's own if it has one, else Debian's.
# Chromium above is Debian's: Playwright's own browser download does not work here.
if ! command -v npm >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  # A machine with every package above already installed may never have read the package lists.
  [ "$updated" -eq 1 ] || $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends nodejs npm
fi
