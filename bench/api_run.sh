#!/usr/bin/env bash
# The HTTP API benchmark in one command (issue 3): generates and imports a province (or reuses a
# database), creates a benchmark account, starts `phongdich serve` on 127.0.0.1, runs
# bench/http_load for each scenario, checks that every acknowledged write of the mixed load is in
# the database exactly once, and prints the figures against their targets.
#
# usage: bench/api_run.sh [--persons N] [--db FILE] [--runs N] [--duration S]
#                         [--mixed-duration S] [--connections N] [--coverage-users N]
#                         [--server-threads N] [--load-threads N] [--today D] [--dose-date D]
#                         [--product P] [--scenarios LIST] [--import-rows N]
#                         [--compare-serial] [--keep] [--no-build]
#   --persons N         persons in the generated province (default 1000000)
#   --db FILE           start from this registry instead of generating one; it is copied, never
#                       written (the benchmark records doses; the copy is in bench/out/api-given-db)
#   --runs N            repetitions of each scenario; medians are reported (default 1)
#   --duration S        seconds per scenario (default 20)
#   --mixed-duration S  seconds of the mixed load (default 60; the issue asks for 600)
#   --connections N     keep-alive connections for get-person, post-dose, mixed (default 64)
#   --coverage-users N  concurrent users asking for the coverage (default 50)
#   --server-threads N  `serve --threads` (default 4)
#   --load-threads N    http_load threads (default 1)
#   --today D           the server's today (default 2022-10-15; the history ends 2022-09-30)
#   --dose-date D       date of the recorded doses (default: --today)
#   --product P         product of the recorded doses (default PFIZER)
#   --scenarios LIST    comma-separated scenarios to run, of get-person, post-dose, coverage,
#                       mixed (default: all four), and verify-beside-post (POST dose as in
#                       post-dose while an auditor's GET /api/v1/audit/verify checks the whole
#                       trail, started 3 s in: the writes must go on meanwhile), and
#                       import-beside-get (GET person as in get-person while the load's account
#                       uploads a CSV of new persons through POST /api/v1/imports/persons, 3 s
#                       in, and follows it to its end: the reads must go on meanwhile)
#   --import-rows N     persons in the upload of import-beside-get (default 200000)
#   --audit-entries N   first fill the copy's audit trail with N reads of random persons (as a
#                       server that has run for a while has), indexed before the server starts.
#                       Their hashes are placeholders: the filled trail does not verify, so this
#                       does not go with verify-beside-post (default 0)
#   --compare-serial    also run get-person and post-dose against `serve --serial` (one request
#                       at a time, a commit per write: how the server worked before concurrent
#                       reads and group commit) and print the ratios
#   --keep              keep the working copy of the database and the acknowledged-id files
#   --no-build          use the binaries already in the build directory
set -euo pipefail

persons=1000000
base_db=""
runs=1
duration=20
mixed_duration=60
connections=64
coverage_users=50
server_threads=4
compare_serial=0
load_threads=1
today=2022-10-15
dose_date=""
product=PFIZER
keep=0
scenarios=get-person,post-dose,coverage,mixed
build_first=1
import_rows=200000
audit_entries=0
import_commune=27208 # Phường 15, Quận 11, in $area
area=vn2022:79
history_end=2022-09-30 # the generator writes no history after this date
while [ $# -gt 0 ]; do
  case "$1" in
    --persons) persons=$2; shift 2 ;;
    --db) base_db=$(realpath "$2"); shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --mixed-duration) mixed_duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --coverage-users) coverage_users=$2; shift 2 ;;
    --server-threads) server_threads=$2; shift 2 ;;
    --load-threads) load_threads=$2; shift 2 ;;
    --today) today=$2; shift 2 ;;
    --dose-date) dose_date=$2; shift 2 ;;
    --product) product=$2; shift 2 ;;
    --scenarios) scenarios=$2; shift 2 ;;
    --import-rows) import_rows=$2; shift 2 ;;
    --audit-entries) audit_entries=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --compare-serial) compare_serial=1; shift ;;
    --no-build) build_first=0; shift ;;
    -h | --help) sed -n '2,/^set /{/^#/p}' "$0"; exit 0 ;;
    *) echo "api_run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for n in "$persons" "$runs" "$duration" "$mixed_duration" "$connections" "$coverage_users" \
  "$import_rows"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "api_run.sh: $n is not a number" >&2; exit 2; }
