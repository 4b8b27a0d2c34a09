#!/usr/bin/env bash
# The PostgreSQL store side by side with the SQLite store, in one run (issue 5):
#   1. generates a province (`phongdich generate`);
#   2. imports it with our program into a SQLite file and into a PostgreSQL database;
#   3. copies the very rows our PostgreSQL import stored (households, persons, doses), exported
#      with COPY TO, into the same tables and indexes of a second, empty database with a raw
#      COPY FROM: import speed against raw COPY, target >= 80%;
#   4. coverage of the whole province by commune x age group x status on each store
#      (build/registry_bench, which also checks that the last committed dose is counted),
#      target <= 100 ms on PostgreSQL;
#   5. authenticated GETs of one person through `phongdich serve` on each store (http_load,
#      64 connections), target >= 10,000/s on PostgreSQL.
# Prints each figure with its target and the ratios. The PostgreSQL server is a throwaway one
# of scripts/test-postgres.sh (127.0.0.1, a free port; fsync and synchronous_commit off, so
# neither side of the COPY comparison waits for the disk; shared_buffers 2 GB, max_wal_size
# 8 GB), stopped at the end.
#
# usage: bench/postgres_run.sh [--persons N] [--area CODE] [--runs N] [--duration S] [--no-build]
#   --persons N    persons generated (default 10000000)
#   --area CODE    the province (default vn2022:79)
#   --runs N       repetitions of coverage and of the GET load; medians reported (default 3)
#   --duration S   seconds of each GET load run (default 15)
#   --no-build     use the binaries already in the build directory (PHONGDICH_BENCH_BUILD)
set -euo pipefail

persons=10000000 area=vn2022:79 runs=3 duration=15 build_first=1
as_of=2022-09-15
while [ $# -gt 0 ]; do
  case $1 in
    --persons) persons=$2; shift 2 ;;
    --area) area=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --no-build) build_first=0; shift ;;
    -h | --help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "postgres_run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for n in "$persons" "$runs" "$duration"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "postgres_run.sh: $n is not a number" >&2; exit 2; }
done

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${PHONGDICH_BENCH_BUILD:-$repo/build-bench}
out="$repo/bench/out/postgres-$persons"
step() { printf '\n== %s\n' "$*" >&2; }
# shellcheck source=serve_helpers.sh
. "$(dirname "$0")/serve_helpers.sh"

if [ "$build_first" -eq 1 ]; then
  step "building Release in $build (phongdich, registry_bench, http_load)"
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPHONGDICH_TESTS=OFF \
    -DPHONGDICH_BENCH=ON >/dev/null
  cmake --build "$build" -j2 --target phongdich registry_bench http_load >/dev/null
fi
cd "$repo"
phongdich=("$build/phongdich" --data "$repo/data")
rm -rf "$out"
mkdir -p "$out/csv" "$out/copy"
chmod 777 "$out/copy" # the server (user postgres) writes the exported rows here

