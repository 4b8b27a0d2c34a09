#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests.
#
#   scripts/test-postgres.sh start   initdb in a fresh temporary directory, start the server on
#                                    127.0.0.1 at a free port (trust authentication, loopback
#                                    only), create the database phongdich_test, and print
#                                      PHONGDICH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/phongdich_test
#                                      PHONGDICH_TEST_POSTGRES_DIR=/tmp/phongdich-pg.XXXXXX
#                                    for the caller to eval (scripts/test.sh does).
#   scripts/test-postgres.sh stop DIR  stop the server of that directory (pg_ctl stop on its data
#                                    directory) and remove the directory.
#   scripts/test-postgres.sh halt DIR    stop the server (fast shutdown) and keep its data, as an
#                                    outage would (the fault tests).
#   scripts/test-postgres.sh resume DIR  start a halted server again on the same port.
#   scripts/test-postgres.sh replica DIR  a hot standby of that server, streaming from it: a base
#                                    backup into DIR/replica, started on another free port; prints
#                                      PHONGDICH_TEST_POSTGRES_REPLICA_URL=postgres://...
#                                      PHONGDICH_TEST_POSTGRES_REPLICA_DIR=DIR/replica
#                                    (halt and resume take DIR/replica too; stop DIR stops both).
#
# As root the server runs as the postgres user (PostgreSQL refuses root); otherwise as the caller.
# Durability is off (fsync, synchronous_commit): the data lives as long as the test run.
# PHONGDICH_TEST_POSTGRES_SETTINGS adds server settings to `start`, as name=value words
# (the benchmarks give the server the memory a DBA would: shared_buffers=4GB ...).
set -euo pipefail

die() {
  echo "test-postgres.sh: $*" >&2
  exit 1
}

pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
fi

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  [ -x "$pg_bin/initdb" ] || die "PostgreSQL 15 not found in $pg_bin (scripts/install-deps.sh installs it)"
  local setting
  for setting in ${PHONGDICH_TEST_POSTGRES_SETTINGS:-}; do
    [[ "$setting" =~ ^[a-z_.]+=[A-Za-z0-9_.]+$ ]] || die "not a name=value setting: $setting"
  done
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/phongdich-pg.XXXXXX")
  mkdir -p "$dir/sock"
  [ ${#as_pg[@]} -eq 0 ] || chown -R postgres: "$dir"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C \
    --no-sync >"$dir/initdb.log" 2>&1 || {
    tail -5 "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed"
  }

  local port
  port=$(start_on_free_port "$dir") || { rm -rf "$dir"; die "the server did not start"; }
  "${as_pg[@]}" "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres phongdich_test ||
    { stop "$dir"; die "createdb failed"; }
  echo "PHONGDICH_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/phongdich_test"
  echo "PHONGDICH_TEST_POSTGRES_DIR=$dir"
}

# Starts the server of $1/data on a port nobody listens on, from a random start so that
# parallel runs rarely meet (should another server take it first, the start fails and the
# next port is tried); keeps its options in $1/options for resume and prints the port.
start_on_free_port() {
  local dir=$1 candidate=$((20000 + RANDOM % 20000)) tries=0
  while [ $tries -lt 50 ]; do
    tries=$((tries + 1))
    candidate=$((candidate + 1))
    port_is_free "$candidate" || continue
    local options="-p $candidate -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    local setting
    for setting in ${PHONGDICH_TEST_POSTGRES_SETTINGS:-}; do options+=" -c $setting"; done
    if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "$options" start >/dev/null 2>&1; then
      echo "$options" >"$dir/options"
      echo "$candidate"
      return 0
    fi
  done
  tail -5 "$dir/server.log" >&2 || true
  return 1
}

replica() {
  local primary=${1:-}
  [ -f "$primary/options" ] || die "usage: test-postgres.sh replica DIR (a directory made by start)"
  local primary_port
  primary_port=$(sed -n 's/^-p \([0-9]*\).*/\1/p' "$primary/options")
  local dir="$primary/replica"
  [ ! -e "$dir" ] || die "$dir exists already"
  mkdir -p "$dir/sock"
  [ ${#as_pg[@]} -eq 0 ] || chown -R postgres: "$dir"
  # -R writes the standby's connection to the primary and standby.signal: it
  # starts as a hot standby that streams the primary's WAL.
  "${as_pg[@]}" "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres \
    -D "$dir/data" -R -X stream -c fast --no-sync >"$dir/basebackup.log" 2>&1 || {
    tail -5 "$dir/basebackup.log" >&2
    rm -rf "$dir"
    die "pg_basebackup failed"
  }
  local port
  port=$(start_on_free_port "$dir") || { rm -rf "$dir"; die "the standby did not start"; }
  echo "PHONGDICH_TEST_POSTGRES_REPLICA_URL=postgres://postgres@127.0.0.1:$port/phongdich_test"
  echo "PHONGDICH_TEST_POSTGRES_REPLICA_DIR=$dir"
}

stop() {
  local dir=${1:-}
  [ -n "$dir" ] || die "usage: test-postgres.sh stop DIR"
  [ -d "$dir" ] || return 0
  # A standby first: it would only try to reconnect to its stopped primary.
  if [ -f "$dir/replica/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/replica/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      echo "test-postgres.sh: pg_ctl stop failed for $dir/replica" >&2
  fi
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      echo "test-postgres.sh: pg_ctl stop failed for $dir" >&2
  fi
  rm -rf "$dir"
}

halt() {
  local dir=${1:-}
  [ -f "$dir/options" ] || die "usage: test-postgres.sh halt DIR (a directory made by start)"
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

resume() {
  local dir=${1:-}
  [ -f "$dir/options" ] || die "usage: test-postgres.sh resume DIR (a directory made by start)"
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "$(cat "$dir/options")" start >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  halt) halt "${2:-}" ;;
  resume) resume "${2:-}" ;;
  replica) replica "${2:-}" ;;
  *) die "usage: test-postgres.sh start | stop DIR | halt DIR | resume DIR | replica DIR" ;;
esac
