#!/usr/bin/env bash
# Runs a command beside a throw-away PostgreSQL cluster of its own (a temporary folder, a
# free loopback port, trust authentication), then stops and removes the cluster.
#   with-postgres.sh COMMAND [ARGS...]
# The command gets VIGIE_TEST_PG_URL (postgresql://vigie@127.0.0.1:PORT, no database: append
# /postgres to administer), and VIGIE_TEST_PG_CONTROL: this script, which
# "$VIGIE_TEST_PG_CONTROL --control stop|start|restart" runs against the same cluster (to test
# a database that goes away).
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
set -euo pipefail

bin=${VIGIE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

control() {
    local data=$VIGIE_TEST_PG_DIR/data
    case $1 in
    start)
        as_owner "$bin/pg_ctl" -D "$data" -l "$VIGIE_TEST_PG_DIR/log" -w -t 30 \
            -o "-p $VIGIE_TEST_PG_PORT -k $VIGIE_TEST_PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
        ;;
    stop) as_owner "$bin/pg_ctl" -D "$data" -w -t 30 -m fast stop >/dev/null ;;
    restart)
        control stop
        control start
        ;;
    *)
        echo "with-postgres.sh: unknown control '$1'" >&2
        exit 2
        ;;
    esac
}

if [ "${1:-}" = --control ]; then
    control "$2"
    exit 0
fi

if [ ! -x "$bin/initdb" ]; then
    echo "with-postgres.sh: PostgreSQL's server is not installed (Debian package postgresql)" >&2
    exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/vigie-pg.XXXXXX")
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
export VIGIE_TEST_PG_DIR=$dir
cleanup() {
    control stop 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT

as_owner "$bin/initdb" -D "$dir/data" -A trust -U vigie -N --no-instructions >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
# No fsync: the cluster is thrown away, and the tests' many small commits run much faster.
# VIGIE_TEST_PG_DURABLE=1 keeps PostgreSQL's defaults (for benchmarks).
if [ -z "${VIGIE_TEST_PG_DURABLE:-}" ]; then
    cat >>"$dir/data/postgresql.conf" <<EOF
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 32MB
EOF
fi
# A free port: try random ones until the server starts on one.
started=""
for _ in $(seq 20); do
    export VIGIE_TEST_PG_PORT=$((20000 + RANDOM % 40000))
    if control start 2>/dev/null; then
        started=1
        break
    fi
done
if [ -z "$started" ]; then
    echo "with-postgres.sh: could not start PostgreSQL; its log:" >&2
    cat "$dir/log" >&2 || true
    exit 1
fi
export VIGIE_TEST_PG_URL="postgresql://vigie@127.0.0.1:$VIGIE_TEST_PG_PORT"
export VIGIE_TEST_PG_CONTROL="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
# In the background, so that a SIGTERM (a CTest timeout) still stops the cluster: pg_ctl
# detaches the server from this process, and nothing else would.
"$@" &
child=$!
trap 'kill "$child" 2>/dev/null; exit 143' TERM INT
wait "$child"