done
[ -n "$dose_date" ] || dose_date=$today
for s in ${scenarios//,/ }; do
  case "$s" in
    get-person | post-dose | coverage | mixed | verify-beside-post | import-beside-get) ;;
    *) echo "api_run.sh: unknown scenario $s" >&2; exit 2 ;;
  esac
done
# wanted NAME: whether --scenarios names it.
wanted() { [[ ",$scenarios," == *",$1,"* ]]; }

repo=$(cd "$(dirname "$0")/.." && pwd)
bench="$repo/bench"
build=${PHONGDICH_BENCH_BUILD:-$repo/build-bench}
# Generated registries are kept by size; a registry given with --db has its working copy apart,
# since --persons does not describe it.
if [ -z "$base_db" ]; then out="$bench/out/api-$persons"; else out="$bench/out/api-given-db"; fi
step() { printf '\n== %s\n' "$*" >&2; }

if [ "$build_first" -eq 1 ]; then
  step "building Release in $build (phongdich, http_load)"
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPHONGDICH_TESTS=OFF \
    -DPHONGDICH_BENCH=ON >/dev/null
  cmake --build "$build" -j2 --target phongdich http_load >/dev/null
fi
cd "$repo"
phongdich=("$build/phongdich" --data "$repo/data")
load="$build/http_load"
mkdir -p "$out"

if [ -z "$base_db" ]; then
  base_db="$out/registry.db"
  if [ ! -f "$base_db" ]; then
    step "generating and importing $persons persons in $area"
    rm -rf "$out/csv"
    "${phongdich[@]}" --db "$out/generate.db" generate --area "$area" --persons "$persons" \
      --seed 1 --as-of "$history_end" --out "$out/csv" >&2
    rm -f "$out"/generate.db*
    for kind in persons doses; do
      status=0 # 1: some rows were rejected, as the generator intends
      "${phongdich[@]}" --db "$base_db.part" --today "$history_end" import "$kind" \
        "$out/csv/$kind.csv" --errors "$out/$kind.errors.csv" >&2 || status=$?
      [ "$status" -le 1 ] || { echo "api_run.sh: import $kind failed ($status)" >&2; exit 1; }
    done
    # Fold the WAL into the file, so that the database is one file that can be moved.
    sqlite3 "$base_db.part" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    rm -f "$base_db.part"-wal "$base_db.part"-shm
    mv "$base_db.part" "$base_db"
    rm -rf "$out/csv"
  else
    step "reusing $base_db"
  fi
fi

# The benchmark writes; it works on a copy so the base stays reusable.
work="$out/work"
rm -rf "$work"
mkdir -p "$work"
db="$work/registry.db"
step "copying the registry to $db"
sqlite3 "$base_db" "VACUUM INTO '$db'"
# The audit trail's index beside a base that has one (seqs and hashes survive VACUUM INTO).
[ ! -f "$base_db.audit-index" ] || cp "$base_db.audit-index" "$db.audit-index"
if [ "$audit_entries" -gt 0 ]; then
  if wanted verify-beside-post; then
    echo "api_run.sh: --audit-entries fills the trail with placeholder hashes, which" \
      "verify-beside-post would find broken" >&2
    exit 2
  fi
  step "filling the audit trail with $audit_entries reads of random persons, then indexing it"
  sqlite3 "$db" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $audit_entries),
     ids(lo, hi) AS (SELECT min(id), max(id) FROM persons),
     base(seq) AS (SELECT coalesce(max(seq), 0) FROM audit_log)
INSERT INTO audit_log(seq, at_ms, user_id, actor, action, target, area_id, remote, outcome,
                      detail, prev_hash, hash)
SELECT base.seq + i, 1600000000000 + i * 10, 1, 'bench.reader', 'person.read',
       'person:' || (lo + abs(random()) % (hi - lo + 1)), 0, '127.0.0.1', 'ok', '',
       printf('%064x', base.seq + i - 1), printf('%064x', base.seq + i)
