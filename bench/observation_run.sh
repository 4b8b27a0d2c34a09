#!/usr/bin/env bash
# Home-care checks through the API (issue 6: observations >= 5,000/s): starts `phongdich serve` on
# a copy of a registry, registers cases in home care through the API (a positive RT-PCR and the
# case, for the first --cases persons), then bench/http_load posts checks of those cases from
# --connections keep-alive connections. Prints the rate, p50 and p99 of each run, their medians,
# and checks afterwards that every acknowledged check is in the database once.
#
# usage: bench/observation_run.sh --db FILE [--cases N] [--runs N] [--duration S]
#                                 [--connections N] [--server-threads N] [--no-build]
#   --db FILE           a registry (e.g. the one bench/api_run.sh --keep leaves); copied, never changed
#   --cases N           cases registered for the run (default 2000)
#   --runs N            repetitions; medians are reported (default 3)
#   --duration S        seconds per run (default 20)
#   --connections N     keep-alive connections (default 64)
#   --server-threads N  `serve --threads` (default 4)
#   --no-build          use the binaries already in the build directory
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${PHONGDICH_BENCH_BUILD:-$repo/build-bench}
base_db="" cases=2000 runs=3 duration=20 connections=64 server_threads=4 build_first=1
today=2022-10-15 area=vn2022:79
while [ $# -gt 0 ]; do
  case $1 in
    --db) base_db=$(realpath "$2"); shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    --no-build) build_first=0; shift ;;
    -h | --help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "observation_run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$base_db" ] || { echo "observation_run.sh: give --db FILE" >&2; exit 2; }
step() { echo "== $*" >&2; }
# shellcheck source=serve_helpers.sh
. "$(dirname "$0")/serve_helpers.sh"

if [ "$build_first" -eq 1 ]; then
  step "building (Release) in $build"
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 --target phongdich http_load >/dev/null
fi
phongdich=("$build/phongdich" --data "$repo/data")
work=$(mktemp -d "${TMPDIR:-/tmp}/phongdich-observations.XXXXXX")
db="$work/registry.db"
server_pid=""
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "copying the registry to $db"
sqlite3 "$base_db" "VACUUM INTO '$db'"
user=bench.observations
password="Bench-$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" |
  "${phongdich[@]}" --db "$db" user add "$user" --role province_officer --area "$area" \
    --password-stdin >/dev/null
sqlite3 "$db" "SELECT id FROM persons ORDER BY id LIMIT $cases" >"$work/persons.txt"

port=$(free_port)
base="http://127.0.0.1:$port"
step "starting phongdich serve on $base (today $today)"
start_server "$work/server.log" --db "$db" --today "$today" serve --address 127.0.0.1 \
  --port "$port" --access-log off --threads "$server_threads"
token=$(login "$user" "$password")

step "registering $cases cases in home care through the API"
python3 - "$port" "$token" "$work/persons.txt" "$work/cases.txt" <<'EOF'
import http.client, json, sys
port, token, persons_file, cases_file = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
conn = http.client.HTTPConnection("127.0.0.1", int(port))
key = 0
def post(path, body):
    global key
    key += 1
    conn.request("POST", path, json.dumps(body), {
        "Authorization": "Bearer " + token, "Content-Type": "application/json",
        "Idempotency-Key": f"setup-{key}"})
    answer = conn.getresponse()
    data = answer.read()
    if answer.status != 201:
        sys.exit(f"{path}: {answer.status} {data[:300]!r}")
    return json.loads(data)
with open(persons_file) as persons, open(cases_file, "w") as out:
    for line in persons:
        person = int(line)
        post(f"/api/v1/persons/{person}/tests", {"kind": "rt_pcr", "sample_date": "2022-10-13",
             "result_date": "2022-10-14", "outcome": "positive"})
        out.write(f"{post('/api/v1/cases', {'person_id': person})['case']['id']}\n")
EOF

before=$(sqlite3 "$db" "SELECT count(*) FROM observations")
alerts_before=$(sqlite3 "$db" "SELECT count(*) FROM care_alerts")
results=()
for run in $(seq "$runs"); do
  step "run $run: $connections connections, $duration s"
  "$build/http_load" --port "$port" --token "$token" --scenario post-observation \
    --connections "$connections" --duration "$duration" --person-ids "$work/cases.txt" \
    --dose-date "$today" --key-prefix "obs-$$-$run" --seed "$run" --json >"$work/run.$run.json"
  results+=("$work/run.$run.json")
done
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""
after=$(sqlite3 "$db" "SELECT count(*) FROM observations")
alerts=$(($(sqlite3 "$db" "SELECT count(*) FROM care_alerts") - alerts_before))

python3 - "$((after - before))" "$alerts" "${results[@]}" <<'EOF'
import json, statistics, sys
stored, alerts, paths = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
runs = [json.load(open(p)) for p in paths]
for i, r in enumerate(runs, 1):
    print(f"run {i}: {r['rps']:.0f} checks/s, p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms, "
          f"statuses {json.dumps(r['statuses'])}, errors {r['errors']}")
acked = sum(int(r["statuses"].get("201", 0)) for r in runs)
print(f"median: {statistics.median(r['rps'] for r in runs):.0f} checks/s "
      f"(target 5,000/s, ratio {statistics.median(r['rps'] for r in runs) / 5000:.2f}), "
      f"p99 {statistics.median(r['p99_ms'] for r in runs):.2f} ms")
print(f"stored checks: {stored}; acknowledged in the measured windows: {acked}; "
      f"danger-sign alerts: {alerts}")
EOF
