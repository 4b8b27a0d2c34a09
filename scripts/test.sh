#!/usr/bin/env bash
# Quick start, command 2: installs, builds, runs the fuzz targets for a short
# time, then every test (CTest) against both stores: SQLite files, and a real
# PostgreSQL 15 that this script starts (scripts/test-postgres.sh: initdb in a
# temporary directory, 127.0.0.1, a free port) and stops on exit, failed or not.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
scripts/fuzz.sh 20

postgres_env=$(scripts/test-postgres.sh start)
PHONGDICH_TEST_POSTGRES_DIR=$(sed -n 's/^PHONGDICH_TEST_POSTGRES_DIR=//p' <<<"$postgres_env")
trap 'scripts/test-postgres.sh stop "$PHONGDICH_TEST_POSTGRES_DIR"' EXIT
trap 'exit 130' INT TERM
PHONGDICH_TEST_POSTGRES_URL=$(sed -n 's/^PHONGDICH_TEST_POSTGRES_URL=//p' <<<"$postgres_env")
export PHONGDICH_TEST_POSTGRES_URL
echo "PostgreSQL for the tests: $PHONGDICH_TEST_POSTGRES_URL"

(cd build && ctest --output-on-failure -j"$(nproc)")
