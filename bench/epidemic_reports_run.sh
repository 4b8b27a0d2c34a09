#!/usr/bin/env bash
# The dashboard's epidemic reports through the API at province scale (issue 6): starts
# `phongdich serve` on a copy of a registry that holds an epidemic (`phongdich generate-epidemic`),
# then times, one request at a time, each report a health official opens:
#   - the weekly indicators and levels with their reasons and care capacity of every commune of
#     the province (GET /api/v1/indicators/{province}?week=...), target <= 100 ms;
#   - the same for one district;
#   - the province's epidemic curve with Rt over the whole epidemic (GET /api/v1/epidemic/...);
#   - a commune's alert list (GET /api/v1/alerts), which first raises the missed checks.
# The first request of each kind is reported apart (it loads the epidemic from the store); the
# others give the median and the maximum. Also records one home-care check between rounds, so
# every round reads a picture that has just changed (no batch job, no cache of answers).
#
# usage: bench/epidemic_reports_run.sh --db FILE [--area CODE] [--district CODE] [--commune CODE]
#                                      [--week 2022-W07] [--rounds N] [--no-build]
#   --db FILE        a registry with an epidemic; copied, never changed
#   --area CODE      the province (default vn2022:79)
#   --district CODE  a district of it (default vn2022:772, Quận 11)
#   --commune CODE   a commune for the alert list (default vn2022:27208, Phường 15)
#   --week W         the ISO week (default 2022-W07, the Omicron peak)
#   --rounds N       timed rounds (default 15)
#   --no-build       use the binaries already in the build directory
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${PHONGDICH_BENCH_BUILD:-$repo/build-bench}
base_db="" area=vn2022:79 district=vn2022:772 commune=vn2022:27208 week=2022-W07 rounds=15
build_first=1 today=2022-09-15
while [ $# -gt 0 ]; do
  case $1 in
    --db) base_db=$(realpath "$2"); shift 2 ;;
    --area) area=$2; shift 2 ;;
    --district) district=$2; shift 2 ;;
    --commune) commune=$2; shift 2 ;;
    --week) week=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --no-build) build_first=0; shift ;;
    -h | --help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "epidemic_reports_run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$base_db" ] || { echo "epidemic_reports_run.sh: give --db FILE" >&2; exit 2; }
step() { echo "== $*" >&2; }
# shellcheck source=serve_helpers.sh
. "$(dirname "$0")/serve_helpers.sh"

if [ "$build_first" -eq 1 ]; then
  step "building (Release) in $build"
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j2 --target phongdich >/dev/null
fi
phongdich=("$build/phongdich" --data "$repo/data")
work=$(mktemp -d "${TMPDIR:-/tmp}/phongdich-reports.XXXXXX")
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
cases=$(sqlite3 "$db" "SELECT count(*) FROM cases")
[ "$cases" -gt 0 ] || { echo "epidemic_reports_run.sh: $base_db holds no case" >&2; exit 2; }
# A case in home care of the district, to record a check between rounds.
active=$(sqlite3 "$db" "SELECT id FROM cases WHERE state = 0 AND isolation_ended_on IS NULL \
  ORDER BY id DESC LIMIT 1")
user=bench.reports
password="Bench-$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" |
  "${phongdich[@]}" --db "$db" user add "$user" --role province_officer --area "$area" \
    --password-stdin >/dev/null

port=$(free_port)
base="http://127.0.0.1:$port"
step "starting phongdich serve on $base (today $today; $cases cases)"
start_server "$work/server.log" --db "$db" --today "$today" serve --address 127.0.0.1 \
  --port "$port" --access-log off

step "timing $rounds rounds"
python3 - "$port" "$user" "$password" "$area" "$district" "$commune" "$week" "$rounds" \
  "${active:-0}" "$today" <<'EOF'
import http.client, json, statistics, sys, time
port, user, password, area, district, commune, week, rounds, active, today = sys.argv[1:]
rounds, active = int(rounds), int(active)
conn = http.client.HTTPConnection("127.0.0.1", int(port))

def request(method, path, body=None, headers=None):
    conn.request(method, path, body, headers or {})
    answer = conn.getresponse()
    return answer.status, answer.read()

status, body = request("POST", "/api/v1/auth/login",
                       json.dumps({"username": user, "password": password}),
                       {"Content-Type": "application/json"})
token = json.loads(body)["token"]
auth = {"Authorization": "Bearer " + token}

reports = [
    ("indicators, province", f"/api/v1/indicators/{area}?week={week}", 100),
    ("indicators, district", f"/api/v1/indicators/{district}?week={week}", 100),
    ("curve + Rt, province", f"/api/v1/epidemic/{area}?from=2021-06-01&to={today}", None),
    ("alerts, commune", f"/api/v1/alerts?area={commune}&state=all&limit=100", None),
]

def timed(path):
    started = time.perf_counter()
    status, body = request("GET", path, headers=auth)
    elapsed = (time.perf_counter() - started) * 1000
    if status != 200:
        sys.exit(f"{path}: {status} {body[:300]!r}")
    return elapsed, body

first = {}
for name, path, _ in reports:
    first[name], body = timed(path)
    if name == "indicators, province":
        answer = json.loads(body)
        communes = len(answer["communes"])
        levels = {}
        for c in answer["communes"]:
            levels[c["level"]["level"]] = levels.get(c["level"]["level"], 0) + 1
        print(f"{area} week {week}: {answer['counts']['new_cases']} new cases, {communes} communes, "
              f"levels {dict(sorted(levels.items()))}, T8 met in "
              f"{answer['care_capacity']['communes_meeting_target']} of "
              f"{answer['care_capacity']['communes_assessed']} assessed")

times = {name: [] for name, _, _ in reports}
for r in range(rounds):
    if active:
        # A check between rounds: the next reports read a picture that has just changed.
        body = json.dumps({"date": today, "half": "morning" if r % 2 == 0 else "afternoon",
                           "spo2": 97, "pulse": 80})
        status, answer = request(
            "POST", f"/api/v1/cases/{active}/observations", body,
            {**auth, "Content-Type": "application/json", "Idempotency-Key": f"reports-{r}"})
        if status != 201:
            sys.exit(f"the check between rounds: {status} {answer[:300]!r}")
    for name, path, _ in reports:
        times[name].append(timed(path)[0])

print(f"{'report':<24} {'first (ms)':>10} {'median (ms)':>12} {'max (ms)':>9}  target")
for name, _, target in reports:
    t = times[name]
    verdict = "" if target is None else (
        f"<= {target} ms: {'met' if statistics.median(t) <= target else 'MISSED'} "
        f"(ratio {target / statistics.median(t):.1f}x)")
    print(f"{name:<24} {first[name]:>10.1f} {statistics.median(t):>12.1f} {max(t):>9.1f}  {verdict}")
EOF
