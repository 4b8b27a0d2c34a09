#!/usr/bin/env bash
# Quick start, command 1: installs, builds and runs the main job on the embedded
# SQLite store: a demo province area (Quận 11, Hồ Chí Minh City) created once in
# var/demo.db, then its situation in September 2022.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
mkdir -p var
build/phongdich demo --db var/demo.db --as-of 2022-09-15
