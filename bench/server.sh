#!/usr/bin/env bash
# vigie-server benchmarks (issue 2): throughput and latency of the hot endpoints under wrk,
# server memory under load, revoking 10,000 sessions, and request latency while the cleanup
# job purges 1,000,000 ended sessions. Prints Markdown for docs/benchmarks.md.
#   bench/server.sh [build dir]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
build=${1:-$top/build}
"$top/scripts/deps" bench >/dev/null
cmake --build "$build" -j2 --target vigie-server seed_sessions >/dev/null
srv="$build/server-stub/vigie-server"
seed="$build/bench/seed_sessions"
dir=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

start_server() {
    "$srv" serve --database "sqlite:$dir/bench.db" --listen 127.0.0.1:0 "$@" >"$dir/out" 2>"$dir/err" &
    pid=$!
    local url
    url=$(vigie_wait_listening "$dir/out" "$pid") || { cat "$dir/err" >&2; exit 1; }
    port=${url##*:}
}
stop_server() { kill "$pid"; wait "$pid" || true; pid=""; }
token_for() {
    curl -s -XPOST "http://127.0.0.1:$port/api/auth/login" -d "{\"email\":\"$1\",\"password\":\"bench password\"}" |
        sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
peak_rss_kb() { awk '/VmHWM/ {print $2}' "/proc/$pid/status"; }
wrk_run() { # url [header] -> "req/s p99 max"
    local out
    if [ -n "${2:-}" ]; then out=$(wrk -t2 -c32 -d10s --latency -H "$2" "$1"); else out=$(wrk -t2 -c32 -d10s --latency "$1"); fi
    echo "$out" >>"$dir/wrk.log"
    local rps p99 max
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    max=$(echo "$out" | awk '$1 == "Latency" {print $4}')
    local errors
    errors=$(echo "$out" | grep -c "Non-2xx" || true)
    echo "$rps $p99 $max $errors"
}

"$srv" migrate --database "sqlite:$dir/bench.db" >/dev/null
for who in bench many backlog; do
    echo "bench password" | "$srv" user add --database "sqlite:$dir/bench.db" --email "$who@vigie.test" \
        --display-name "$who" --role user --password-stdin >/dev/null
done
"$seed" "$dir/bench.db" bench@vigie.test 49 0 >/dev/null
"$seed" "$dir/bench.db" many@vigie.test 9999 0 >/dev/null

echo "## vigie-server under wrk -t2 -c32 -d10s ($(nproc) cores, wrk on the same machine)"
echo
start_server
T=$(token_for bench@vigie.test)
n=$(curl -s -H "Authorization: Bearer $T" "http://127.0.0.1:$port/api/users/me/sessions" | grep -o '"is_active"' | wc -l)
read -r rps p99 max errors < <(wrk_run "http://127.0.0.1:$port/api/users/me/sessions" "Authorization: Bearer $T")
echo "| case | requests/s | p99 | max | non-2xx |"
echo "|---|---|---|---|---|"
echo "| GET /api/users/me/sessions ($n sessions, default activity-write-interval 60s) | $rps | $p99 | $max | $errors |"
rss_sessions=$(peak_rss_kb)
read -r rps p99 max errors < <(wrk_run "http://127.0.0.1:$port/healthz")
echo "| GET /healthz | $rps | $p99 | $max | $errors |"
echo
echo "Peak RSS of vigie-server after the sessions run: $((rss_sessions / 1024)) MiB; after both runs: $(( $(peak_rss_kb) / 1024 )) MiB (VmHWM)."
echo

M=$(token_for many@vigie.test)
t=$(curl -s -o "$dir/del.json" -w "%{time_total}" -XDELETE -H "Authorization: Bearer $M" "http://127.0.0.1:$port/api/users/me/sessions")
echo "DELETE /api/users/me/sessions revoking $(sed 's/[^0-9]//g' "$dir/del.json") sessions (one audit event each): $(awk "BEGIN {printf \"%.1f\", $t * 1000}") ms (curl time_total)."
echo
stop_server

echo "### Cleanup of 1,000,000 ended sessions while requests run"
start_server --activity-write-interval 0
T=$(token_for bench@vigie.test)
read -r brps bp99 bmax berrors < <(wrk_run "http://127.0.0.1:$port/api/users/me/sessions" "Authorization: Bearer $T")
stop_server
"$seed" "$dir/bench.db" backlog@vigie.test 0 1000000 >/dev/null
before=$(sqlite3 "$dir/bench.db" "SELECT count(*) FROM user_sessions" 2>/dev/null || echo "?")
start_server --activity-write-interval 0 --cleanup-interval 2s
T=$(token_for bench@vigie.test)
start=$(date +%s.%N)
read -r rps p99 max errors < <(wrk_run "http://127.0.0.1:$port/api/users/me/sessions" "Authorization: Bearer $T")
for _ in $(seq 600); do grep -q "cleanup: purged" "$dir/err" && break; sleep 0.5; done
done_at=$(date +%s.%N)
echo
echo "Every request also writes last_activity (--activity-write-interval 0), so it competes with the purge for SQLite's write lock."
echo
echo "| GET /api/users/me/sessions | requests/s | p99 | max | non-2xx |"
echo "|---|---|---|---|---|"
echo "| without a backlog | $brps | $bp99 | $bmax | $berrors |"
echo "| while 1,000,000 ended sessions are purged | $rps | $p99 | $max | $errors |"
echo
echo "Purge: $(grep -o 'purged [0-9]*' "$dir/err" | head -1) sessions in batches of 64, finished $(awk "BEGIN {printf \"%.1f\", $done_at - $start}") s after the run started (rows before: $before)."
stop_server