FROM n, ids, base;
INSERT OR REPLACE INTO meta(key, value)
SELECT 'audit.head', seq || ' ' || hash FROM audit_log ORDER BY seq DESC LIMIT 1;
COMMIT;
SQL
  # A build from before the index beside the file has no such command: its trail's own
  # indexes took every entry as it was written.
  "${phongdich[@]}" --db "$db" audit index >/dev/null ||
    echo "(no 'audit index' in this build: the trail is indexed in its table)" >&2
fi
# Written out now: the copy's writeback must not overlap the measurements (it slows every fsync).
sync

server_pid=""
cleanup() {
  local status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ "$keep" -eq 1 ] || rm -f "$work"/registry.db*
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "benchmark account and person ids"
user=bench.load
password="Bench-$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" |
  "${phongdich[@]}" --db "$db" user add "$user" --role province_officer --area "$area" \
    --password-stdin >/dev/null
if wanted verify-beside-post; then
  printf '%s\n' "$password" |
    "${phongdich[@]}" --db "$db" user add "$user.auditor" --role auditor --area "$area" \
      --password-stdin >/dev/null
fi
sqlite3 "$db" "SELECT id FROM persons ORDER BY id" >"$work/person_ids.txt"
echo "$(wc -l <"$work/person_ids.txt") persons" >&2

# login_token USER: a session token of the benchmark's USER (all share $password).
login_token() {
  curl -fs -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
    --data-binary @- <<<"{\"username\":\"$1\",\"password\":\"$password\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# start_server [serve options]: starts `phongdich serve` on $port, waits until it is ready, logs in.
start_server() {
  step "starting phongdich serve on $base (today $today, $*)"
  "${phongdich[@]}" --db "$db" --today "$today" serve --address 127.0.0.1 --port "$port" \
    --access-log off "$@" 2>>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 600); do
    curl -fs "$base/ready" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
  done
  curl -fs "$base/ready" >/dev/null || { echo "api_run.sh: the server is not ready" >&2; exit 1; }
  token=$(login_token "$user")
}
stop_server() {
  step "stopping the server (pid $server_pid)"
  kill -TERM "$server_pid"
  wait "$server_pid" || true
  server_pid=""
  tail -n 1 "$work/server.log" | sed 's/^/  /' >&2
}
start_server --threads "$server_threads"

# Server CPU seconds (user + system) so far, from /proc.
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$server_pid/stat"
}

post_cursor=0
# verify_in_background RUN: 3 s from now, an auditor's GET /api/v1/audit/verify; its seconds and
# answer go to $work/verify.RUN.json.
verify_in_background() {
  local run=$1
  (
    auditor_token=$(login_token "$user.auditor")
    sleep 3
    curl -s -o "$work/verify.$run.answer.json" -w '{"seconds": %{time_total}, "status": %{http_code}}' \
      -H "Authorization: Bearer $auditor_token" "$base/api/v1/audit/verify" >"$work/verify.$run.json"
  ) &
  verify_pid=$!
}

# import_in_background RUN: 3 s from now, the load's account uploads $import_rows new persons of
# $import_commune and follows the import to its end; its final state, with the seconds until the
# upload was answered and until the import ended, goes to $work/import.RUN.json. (A server that
# imports while the upload waits answers with the final state at once.)
import_in_background() {
  local run=$1
  python3 - "$import_rows" "$import_commune" "bench-$$-$run" >"$work/import.$run.csv" <<'EOF'
import sys
rows, commune, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = sys.stdout
out.write("person_ref,full_name,sex,birth_date,commune_code,household_code\n")
for i in range(rows):
    sex = "MF"[i % 2]
    name = ("Nguyễn Văn Hùng", "Trần Thị Mai")[i % 2]
    out.write(f"{prefix}-{i},{name},{sex},{1950 + i % 60}-{1 + i % 12:02d}-{1 + i % 28:02d},"
              f"{commune},{prefix}-H{i // 4}\n")
EOF
  (
    sleep 3
    python3 - "$base" "$token" "$work/import.$run.csv" "$work/import.$run.json" \
      "vn2022:$import_commune" <<'EOF'
import json, sys, time, urllib.request
base, token, path, out, area = sys.argv[1:6]
auth = {"Authorization": "Bearer " + token}
body = open(path, "rb").read()
started = time.time()
upload = urllib.request.Request(
    f"{base}/api/v1/imports/persons?area={area}", data=body, method="POST",
    headers={**auth, "Content-Type": "text/csv", "Idempotency-Key": f"bench-import-{time.time_ns()}"})
state = json.load(urllib.request.urlopen(upload, timeout=3600))
answered = time.time() - started
while state["status"] in ("queued", "running"):
    time.sleep(0.2)
    state = json.load(urllib.request.urlopen(
        urllib.request.Request(base + state["status_url"], headers=auth), timeout=60))
state["upload_answered_s"] = answered
state["ended_s"] = time.time() - started
json.dump(state, open(out, "w"))
EOF
  ) &
  import_pid=$!
}

