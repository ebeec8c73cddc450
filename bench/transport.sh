#!/usr/bin/env bash
# The HTTP transport's figures (issue 11) beside nginx returning a constant, in one run on
# this machine (wrk shares the cores): /healthz and the session list at 32 connections,
# 10,000 idle keep-alive connections, 1,000 slow-header connections, and a soak.
# Prints Markdown for docs/benchmarks.md.
#   bench/transport.sh [build dir] [soak seconds (default 600)]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
soak=${2:-600}
"$top/scripts/deps" bench >/dev/null
cmake --build "$build" -j2 --target vigie-server seed_sessions >/dev/null
srv="$build/server-stub/vigie-server"
seed="$build/bench/seed_sessions"
dir=$(mktemp -d)
pid=""
ngx=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    [ -n "$ngx" ] && kill "$ngx" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
ulimit -n 20000 2>/dev/null || true

start_server() {
    "$srv" serve --database "sqlite:$dir/bench.db" --listen 127.0.0.1:0 "$@" >"$dir/out" 2>"$dir/err" &
    pid=$!
    for _ in $(seq 100); do grep -q "^listening" "$dir/out" 2>/dev/null && break; sleep 0.1; done
    port=$(sed -n 's/^listening on http:\/\/127.0.0.1://p' "$dir/out")
}
stop_server() { kill "$pid"; wait "$pid" || true; pid=""; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
wrk_run() { # seconds url [header] -> "req/s p99 max non2xx errors"
    local out
    if [ -n "${3:-}" ]; then out=$(wrk -t2 -c32 -d"$1"s --latency -H "$3" "$2"); else out=$(wrk -t2 -c32 -d"$1"s --latency "$2"); fi
    echo "$out" >>"$dir/wrk.log"
    local rps p99 max non2xx errors
    rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    max=$(echo "$out" | awk '$1 == "Latency" {print $4}')
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    errors=$(echo "$out" | awk '/Socket errors/ {print $0}' | sed 's/.*errors: //')
    echo "$rps $p99 $max ${non2xx:-0} ${errors:-none}"
}

# nginx answering a constant: the practical ceiling of this machine.
mkdir -p "$dir/nginx"
cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 20000; }
http {
  access_log off;
  server { listen 127.0.0.1:18399; location / { default_type application/json; return 200 '{"status":"ok"}'; } }
}
CONF
nginx -c "$dir/nginx/nginx.conf" &
ngx=$!
sleep 1

"$srv" migrate --database "sqlite:$dir/bench.db" >/dev/null
echo "bench password" | "$srv" user add --database "sqlite:$dir/bench.db" --email bench@vigie.test \
    --display-name bench --role user --password-stdin >/dev/null
"$seed" "$dir/bench.db" bench@vigie.test 49 0 >/dev/null

