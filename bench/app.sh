#!/usr/bin/env bash
# The desktop app's figures (docs/benchmarks.md): from process start to the session list
# painted for a returning user (sign-in restored from a throw-away keychain) against a local
# `vigie-server --demo`; a list of 5,000 sessions parsed, painted and scrolled; RSS.
# Offscreen platform (no display needed); -j2 build of the benchmark targets first.
# Usage: bench/app.sh [build folder]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
build=${1:-$top/build}
"$top/scripts/deps" bench >/dev/null
cmake --build "$build" -j2 --target vigie-server bench_app seed_sessions >/dev/null
server_bin=$build/server-stub/vigie-server
bench=$build/bench/bench_app

tmp=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

export VIGIE_DEMO_PASSWORD=bench-demo-password VIGIE_DEMO_SUPPORT_PASSWORD=bench-support-password
"$server_bin" serve --demo --database "sqlite:$tmp/bench.db" --listen 127.0.0.1:0 >"$tmp/out" 2>"$tmp/log" &
pid=$!
url=$(vigie_wait_listening "$tmp/out" "$pid") || { cat "$tmp/log" >&2; exit 1; }
echo 'many sessions password' | "$server_bin" user add --database "sqlite:$tmp/bench.db" --email many@vigie.test \
    --display-name "Many Sessions" --role user --password-stdin >/dev/null
"$build/bench/seed_sessions" "$tmp/bench.db" many@vigie.test 5000 0 >/dev/null

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), load $(cut -d' ' -f1-3 /proc/loadavg)"
export QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="vigie.client.debug=false;vigie.client.info=false"
export BENCH="$bench" URL="$url"
"$top/tests/client/with-keyring.sh" bash -c '
    set -e
    "$BENCH" prime --server "$URL" --email demo@vigie.test --password "$VIGIE_DEMO_PASSWORD"
    echo "== start-up, returning user (9 sessions), in-process:"
    for i in 1 2 3 4 5; do "$BENCH" startup --server "$URL" 2>&1 | grep -v propagateSizeHints; done
    echo "== start-up, whole process (hyperfine):"
    hyperfine -N --warmup 2 --runs 20 --style basic "$BENCH startup --server $URL" 2>&1 | grep -E "Time|Range"
    echo "== 5,000 sessions:"
    "$BENCH" list --server "$URL" --email many@vigie.test --password "many sessions password" --runs 10
'
