#!/usr/bin/env bash
# The web application's figures (bench/web_run.mjs) on a generated province:
#   bench/web_run.sh [BUILD_DIR] [PERSONS] [AREA]      e.g. bench/web_run.sh build 1000000 vn2022:79
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
exec node bench/web_run.mjs --phongdich "$build/phongdich" --web-dir web/dist \
  --persons "${2:-1000000}" --area "${3:-vn2022:79}"