echo "## HTTP transport beside nginx ($(nproc) cores, wrk -t2 -c32 on the same machine, load before: $(cut -d' ' -f1-3 /proc/loadavg))"
echo
start_server
T=$(curl -s -XPOST "http://127.0.0.1:$port/api/auth/login" -d '{"email":"bench@vigie.test","password":"bench password"}' |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
n=$(curl -s -H "Authorization: Bearer $T" "http://127.0.0.1:$port/api/users/me/sessions" | grep -o '"is_active"' | wc -l)
read -r nrps np99 nmax _ < <(wrk_run 10 "http://127.0.0.1:18399/")
read -r hrps hp99 hmax hbad herr < <(wrk_run 10 "http://127.0.0.1:$port/healthz")
read -r srps sp99 smax sbad serr < <(wrk_run 10 "http://127.0.0.1:$port/api/users/me/sessions" "Authorization: Bearer $T")
ratio() { awk "BEGIN {printf \"%.0f%%\", 100 * $1 / $2}"; }
echo "| case | requests/s | of nginx | p99 | max | non-2xx | socket errors |"
echo "|---|---|---|---|---|---|---|"
echo "| nginx \`return 200\` (reference) | $nrps | 100% | $np99 | $nmax | | |"
echo "| GET /healthz | $hrps | $(ratio "$hrps" "$nrps") | $hp99 | $hmax | $hbad | $herr |"
echo "| GET /api/users/me/sessions ($n sessions) | $srps | $(ratio "$srps" "$nrps") | $sp99 | $smax | $sbad | $serr |"
echo
stop_server

echo "### 10,000 idle keep-alive connections"
start_server --keep-alive-timeout 10m --max-connections 20000 --max-connections-per-address 20000
base=$(rss_kb "$pid")
/usr/bin/python3 "$top/bench/hold_connections.py" idle "$port" 10000 40 >"$dir/hold" &
holder=$!
sleep 20
held=$(ls "/proc/$pid/fd" | wc -l)
read -r hrps hp99 hmax hbad herr < <(wrk_run 10 "http://127.0.0.1:$port/healthz")
rss=$(rss_kb "$pid")
wait "$holder"
echo
echo "Server started with \`--keep-alive-timeout 10m\` (the default 5 s would close them) and \`--max-connections 20000 --max-connections-per-address 20000\` (all come from 127.0.0.1, and wrk needs room too)."
echo "Open file descriptors of the server while held: $held. RSS: $((base / 1024)) MiB idle, $((rss / 1024)) MiB holding them."
echo "/healthz meanwhile: $hrps req/s, p99 $hp99, max $hmax, non-2xx $hbad; holder: $(cat "$dir/hold")."
echo
stop_server

echo "### 1,000 slow-header connections (slowloris, one byte a second)"
start_server --max-connections-per-address 20000
/usr/bin/python3 "$top/bench/hold_connections.py" slow "$port" 1000 35 >"$dir/hold" &
holder=$!
sleep 12
T=$(curl -s -XPOST "http://127.0.0.1:$port/api/auth/login" -d '{"email":"bench@vigie.test","password":"bench password"}' |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
read -r hrps hp99 hmax hbad herr < <(wrk_run 10 "http://127.0.0.1:$port/healthz")
read -r srps sp99 smax sbad serr < <(wrk_run 10 "http://127.0.0.1:$port/api/users/me/sessions" "Authorization: Bearer $T")
wait "$holder"
echo
echo "| legitimate traffic meanwhile | requests/s | p99 | max | non-2xx |"
echo "|---|---|---|---|---|"
echo "| GET /healthz | $hrps | $hp99 | $hmax | $hbad |"
echo "| GET /api/users/me/sessions | $srps | $sp99 | $smax | $sbad |"
echo
echo "Slow clients: $(cat "$dir/hold") (each is cut at the 10 s header deadline and comes back)."
echo
stop_server

echo "### Soak: GET /api/users/me/sessions for $soak s at 32 connections"
start_server
T=$(curl -s -XPOST "http://127.0.0.1:$port/api/auth/login" -d '{"email":"bench@vigie.test","password":"bench password"}' |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
wrk_run 20 "http://127.0.0.1:$port/api/users/me/sessions" "Authorization: Bearer $T" >/dev/null # warm-up
warm=$(rss_kb "$pid")
wrk -t2 -c32 -d"$soak"s --latency -H "Authorization: Bearer $T" "http://127.0.0.1:$port/api/users/me/sessions" >"$dir/soak" &
w=$!
samples=""
for _ in $(seq 10); do sleep $((soak / 10)); samples="$samples $(( $(rss_kb "$pid") / 1024 ))"; done
wait "$w"
end=$(rss_kb "$pid")
echo
echo "RSS after warm-up $((warm / 1024)) MiB, at the end $((end / 1024)) MiB ($(awk "BEGIN {printf \"%+.1f%%\", 100 * ($end - $warm) / $warm}")); every tenth of the run (MiB):$samples."
echo "wrk: $(awk '/Requests\/sec/ {printf "%d req/s", $2}' "$dir/soak"), p99 $(awk '$1 == "99%" {print $2}' "$dir/soak"), max $(awk '$1 == "Latency" {print $4}' "$dir/soak"), $(grep -E 'Non-2xx|Socket errors' "$dir/soak" || echo 'no errors')."
stop_server
