#!/usr/bin/env bash
# Validates an OpenAPI document (default: docs/openapi.yaml) with the pinned validator.
# Usage: tests/openapi/run.sh [path/to/openapi.yaml]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
spec="${1:-$here/../../docs/openapi.yaml}"
spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "openapi: node and npm are needed (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi

cd "$here"
# The lock file pins every package; a stale or partial install is replaced.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund >&2
fi

exec node validate.mjs "$spec"
