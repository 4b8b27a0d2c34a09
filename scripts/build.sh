#!/usr/bin/env bash
# Configures and builds phongdich in build/ (Release with debug info), and the
# web application into web/dist (served by phongdich serve).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build build -j"$(nproc)"
# The web application: dependencies from the lockfile (again only when it changed), then Vite.
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund)
fi
(cd web && npm run build)
