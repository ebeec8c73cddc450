# Shell helpers shared by scripts/ and bench/; source it: . "$top/scripts/lib.sh"

# vigie_wait_listening OUT PID [SECONDS]
# Waits until the vigie-server whose standard output goes to the file OUT prints
# "listening on URL", then prints URL. Fails (status 1, nothing printed) as soon as process
# PID has exited, or after SECONDS (default 10).
vigie_wait_listening() {
    local out=$1 pid=$2 deadline=$((SECONDS + ${3:-10})) url
    while :; do
        url=$(sed -n 's/^listening on //p' "$out" 2>/dev/null)
        if [ -n "$url" ]; then
            echo "$url"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.1
    done
}

# For the benchmarks that run vigie-servers: vigie_bench_setup BUILD builds vigie-server there
# and sets srv (its path), dir (a temporary folder) and pids (the servers started), all stopped
# and removed on exit. vigie_bench_serve NAME DATABASE [options...] starts one on a free
# loopback port, its output in $dir/NAME.out and .err, and sets url once it listens (exits the
# script with its errors if it does not).
vigie_bench_setup() {
    cmake --build "$1" -j2 --target vigie-server >/dev/null
    srv="$1/server-stub/vigie-server"
    dir=$(mktemp -d)
    pids=()
    trap vigie_bench_cleanup EXIT
}
vigie_bench_cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
vigie_bench_serve() {
    local name=$1 db=$2
    shift 2
    "$srv" serve --database "$db" --listen 127.0.0.1:0 "$@" >"$dir/$name.out" 2>"$dir/$name.err" &
    pids+=($!)
    url=$(vigie_wait_listening "$dir/$name.out" "${pids[-1]}") || { cat "$dir/$name.err" >&2; exit 1; }
}
