#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for N seconds (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
# -O1 with line tables only, as libFuzzer's documentation builds: the sanitizers'
# reports keep their file and line. Assertions stay on. Only the fuzz targets
# are built, not the command line. Measured from nothing (as on every CI run):
# 4.7 min against 7 min at -O2 with full debug information and the command line.
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Fuzz \
  -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" \
  -DPHONGDICH_FUZZ=ON -DPHONGDICH_TESTS=OFF -DPHONGDICH_BENCH=OFF >/dev/null
targets=()
for source in fuzz/*_fuzz.cpp; do targets+=("$(basename "$source" .cpp)"); done
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}" >/dev/null
# SQLite's own allocations that LeakSanitizer cannot see referenced (fuzz/lsan-suppressions.txt).
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
for target in build-fuzz/*_fuzz; do
  name=$(basename "$target")
  corpus="fuzz/corpus/${name%_fuzz}"
  work=$(mktemp -d)
  [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
  echo "fuzzing $name for ${seconds}s"
  "$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 "$work" 2>&1 | tail -n 3
  rm -rf "$work"
done