# run_load NAME RUN CONNECTIONS SECONDS [extra http_load options]
run_load() {
  local name=$1 run=$2 conns=$3 seconds=$4
  shift 4
  local result="$work/$name.$run.json" cpu_before cpu_after scenario=${name#serial-}
  [ "$scenario" != verify-beside-post ] || scenario=post-dose
  [ "$scenario" != import-beside-get ] || scenario=get-person
  step "$name, run $run: $conns connections, $seconds s"
  cpu_before=$(server_cpu)
  "$load" --port "$port" --token "$token" --scenario "$scenario" --connections "$conns" \
    --duration "$seconds" --threads "$load_threads" --person-ids "$work/person_ids.txt" \
    --area "$area" --dose-date "$dose_date" --product "$product" --lot "BENCH-$name-$run" \
    --post-start "$post_cursor" --key-prefix "bench-$$-$name-$run" --seed "$run" --json "$@" \
    >"$result"
  cpu_after=$(server_cpu)
  python3 - "$result" "$cpu_before" "$cpu_after" <<'EOF'
import json, sys
path, before, after = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
r = json.load(open(path))
r["server_cpu_s"] = after - before
json.dump(r, open(path, "w"))
print(f"  {r['requests']} requests, {r['rps']:.0f}/s, p50 {r['p50_ms']:.2f} ms, "
      f"p99 {r['p99_ms']:.2f} ms, statuses {json.dumps(r['statuses'])}, "
      f"errors {r['errors']}, server CPU {r['server_cpu_s'] / r['duration_s'] * 100:.0f}% "
      f"({r['server_cpu_s'] / max(1, r['requests']) * 1e6:.1f} µs a request)",
      file=sys.stderr)
EOF
  post_cursor=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["post_cursor_next"])' "$result")
}

for run in $(seq "$runs"); do
  if wanted get-person; then run_load get-person "$run" "$connections" "$duration"; fi
  if wanted post-dose; then
    run_load post-dose "$run" "$connections" "$duration" --acked "$work/acked.post-dose.$run.csv"
  fi
  if wanted coverage; then run_load coverage "$run" "$coverage_users" "$duration"; fi
  if wanted mixed; then
    run_load mixed "$run" "$connections" "$mixed_duration" --acked "$work/acked.mixed.$run.csv"
  fi
  if wanted verify-beside-post; then
    verify_in_background "$run"
    run_load verify-beside-post "$run" "$connections" "$duration" \
      --acked "$work/acked.verify-beside-post.$run.csv"
    wait "$verify_pid"
    echo "  audit verify: $(cat "$work/verify.$run.json") $(cat "$work/verify.$run.answer.json")" >&2
  fi
  if wanted import-beside-get; then
    import_in_background "$run"
    run_load import-beside-get "$run" "$connections" "$duration"
    wait "$import_pid"
    echo "  import: $(cat "$work/import.$run.json")" >&2
  fi
done

stop_server

if [ "$compare_serial" -eq 1 ]; then
  start_server --threads 2 --serial
  for run in $(seq "$runs"); do
    if wanted get-person; then run_load serial-get-person "$run" "$connections" "$duration"; fi
    if wanted post-dose; then
      run_load serial-post-dose "$run" "$connections" "$duration" \
        --acked "$work/acked.serial-post-dose.$run.csv"
    fi
  done
  stop_server
