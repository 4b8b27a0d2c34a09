#!/usr/bin/env bash
# The side-by-side benchmark in one command (bench/README.md): generates a province, imports it
# into a fresh SQLite registry with our program, loads the same rows into PostgreSQL 15 and
# DuckDB, runs the same questions on all three and prints the figures against their targets.
#
# usage: bench/run.sh [--persons N] [--runs N] [--keep] [--no-install] [--postgres-results FILE]
#   --persons N    persons in the generated province (default 10000000)
#   --runs N       repetitions of each query; the median is reported (default 5)
#   --keep         keep the work files under bench/out/ (CSV, databases)
#   --no-install   do not install packages (they are already there)
#   --postgres-results FILE  reuse the PostgreSQL lines (postgres.txt) of an earlier run with
#                  the same N instead of loading PostgreSQL again (~15 minutes at 10 M)
set -euo pipefail

persons=10000000
runs=5
keep=0
install=1
postgres_results=""
area=vn2022:79
as_of=2022-09-15
today=2022-09-30 # the generator writes no history after this date
while [ $# -gt 0 ]; do
  case "$1" in
    --persons) persons=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-install) install=0; shift ;;
    --postgres-results) postgres_results=$(realpath "$2"); shift 2 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$persons" =~ ^[0-9]+$ ]] || { echo "run.sh: --persons takes a number" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/.." && pwd)
bench="$repo/bench"
build=${PHONGDICH_BENCH_BUILD:-$repo/build-release}
out="$bench/out/persons-$persons"
step() { printf '\n== %s\n' "$*" >&2; }

if [ "$install" -eq 1 ]; then
  step "installing what the benchmark needs"
  "$repo/scripts/install-deps.sh"
  if [ ! -x /usr/bin/time ]; then # GNU time measures peak resident memory
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends time
  fi
  if [ -f "$bench/package-lock.json" ]; then
    npm ci --prefix "$bench" --no-audit --no-fund --loglevel=error
  else
    npm install --prefix "$bench" --no-audit --no-fund --loglevel=error
  fi
fi

step "building Release in $build"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPHONGDICH_TESTS=OFF -DPHONGDICH_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target phongdich registry_bench
# Our commands run from the repository, with its reference data.
cd "$repo"
phongdich=("$build/phongdich" --data "$repo/data")

rm -rf "$out"
mkdir -p "$out/csv" "$out/peers"
cleanup() {
  local status=$?
  if [ "$keep" -eq 0 ]; then
    # The figures stay; the bulky files go.
    rm -rf "$out/csv" "$out/peers" "$out"/*.db "$out"/*.db-wal "$out"/*.db-shm
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs a command under GNU time; its wall time and peak memory go to $out/NAME.time.
timed() {
  local name=$1
  shift
  /usr/bin/time -v -o "$out/$name.time" "$@"
}

step "generating $persons persons in $area"
# generate needs the area tree only; it gets a scratch database of its own.
timed generate "${phongdich[@]}" --db "$out/generate.db" generate --area "$area" --persons "$persons" \
  --seed 1 --as-of "$today" --out "$out/csv" | tee "$out/generate.txt"
rm -f "$out"/generate.db*
du -sb "$out/csv" | cut -f1 >"$out/csv.bytes"

# Exit status 1 means some rows were rejected (and reported), as the generator intends.
import_file() {
  local kind=$1 status=0
  step "importing $kind with phongdich"
  timed "import_$kind" "${phongdich[@]}" --db "$out/registry.db" --today "$today" --format json \
    import "$kind" "$out/csv/$kind.csv" --errors "$out/$kind.errors.csv" \
    >"$out/import_$kind.json" || status=$?
  cat "$out/import_$kind.json"
  [ "$status" -le 1 ] || { echo "run.sh: import $kind failed ($status)" >&2; exit 1; }
}
import_file persons
import_file doses
du -sb "$out"/registry.db* | awk '{ s += $1 } END { printf "%d\n", s }' >"$out/registry.bytes"

json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

step "writing the rows our import accepted, for the peers"
for kind in persons doses; do
  stored=$(($(json_field "$out/import_$kind.json" rows_imported) + $(json_field "$out/import_$kind.json" rows_already_present)))
  python3 "$bench/peers/accepted_rows.py" "$out/csv/$kind.csv" "$out/$kind.errors.csv" \
    "$out/peers/$kind.csv" "$stored" >/dev/null
  # Our import has read the source; the copy for the peers is enough from here (disk).
  [ "$keep" -eq 1 ] || rm -f "$out/csv/$kind.csv"
done

if [ -n "$postgres_results" ]; then
  step "PostgreSQL 15: figures of an earlier run ($postgres_results)"
  cp "$postgres_results" "$out/postgres.txt"
else
  step "PostgreSQL 15: COPY and the same questions"
  "$bench/peers/postgres.sh" "$out/peers" --as-of "$as_of" --today "$today" --runs "$runs" |
    tee "$out/postgres.txt"
fi
commune=$(sed -n 's/^peer=postgres metric=due_list_commune value=\([0-9]*\) .*/\1/p' "$out/postgres.txt")

step "DuckDB: load and the same questions"
node "$bench/peers/duckdb.mjs" "$out/peers" --as-of "$as_of" --commune "$commune" --runs "$runs" |
  tee "$out/duckdb.txt"
if [ -n "$postgres_results" ]; then
  echo "coverage: PostgreSQL's cells were not recomputed in this run" >&2
elif cmp -s "$out/peers/coverage.postgres.csv" "$out/peers/coverage.duckdb.csv"; then
  echo "coverage: PostgreSQL and DuckDB agree on every cell" >&2
else
  echo "run.sh: PostgreSQL and DuckDB disagree on the coverage (see $out/peers)" >&2
  keep=1
fi

step "phongdich: registry_bench"
timed registry_bench "$build/registry_bench" --db "$out/registry.db" --area "$area" \
  --as-of "$as_of" --benchmark_repetitions="$runs" --benchmark_report_aggregates_only=true \
  --benchmark_format=console --benchmark_out_format=json --benchmark_out="$out/registry_bench.json"

step "summary"
python3 "$bench/peers/summary.py" "$out" --persons "$persons" | tee "$out/summary.txt"
