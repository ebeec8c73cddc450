#!/usr/bin/env bash
# vigie-server on PostgreSQL (issue 7): GET /api/users/me/sessions under wrk with one and with
# two server processes on one database, beside the same run on SQLite. Starts a throw-away
# PostgreSQL cluster with its default durability settings (tests/support/with-postgres.sh).
# Prints Markdown for docs/benchmarks.md.
#   bench/server-pg.sh [build dir] [seconds per run (default 5)]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
if [ -z "${VIGIE_TEST_PG_URL:-}" ]; then
    VIGIE_TEST_PG_DURABLE=1 exec "$top/tests/support/with-postgres.sh" "$0" "$@"
fi
build=${1:-$top/build}
secs=${2:-5}
"$top/scripts/deps" bench >/dev/null
vigie_bench_setup "$build"

pg="$VIGIE_TEST_PG_URL/bench"
psql -q "$VIGIE_TEST_PG_URL/postgres" -c "CREATE DATABASE bench" >/dev/null
export VIGIE_JWT_SECRET_FILE="$dir/jwt-secret" # one secret for every server of the database

start_server() { # name database [options...] -> sets port
    vigie_bench_serve "$@"
    port=${url##*:}
}
stop_servers() {
    for p in "${pids[@]}"; do
        kill "$p"
        wait "$p" || true
    done
    pids=()
}
token_for() { # port email
    curl -s -XPOST "http://127.0.0.1:$1/api/auth/login" -d "{\"email\":\"$2\",\"password\":\"bench password\"}" |
        sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
seed() { # database port: the bench user with 50 sessions
    echo "bench password" | "$srv" user add --database "$1" --email bench@vigie.test --display-name bench \
        --role user --password-stdin >/dev/null
    for _ in $(seq 49); do token_for "$2" bench@vigie.test >/dev/null; done
}
wrk_run() { # threads connections url token -> "req/s p99"
    local out
    out=$(wrk -t"$1" -c"$2" -d"${secs}s" --latency -H "Authorization: Bearer $4" "$3")
    echo "$out" >>"$dir/wrk.log"
    if echo "$out" | grep -q "Non-2xx"; then
        echo "wrk saw errors: $out" >&2
        exit 1
    fi
    echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1 == "99%" {print $2}')"
}
warm() { # url token: two seconds unmeasured, so that every pooled connection is open
    wrk -t2 -c32 -d2s -H "Authorization: Bearer $2" "$1" >/dev/null
}
two_servers() { # url1 url2 token -> "summed req/s" "p99 of each"
    wrk_run 1 16 "$1" "$3" >"$dir/w1" &
    local w1=$!
    wrk_run 1 16 "$2" "$3" >"$dir/w2"
    wait "$w1"
    local r1 p1 r2 p2
    read -r r1 p1 <"$dir/w1"
    read -r r2 p2 <"$dir/w2"
    echo "$(awk "BEGIN {printf \"%.0f\", $r1 + $r2}") $p1/$p2"
}

# The per-request session check, alone: one connection, no queueing, so mean latency is the
# cost of one request. /healthz (a SELECT 1 round trip, no token) against the cached session
# list (JWT verification, the session and user row read that every authenticated request
# does, and a cache hit); the difference is what the check adds over a bare round trip.
check_cost() { # label port token
    local h s
    h=$(wrk -t1 -c1 -d"${secs}s" "http://127.0.0.1:$2/healthz" | awk '$1 == "Latency" {print $2}')
    s=$(wrk -t1 -c1 -d"${secs}s" -H "Authorization: Bearer $3" "http://127.0.0.1:$2$path" |
        awk '$1 == "Latency" {print $2}')
    echo "| $1 | $h | $s |" >>"$dir/check.md"
}

path=/api/users/me/sessions
echo "| GET $path (50 sessions), wrk ${secs}s, 32 connections in all | requests/s | p99 |"
echo "|---|---|---|"

start_server sqlite "sqlite:$dir/bench.db"
seed "sqlite:$dir/bench.db" "$port"
T=$(token_for "$port" bench@vigie.test)
warm "http://127.0.0.1:$port$path" "$T"
read -r rps p99 < <(wrk_run 2 32 "http://127.0.0.1:$port$path" "$T")
echo "| SQLite, one server | $rps | $p99 |"
check_cost SQLite "$port" "$T"
stop_servers

start_server pg1 "$pg"
seed "$pg" "$port"
T=$(token_for "$port" bench@vigie.test)
warm "http://127.0.0.1:$port$path" "$T"
read -r rps p99 < <(wrk_run 2 32 "http://127.0.0.1:$port$path" "$T")
echo "| PostgreSQL, one server | $rps | $p99 |"
check_cost PostgreSQL "$port" "$T"
first=$port
start_server pg2 "$pg"
warm "http://127.0.0.1:$port$path" "$T"
read -r rps p99 < <(two_servers "http://127.0.0.1:$first$path" "http://127.0.0.1:$port$path" "$T")
echo "| PostgreSQL, two servers (16 connections each; p99 of each) | $rps | $p99 |"
stop_servers

# Every request writes last_activity: the write path, where the servers meet on the same rows.
start_server pg1 "$pg" --activity-write-interval 0
first=$port
warm "http://127.0.0.1:$first$path" "$T"
read -r rps p99 < <(wrk_run 2 32 "http://127.0.0.1:$first$path" "$T")
echo "| PostgreSQL, one server, --activity-write-interval 0 | $rps | $p99 |"
start_server pg2 "$pg" --activity-write-interval 0
warm "http://127.0.0.1:$port$path" "$T"
read -r rps p99 < <(two_servers "http://127.0.0.1:$first$path" "http://127.0.0.1:$port$path" "$T")
echo "| PostgreSQL, two servers, --activity-write-interval 0 | $rps | $p99 |"
stop_servers
echo
echo "| one connection, mean latency | GET /healthz (SELECT 1) | GET $path (session check + cache hit) |"
echo "|---|---|---|"
cat "$dir/check.md"
echo
echo "Load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)."
