#!/usr/bin/env bash
# The PostgreSQL 15 side of the benchmark: loads DIR/persons.csv and DIR/doses.csv with COPY
# into tables and indexes equivalent to ours, then times the plain SQL for the province's
# coverage and for one commune's due list.
#
# usage: bench/peers/postgres.sh DIR [--as-of YYYY-MM-DD] [--today YYYY-MM-DD]
#                                [--commune CODE] [--runs N] [--keep]
#   --commune  the commune of the due list (default: the one with the most persons)
#   --keep     leave the database directory (DIR/postgres) behind
#
# Starts a throwaway server on a free port of 127.0.0.1 (55432 upwards) with its socket in a
# private directory, and stops it by its PID on every exit. Prints one line per figure:
#   peer=postgres metric=NAME value=NUMBER unit=UNIT
# and leaves the coverage result in DIR/coverage.postgres.csv for cross-checking.
set -euo pipefail

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

[ $# -ge 1 ] || die "usage: postgres.sh DIR [--as-of DATE] [--today DATE] [--commune CODE] [--runs N] [--keep]"
dir=$(cd "$1" && pwd) || die "no directory $1"
shift
as_of=2022-09-15
today=2022-09-30
commune=""
runs=5
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --as-of) as_of=$2; shift 2 ;;
    --today) today=$2; shift 2 ;;
    --commune) commune=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) die "unknown option $1" ;;
  esac
done
for f in persons.csv doses.csv; do
  [ -r "$dir/$f" ] || die "missing $dir/$f"
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$pg_bin/postgres" ] || die "PostgreSQL 15 not found in $pg_bin (scripts/install-deps.sh installs it)"

# PostgreSQL refuses to run as root: the server runs as the postgres user.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
fi

work="$dir/postgres"
rm -rf "$work"
mkdir -p "$work/sock"
[ ${#as_pg[@]} -eq 0 ] || chown -R postgres: "$work"
pgdata="$work/data"

server_pid=""
stop_server() {
  local status=$?
  if [ -f "$pgdata/postmaster.pid" ]; then
    server_pid=$(head -1 "$pgdata/postmaster.pid")
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -INT "$server_pid" 2>/dev/null || true # fast shutdown
    for _ in $(seq 1 120); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null
  fi
  if [ "$keep" -eq 0 ]; then
    rm -rf "$work"
  fi
  exit "$status"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
for candidate in $(seq 55432 55532); do
  if port_is_free "$candidate"; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || die "no free port in 55432-55532"

"${as_pg[@]}" "$pg_bin/initdb" -D "$pgdata" -U postgres -A trust -E UTF8 --locale=C --no-sync \
  >"$work/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$work/initdb.log")"

# Bulk-load settings for this 2-core / 24 GiB machine: a large buffer pool and sort memory,
# WAL kept to the minimum (tables created in the loading transaction skip it), no
# checkpoints or autovacuum in the middle of the load; fsync stays on.
server_options=(
  "-p $port" "-k $work/sock" "-c listen_addresses=127.0.0.1"
  "-c shared_buffers=4GB" "-c effective_cache_size=16GB"
  "-c maintenance_work_mem=1GB" "-c work_mem=512MB"
  "-c wal_level=minimal" "-c max_wal_senders=0" "-c wal_buffers=64MB"
  "-c max_wal_size=32GB" "-c checkpoint_timeout=1h" "-c synchronous_commit=off"
  "-c autovacuum=off"
  "-c max_worker_processes=4" "-c max_parallel_workers=2"
  "-c max_parallel_workers_per_gather=2" "-c max_parallel_maintenance_workers=2"
)
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pgdata" -l "$work/server.log" -w -t 120 \
  -o "${server_options[*]} ${PG_EXTRA_OPTIONS:-}" start >/dev/null ||
  die "server did not start: $(tail -5 "$work/server.log")"
server_pid=$(head -1 "$pgdata/postmaster.pid")

psql_base=(psql -X -q -v ON_ERROR_STOP=1 -h "$work/sock" -p "$port" -U postgres)
"${psql_base[@]}" -d postgres -c "CREATE DATABASE bench" >/dev/null
psql_bench=("${psql_base[@]}" -d bench)
sql_value() { "${psql_bench[@]}" -At -c "$1"; }

report() { echo "peer=postgres metric=$1 value=$2 unit=$3"; }
now_ns() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now_ns)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }

