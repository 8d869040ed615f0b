#!/usr/bin/env bash
# The npm test tools of package.json (axe-core, run in Chromium by tests/e2e/test_accessibility.py),
# installed into node_modules/ from the npm registry at the versions of package-lock.json.
# Runs `npm ci` only when node_modules/axe-core is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f node_modules/axe-core/axe.min.js ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm is missing: run \`make system-deps\` (Debian's npm)" >&2; exit 1; }
echo "Installing the npm test tools (axe-core) into node_modules/"
npm ci --no-audit --no-fund