fi

step "exactly-once check of every acknowledged dose"
# For each run's acknowledged (201) doses: no id acknowledged twice, each in the database with
# its person, and no dose of that run's lot that was not acknowledged.
for acked in "$work"/acked.*.csv; do
  [ -e "$acked" ] || continue # no scenario that writes was run
  tag=$(basename "$acked" .csv)
  tag=${tag#acked.}
  lot="BENCH-${tag%.*}-${tag##*.}"
  sqlite3 -batch "$db" >"$work/check.$tag.txt" <<EOF
CREATE TEMP TABLE acked(dose_id INTEGER, person_id INTEGER);
.import --csv --schema temp $acked acked
SELECT 'acknowledged', count(*) FROM temp.acked;
SELECT 'acknowledged_twice', count(*) - count(DISTINCT dose_id) FROM temp.acked;
SELECT 'missing', count(*) FROM temp.acked a
  LEFT JOIN doses d ON d.id = a.dose_id AND d.person_id = a.person_id WHERE d.id IS NULL;
SELECT 'stored_with_lot', count(*) FROM doses WHERE lot = '$lot';
SELECT 'stored_not_acknowledged', count(*) FROM doses
  WHERE lot = '$lot' AND id NOT IN (SELECT dose_id FROM temp.acked);
SELECT 'create_audited', count(*) FROM audit_log
  WHERE action = 'dose.create' AND outcome = 'ok'
    AND detail IN (SELECT 'dose:' || dose_id FROM temp.acked);
EOF
  sed "s/^/  $tag: /" "$work/check.$tag.txt" >&2
done
echo "  doses refused by the rules (422), by first rule broken:" >&2
sqlite3 "$db" "SELECT detail, count(*) FROM audit_log WHERE action = 'dose.create'
  AND outcome = 'rejected' GROUP BY detail ORDER BY 2 DESC" | sed 's/^/    /' >&2

step "summary ($(wc -l <"$work/person_ids.txt") persons, $runs run(s), medians)"
python3 - "$work" "$runs" <<'EOF'
import glob, json, os, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])

def load(name):
    return [json.load(open(p)) for p in sorted(glob.glob(f"{work}/{name}.*.json"))]

def checks():
    bad = []
    for path in glob.glob(f"{work}/check.*.txt"):
        values = dict(line.split("|") for line in open(path).read().split())
        acked = int(values["acknowledged"])
        ok = (values["acknowledged_twice"] == "0" and values["missing"] == "0"
              and values["stored_not_acknowledged"] == "0"
              and int(values["stored_with_lot"]) == acked
              and int(values["create_audited"]) == acked)
        if not ok:
            bad.append(os.path.basename(path))
    return bad

def med(rows, key, kind=None):
    values = [(r["by_kind"][kind] if kind else r)[key] for r in rows]
    return statistics.median(values)

rows = []
bad_checks = checks()
gp = load("get-person")
if gp:
    rps, p50, p99 = med(gp, "rps"), med(gp, "p50_ms"), med(gp, "p99_ms")
    errs = sum(r["errors"] + r["unexpected_4xx"] for r in gp)
    rows.append((f"GET person ({gp[0]['connections']} conn)", rps, p50, p99, ">= 20,000/s, p99 <= 10 ms",
                 rps >= 20000 and p99 <= 10 and errs == 0))
pd = load("post-dose")
if pd:
    rps, p50, p99 = med(pd, "rps"), med(pd, "p50_ms"), med(pd, "p99_ms")
    accepted = statistics.median(r["statuses"].get("201", 0) / r["duration_s"] for r in pd)
    errs = sum(r["errors"] + r["unexpected_4xx"] for r in pd)
    rows.append((f"POST dose ({pd[0]['connections']} conn, 201 {accepted:,.0f}/s)", rps, p50, p99,
                 ">= 5,000/s, p99 <= 25 ms", rps >= 5000 and p99 <= 25 and errs == 0))