# Reference data, not timed: the commune codes the foreign keys check against (ours are in
# the areas table before any import), and the folding function of our folded_name.
"${psql_bench[@]}" >/dev/null <<SQL
CREATE EXTENSION unaccent;
CREATE FUNCTION fold_vietnamese(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS \$\$ SELECT public.unaccent('public.unaccent'::regdictionary, \$1) \$\$;
CREATE TABLE communes (code text PRIMARY KEY);
CREATE TEMP TABLE units (province_code text, province_name text, province_type text,
                         district_code text, district_name text, district_type text,
                         ward_code text, ward_name text, ward_type text);
\copy units FROM '$repo/data/areas/vn2022_units.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO communes SELECT DISTINCT ward_code FROM units WHERE ward_code <> '';
SQL

# The CREATE statements of one table from postgres_schema.sql (between its markers).
ddl_of() {
  sed -n "/^-- :$1_ddl\$/,/^-- :.*_ddl\$/p" "$here/postgres_schema.sql" |
    sed -e '/^-- :/d' -e "s/{{today}}/$today/g"
}
# The CSV header, as COPY's column list (columns come in any order; a BOM is ignored).
columns_of() { head -1 "$1" | sed -e 's/^\xEF\xBB\xBF//' -e 's/\r$//'; }

# One transaction per file: create the table and its indexes, then COPY into them, as our
# import writes into a schema whose indexes already exist. Sets loaded_rows, loaded_seconds.
load() {
  local table=$1 file="$dir/$1.csv" start
  start=$(now_ns)
  {
    echo "BEGIN;"
    ddl_of "$table"
    printf "\\\\copy %s (%s) FROM '%s' WITH (FORMAT csv, HEADER true)\n" \
      "$table" "$(columns_of "$file")" "$file"
    echo "COMMIT;"
  } | "${psql_bench[@]}" >/dev/null
  loaded_seconds=$(seconds_since "$start")
  loaded_rows=$(sql_value "SELECT count(*) FROM $table")
  report "import_${table}_rows" "$loaded_rows" rows
  report "import_${table}_seconds" "$loaded_seconds" s
  report "import_${table}_rows_per_s" "$(per_second "$loaded_rows" "$loaded_seconds")" rows/s
}
load persons
total_rows=$loaded_rows
total_seconds=$loaded_seconds
load doses
total_rows=$((total_rows + loaded_rows))
total_seconds=$(awk -v a="$total_seconds" -v b="$loaded_seconds" 'BEGIN { printf "%.3f", a + b }')
report import_total_rows "$total_rows" rows
report import_total_seconds "$total_seconds" s
report import_total_rows_per_s "$(per_second "$total_rows" "$total_seconds")" rows/s

# Not part of the load figures: what a careful user runs before querying (statistics for
# the planner, visibility map for index-only scans), so the queries meet PostgreSQL at its best.
start=$(now_ns)
"${psql_bench[@]}" -c "VACUUM ANALYZE" >/dev/null
report vacuum_analyze_seconds "$(seconds_since "$start")" s
report database_bytes "$(sql_value "SELECT pg_database_size('bench')")" bytes

if [ -z "$commune" ]; then
  commune=$(sql_value "SELECT commune_code FROM persons GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
fi
report due_list_commune "$commune" code
report due_list_commune_persons "$(sql_value "SELECT count(*) FROM persons WHERE commune_code = '$commune'")" persons

query_text() { sed -e "s/{{as_of}}/$as_of/g" -e "s/{{commune}}/$commune/g" "$here/$1"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs a query file `runs` times in one session and reports the median and best of the
# server-to-client times psql measures (results are fetched, then discarded).
time_query() {
  local name=$1 file=$2 times
  times=$(
    {
      printf '%s\n' '\timing on' '\o /dev/null'
      for _ in $(seq 1 "$runs"); do query_text "$file"; done
    } | "${psql_bench[@]}" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
  )
  [ "$(echo "$times" | wc -l)" -eq "$runs" ] || die "$name: expected $runs timings, got: $times"
  report "${name}_ms" "$(echo "$times" | median)" ms
  report "${name}_ms_best" "$(echo "$times" | sort -g | head -1)" ms
  report "${name}_runs" "$runs" runs
}

# The results, once, for the cross-check with DuckDB and the row counts.
query_text coverage.sql | "${psql_bench[@]}" --csv >"$dir/coverage.postgres.csv"
report coverage_rows "$(($(wc -l <"$dir/coverage.postgres.csv") - 1))" rows
query_text due_list.sql | "${psql_bench[@]}" --csv >"$dir/due_list.postgres.csv"
report due_list_rows "$(($(wc -l <"$dir/due_list.postgres.csv") - 1))" rows

time_query coverage coverage.sql
time_query due_list due_list.sql
