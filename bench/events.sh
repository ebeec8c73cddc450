#!/usr/bin/env bash
# The live event stream (issue 14): one server holding STREAMS open streams of USERS users
# (SQLite), its RSS, and the delay from a login to its event on all of that user's streams.
# With --pg, the same over two servers on one PostgreSQL database (streams spread over both,
# logins on the first), which measures the LISTEN/NOTIFY path. Prints Markdown for
# docs/benchmarks.md.
#   bench/events.sh [build dir] [streams (10000)] [users (1000)] [logins (200)]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
streams=${2:-10000}
users=${3:-1000}
logins=${4:-200}
cmake --build "$build" -j2 --target vigie-server >/dev/null
srv="$build/server-stub/vigie-server"
dir=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
ulimit -n 30000 2>/dev/null || true

db="$dir/bench.db"
"$srv" migrate --database "sqlite:$db" >/dev/null
echo "bench password 1234" | "$srv" user add --database "sqlite:$db" --email bench0@vigie.test \
    --display-name "Bench 0" --role user --password-stdin >/dev/null
"$srv" serve --database "sqlite:$db" --listen 127.0.0.1:0 --max-connections 25000 \
    --max-connections-per-address 25000 --login-max-failures 100000 >"$dir/out" 2>"$dir/err" &
pid=$!
for _ in $(seq 100); do grep -q "^listening" "$dir/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^listening on http:\/\/127.0.0.1://p' "$dir/out")
rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")

sessions=$(((streams / users + 3) / 4))
/usr/bin/python3 "$top/bench/event_streams.py" "$db" "$db.jwt-secret" "http://127.0.0.1:$port" \
    "http://127.0.0.1:$port" "$users" "$sessions" "$streams" "$logins" >"$dir/result" &
client=$!
# The RSS once every stream is open (the client says so, then waits 3 s for us).
for _ in $(seq 600); do grep -q '"phase": "open"' "$dir/result" 2>/dev/null && break; sleep 0.5; done
sleep 1
rss_open=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
threads=$(awk '/Threads/ {print $2}' "/proc/$pid/status")
wait "$client"

open=$(grep '"phase": "open"' "$dir/result")
delays=$(grep '"phase": "delays"' "$dir/result")
missed=$(grep -c '"phase": "missed"' "$dir/result" || true)
echo "## Live event streams ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//'))"
echo
echo "\`bench/events.sh $build $streams $users $logins\`: one vigie-server on SQLite, $streams streams"
echo "over $users users ($sessions sessions each), a Python asyncio client on the same cores."
echo
echo "| figure | value |"
echo "|---|---|"
echo "| streams open / refused | $(echo "$open" | /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["streams"], "/", j["refused"])') |"
echo "| server RSS before / with the streams open | $((rss_idle / 1024)) MiB / $((rss_open / 1024)) MiB ($(((rss_open - rss_idle) / (streams / 1000))) KiB per 1,000 streams) |"
echo "| server threads with the streams open | $threads |"
cat >"$dir/rows.py" <<'PY'
import json, sys
j = json.load(sys.stdin)
a, r = j["after_response_ms"], j["after_request_ms"]
print("| logins measured |", j["logins"], "|")
print(f"| login response → event on all the user's streams, p50 / p99 / max | {a['p50']} / {a['p99']} / {a['max']} ms |")
print(f"| login request sent → event on all the user's streams, p50 / p99 / max | {r['p50']} / {r['p99']} / {r['max']} ms |")
PY
echo "$delays" | /usr/bin/python3 "$dir/rows.py"
echo "| logins whose event did not reach every stream within 5 s | $missed |"