pg_dir="" server_pid=""
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -z "$pg_dir" ] || "$repo/scripts/test-postgres.sh" stop "$pg_dir"
  rm -rf "$out/csv" "$out/copy" "$out"/*.db "$out"/*.db-wal "$out"/*.db-shm
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ns() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
figure() { echo "$1=$2" >>"$out/figures.txt"; }

step "starting PostgreSQL 15"
# The memory a DBA gives a server holding millions of rows, for both sides of every comparison.
env_text=$(PHONGDICH_TEST_POSTGRES_SETTINGS="shared_buffers=2GB max_wal_size=8GB" \
  "$repo/scripts/test-postgres.sh" start)
pg_dir=$(sed -n 's/^PHONGDICH_TEST_POSTGRES_DIR=//p' <<<"$env_text")
server_url=$(sed -n 's/^PHONGDICH_TEST_POSTGRES_URL=//p' <<<"$env_text")
pg_url() { sed "s|/phongdich_test\$|/$1|" <<<"$server_url"; }
psql -X -q -v ON_ERROR_STOP=1 "$server_url" -c "CREATE DATABASE ours" -c "CREATE DATABASE raw"
ours=$(pg_url ours)
raw=$(pg_url raw)

step "generating $persons persons in $area"
"${phongdich[@]}" --db "$out/generate.db" generate --area "$area" --persons "$persons" --seed 1 \
  --as-of "$as_of" --out "$out/csv" >&2
rm -f "$out"/generate.db*

# import_into NAME DB: both files, timed together; exit 1 (rows rejected) is expected.
import_into() {
  local name=$1 db=$2 start status
  start=$(now_ns)
  for kind in persons doses; do
    status=0
    "${phongdich[@]}" --db "$db" --today "$as_of" --format json import "$kind" \
      "$out/csv/$kind.csv" --errors "$out/$name.$kind.errors.csv" >"$out/$name.$kind.json" ||
      status=$?
    [ "$status" -le 1 ] || { echo "postgres_run.sh: import $kind into $name failed" >&2; exit 1; }
  done
  figure "${name}_import_seconds" "$(seconds_since "$start")"
}
step "importing into SQLite"
import_into sqlite "$out/registry.db"
step "importing into PostgreSQL"
import_into postgres "$ours"

# The rows our import stored, table by table, and a raw COPY of them into an empty schema.
tables=(households persons doses)
rows_in() { psql -X -At "$1" -c "SELECT count(*) FROM $2"; }
stored=0
for t in "${tables[@]}"; do stored=$((stored + $(rows_in "$ours" "$t"))); done
figure postgres_rows_stored "$stored"
step "exporting the stored rows; a raw COPY of them into an empty schema"
"${phongdich[@]}" --db "$raw" area show "$area" >/dev/null # migrates the empty database
for t in "${tables[@]}"; do
  psql -X -q -v ON_ERROR_STOP=1 "$ours" -c "COPY $t TO '$out/copy/$t.copy'"
done
start=$(now_ns)
{
  echo "BEGIN;"
  for t in "${tables[@]}"; do echo "COPY $t FROM '$out/copy/$t.copy';"; done
  echo "COMMIT;"
} | psql -X -q -v ON_ERROR_STOP=1 "$raw"
figure raw_copy_seconds "$(seconds_since "$start")"
copied=0
for t in "${tables[@]}"; do copied=$((copied + $(rows_in "$raw" "$t"))); done
figure raw_copy_rows "$copied"
psql -X -q "$ours" -c "VACUUM ANALYZE" # as a DBA would after a bulk load, before serving

# Coverage: registry_bench on each store.
for side in sqlite postgres; do
  db=$([ "$side" = sqlite ] && echo "$out/registry.db" || echo "$ours")
  step "coverage on $side (registry_bench, $runs repetitions)"
  "$build/registry_bench" --db "$db" --area "$area" --as-of "$as_of" \
    --benchmark_filter='coverage_cube|due_list' --benchmark_repetitions="$runs" \
    --benchmark_report_aggregates_only=true --benchmark_format=console \
    --benchmark_out_format=json --benchmark_out="$out/$side.registry_bench.json" |
    tee "$out/$side.registry_bench.txt" >&2
done

# Authenticated GETs of one person through the API on each store.
user=bench.load
password="Bench-$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
port=$(free_port)
base="http://127.0.0.1:$port"
for side in sqlite postgres; do
  db=$([ "$side" = sqlite ] && echo "$out/registry.db" || echo "$ours")
  if [ "$side" = sqlite ]; then
    sqlite3 "$db" "SELECT id FROM persons ORDER BY id" >"$out/person_ids.txt"
  else
    psql -X -At "$db" -c "SELECT id FROM persons ORDER BY id" >"$out/person_ids.txt"
  fi
  printf '%s\n' "$password" | "${phongdich[@]}" --db "$db" user add "$user" \
    --role province_officer --area "$area" --password-stdin >/dev/null
  step "GET person on $side: starting the server"
  start_server "$out/server.$side.log" --db "$db" --today "$as_of" serve --address 127.0.0.1 \
    --port "$port" --access-log off
  token=$(login "$user" "$password")
  for run in $(seq "$runs"); do
    step "GET person on $side, run $run: 64 connections, $duration s"
    "$build/http_load" --port "$port" --token "$token" --scenario get-person --connections 64 \
      --duration "$duration" --person-ids "$out/person_ids.txt" --area "$area" --seed "$run" --json \
      >"$out/get.$side.$run.json"
  done
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
done

step "summary"
python3 - "$out" "$runs" <<'EOF'
import json, statistics, sys
from pathlib import Path
out, runs = Path(sys.argv[1]), int(sys.argv[2])
f = dict(line.strip().split("=", 1) for line in open(out / "figures.txt"))
def imported(side):
    rows = 0
    for kind in ("persons", "doses"):
        j = json.load(open(out / f"{side}.{kind}.json"))
        rows += j["rows_read"]
    return rows
def bench_median(side, name):
    # With one repetition Google Benchmark reports the run itself, not aggregates.
    found = {b["name"]: b["real_time"]
             for b in json.load(open(out / f"{side}.registry_bench.json"))["benchmarks"]}
    return found.get(f"{name}_median", found.get(name, float("nan")))
def gets(side):
    rs = [json.load(open(out / f"get.{side}.{r}.json")) for r in range(1, runs + 1)]
    return (statistics.median(r["rps"] for r in rs), statistics.median(r["p99_ms"] for r in rs),
            sum(r["errors"] for r in rs), [round(r["rps"]) for r in rs])
read = imported("sqlite")
sq_s, pg_s = float(f["sqlite_import_seconds"]), float(f["postgres_import_seconds"])
stored, copy_s = int(f["postgres_rows_stored"]), float(f["raw_copy_seconds"])
ours_rate, copy_rate = stored / pg_s, int(f["raw_copy_rows"]) / copy_s
print(f"rows read {read:,}; stored in PostgreSQL (households, persons, doses) {stored:,}")
print(f"import, SQLite:      {sq_s:8.1f} s  {read / sq_s:12,.0f} rows read/s")
print(f"import, PostgreSQL:  {pg_s:8.1f} s  {read / pg_s:12,.0f} rows read/s  "
      f"{ours_rate:12,.0f} rows stored/s")
print(f"raw COPY of the stored rows into the same tables and indexes: {copy_s:.1f} s  "
      f"{copy_rate:,.0f} rows/s")
print(f"  import / raw COPY = {ours_rate / copy_rate:.2f} (target >= 0.80): "
      f"{'met' if ours_rate / copy_rate >= 0.8 else 'MISSED'}")
for name, target in (("coverage_cube", 100), ("due_list", None)):
    s, p = bench_median("sqlite", name), bench_median("postgres", name)
    verdict = "" if target is None else f"  target <= {target} ms on PostgreSQL: {'met' if p <= target else 'MISSED'}"
    print(f"{name}: SQLite {s:.3f} ms, PostgreSQL {p:.3f} ms (median of {runs}){verdict}")
for side in ("sqlite", "postgres"):
    for line in open(out / f"{side}.registry_bench.txt"):
        if line.startswith("last committed dose counted"):
            print(f"  {side}: {line.strip()}")
s_rps, s_p99, s_err, s_runs = gets("sqlite")
p_rps, p_p99, p_err, p_runs = gets("postgres")
print(f"GET person, 64 connections: SQLite {s_rps:,.0f}/s (p99 {s_p99:.1f} ms, runs {s_runs}), "
      f"PostgreSQL {p_rps:,.0f}/s (p99 {p_p99:.1f} ms, runs {p_runs}); errors {s_err + p_err}")
print(f"  PostgreSQL / SQLite = {p_rps / s_rps:.2f}; target >= 10,000/s on PostgreSQL: "
      f"{'met' if p_rps >= 10000 else 'MISSED'}")
EOF
