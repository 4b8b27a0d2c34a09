#!/usr/bin/env bash
# Quick start, command 2: installs, builds, runs the fuzz targets for a short
# time, then every test (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/fuzz.sh 20
(cd build && ctest --output-on-failure -j"$(nproc)")
