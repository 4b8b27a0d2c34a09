#!/usr/bin/env bash
# Quick start, command 1: installs, builds and runs the main job on the embedded
# SQLite store: a demo area (Quận 11, Hồ Chí Minh City) created once in
# var/demo.db, its situation in September 2022, then the HTTP API serving it.
#
# The demo accounts get random passwords when they are first made; they are
# printed and kept in var/demo-accounts.txt (readable by you only). There is no
# default password. PHONGDICH_PORT picks the port (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
mkdir -p var
db=var/demo.db
build/phongdich demo --db "$db" --as-of 2022-09-15

accounts=var/demo-accounts.txt
if [ ! -s "$accounts" ]; then
  umask 077
  : >"$accounts"
  while read -r name role area; do
    password=$(build/phongdich --db "$db" user add "$name" --role "$role" --area "$area" \
      --generate-password 2>&1 >/dev/null | sed -n "s/^password for $name: //p")
    printf '%-16s %-18s %-14s %s\n' "$name" "$role" "$area" "$password" >>"$accounts"
  done <<'ACCOUNTS'
demo.admin administrator vn2022:79
demo.cdc province_officer vn2022:79
demo.quan11 district_officer vn2022:772
demo.phuong15 commune_staff vn2022:27208
demo.auditor auditor vn2022:79
ACCOUNTS
fi
echo
echo "Demo accounts (username, role, area, password), kept in $accounts:"
cat "$accounts"
echo
# The demo is seen on 15 September 2022: doses and reports are judged as of that day.
exec build/phongdich serve --db "$db" --today 2022-09-15 --port "${PHONGDICH_PORT:-8080}" \
  --access-log var/access.log
