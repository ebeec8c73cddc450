#!/usr/bin/env bash
# The live event stream (issue 14): one server holding STREAMS open streams of USERS users
# (SQLite), its RSS, and the delay from a login to its event on all of that user's streams.
# With --pg, the same over two servers on one PostgreSQL database (streams spread over both,
# logins on the first), which measures the LISTEN/NOTIFY path. Prints Markdown for
# docs/benchmarks.md.
#   bench/events.sh [--pg] [build dir] [streams (10000)] [users (1000)] [logins (200)]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
pg=""
if [ "${1:-}" = --pg ]; then
    shift
    # A throw-away cluster with PostgreSQL's default durability, as in bench/server-pg.sh.
    if [ -z "${VIGIE_TEST_PG_URL:-}" ]; then
        VIGIE_TEST_PG_DURABLE=1 exec "$top/tests/support/with-postgres.sh" "$0" --pg "$@"
    fi
    pg="$VIGIE_TEST_PG_URL/bench"
fi
build=${1:-$top/build}
streams=${2:-10000}
users=${3:-1000}
logins=${4:-200}
vigie_bench_setup "$build"
ulimit -n 30000 2>/dev/null || true

if [ -n "$pg" ]; then
    psql -q "$VIGIE_TEST_PG_URL/postgres" -c "CREATE DATABASE bench" >/dev/null
    db=$pg
    secret="$dir/jwt-secret"
    export VIGIE_JWT_SECRET_FILE=$secret # one secret for both servers of the database
else
    db="sqlite:$dir/bench.db"
    secret="$dir/bench.db.jwt-secret"
fi
"$srv" migrate --database "$db" >/dev/null
echo "bench password 1234" | "$srv" user add --database "$db" --email bench0@vigie.test \
    --display-name "Bench 0" --role user --password-stdin >/dev/null
start_server() { # name -> appends to urls
    vigie_bench_serve "$1" "$db" --max-connections 25000 --max-connections-per-address 25000 \
        --login-max-failures 100000
    urls+=("$url")
}
urls=()
start_server first
[ -n "$pg" ] && start_server second
rss() { # summed over the servers, KiB
    local sum=0 p
    for p in "${pids[@]}"; do sum=$((sum + $(awk '/VmRSS/ {print $2}' "/proc/$p/status"))); done
    echo "$sum"
}
rss_idle=$(rss)

sessions=$(((streams / users + 3) / 4))
[ -n "$pg" ] && seed_db=$pg || seed_db="$dir/bench.db"
/usr/bin/python3 "$top/bench/event_streams.py" "$seed_db" "$secret" "${urls[0]}" \
    "$(IFS=,; echo "${urls[*]}")" "$users" "$sessions" "$streams" "$logins" >"$dir/result" &
client=$!
# The RSS once every stream is open (the client says so, then waits 3 s for us).
for _ in $(seq 600); do grep -q '"phase": "open"' "$dir/result" 2>/dev/null && break; sleep 0.5; done
sleep 1
rss_open=$(rss)
threads=$(awk '/Threads/ {print $2}' "/proc/${pids[0]}/status")
wait "$client"

open=$(grep '"phase": "open"' "$dir/result")
delays=$(grep '"phase": "delays"' "$dir/result")
missed=$(grep -c '"phase": "missed"' "$dir/result" || true)
if [ -n "$pg" ]; then
    title="Live event streams, two servers on PostgreSQL"
    setup="two vigie-servers on one PostgreSQL database (default durability); every user's streams
are spread over both, the logins go to the first, so half of each user's streams hear of a login
through PostgreSQL's LISTEN/NOTIFY. $streams streams"
    option="--pg "
else
    title="Live event streams"
    setup="one vigie-server on SQLite, $streams streams"
    option=""
fi
echo "## $title ($(date -u +%Y-%m-%d), $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//'))"
echo
echo "\`bench/events.sh $option$build $streams $users $logins\`: $setup"
echo "over $users users ($sessions sessions each), a Python asyncio client on the same cores."
echo
echo "| figure | value |"
echo "|---|---|"
echo "| streams open / refused | $(echo "$open" | /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["streams"], "/", j["refused"])') |"
echo "| server RSS before / with the streams open$([ -n "$pg" ] && echo " (both servers)") | $((rss_idle / 1024)) MiB / $((rss_open / 1024)) MiB ($(((rss_open - rss_idle) / (streams / 1000))) KiB per 1,000 streams) |"
echo "| server threads with the streams open$([ -n "$pg" ] && echo " (each)") | $threads |"
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
