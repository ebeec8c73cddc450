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