cv = load("coverage")
if cv:
    rps, p50, p99 = med(cv, "rps"), med(cv, "p50_ms"), med(cv, "p99_ms")
    errs = sum(r["errors"] + r["unexpected_4xx"] for r in cv)
    rows.append((f"GET coverage ({cv[0]['connections']} users)", rps, p50, p99, "p99 <= 50 ms",
                 p99 <= 50 and errs == 0))
mx = load("mixed")
if mx:
    rps, p50, p99 = med(mx, "rps"), med(mx, "p50_ms"), med(mx, "p99_ms")
    errs = sum(r["errors"] + r["unexpected_4xx"] for r in mx)
    rows.append((f"mixed 80/15/5 ({mx[0]['connections']} conn, {mx[0]['duration_s']:.0f} s)", rps, p50, p99,
                 "no errors, exactly once", errs == 0 and not bad_checks))
print(f"{'scenario':<38} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}  {'target':<27} verdict")
for name, rps, p50, p99, target, ok in rows:
    print(f"{name:<38} {rps:>9,.0f} {p50:>8.2f} {p99:>8.2f}  {target:<27} "
          f"{'ok' if ok else 'MISSED'}")
for r in mx:
    for kind, k in r["by_kind"].items():
        print(f"  mixed/{kind:<30} {k['rps']:>9,.0f} {k['p50_ms']:>8.2f} {k['p99_ms']:>8.2f}  "
              f"statuses {json.dumps(k['statuses'])}")
vp = load("verify-beside-post")
if vp:
    verifies = [json.load(open(p)) for p in sorted(glob.glob(f"{work}/verify.[0-9]*.json"))
                if not p.endswith(".answer.json")]
    seconds = statistics.median(v["seconds"] for v in verifies)
    answered = all(v["status"] == 200 for v in verifies)
    print(f"\nPOST dose while GET /api/v1/audit/verify checks the trail ({seconds:.1f} s, "
          f"{'answered 200' if answered else 'NOT answered 200'}): {med(vp, 'rps'):,.0f}/s, "
          f"p99 {med(vp, 'p99_ms'):.1f} ms, slowest {med(vp, 'max_ms'):.0f} ms")
    if pd:
        print(f"  without the check: {med(pd, 'rps'):,.0f}/s, p99 {med(pd, 'p99_ms'):.1f} ms, "
              f"slowest {med(pd, 'max_ms'):.0f} ms")
ib = load("import-beside-get")
if ib:
    imports = [json.load(open(p)) for p in sorted(glob.glob(f"{work}/import.[0-9]*.json"))]
    ended = statistics.median(i["ended_s"] for i in imports)
    answered = statistics.median(i["upload_answered_s"] for i in imports)
    rows = statistics.median(i["rows_imported"] for i in imports)
    finished = all(i["status"] == "finished" for i in imports)
    print(f"\nGET person while {rows:,.0f} persons are imported through the API (upload answered "
          f"in {answered:.1f} s, import ended after {ended:.1f} s: {rows / ended:,.0f} rows/s, "
          f"{'finished' if finished else 'NOT finished'}): {med(ib, 'rps'):,.0f}/s, "
          f"p99 {med(ib, 'p99_ms'):.1f} ms, slowest {med(ib, 'max_ms'):.0f} ms")
    if gp:
        print(f"  without the import: {med(gp, 'rps'):,.0f}/s, p99 {med(gp, 'p99_ms'):.1f} ms, "
              f"slowest {med(gp, 'max_ms'):.0f} ms")
sg, sp = load("serial-get-person"), load("serial-post-dose")
if sg and sp and gp and pd:
    print(f"\nside by side with `serve --serial` (one request at a time, a commit per write):")
    for label, now, before in (("GET person", gp, sg), ("POST dose", pd, sp)):
        print(f"  {label:<12} {med(now, 'rps'):>9,.0f}/s vs {med(before, 'rps'):>9,.0f}/s serial: "
              f"x{med(now, 'rps') / med(before, 'rps'):.2f} throughput, p99 "
              f"{med(now, 'p99_ms'):.1f} vs {med(before, 'p99_ms'):.1f} ms")
if bad_checks:
    print("exactly-once check FAILED: " + ", ".join(bad_checks))
else:
    print("exactly-once check: every acknowledged dose is stored once, audited once, "
          "and nothing unacknowledged was stored")
EOF
