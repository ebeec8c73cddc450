#!/bin/sh
# Runs a test binary against a throwaway Secret Service: a private D-Bus session bus with an
# unlocked gnome-keyring, in a temporary HOME, so the user's own keychain is never touched.
#   with-keyring.sh <test binary> [args...]
#   with-keyring.sh --no-bus <test binary> [args...]   (no session bus at all: no keychain backend)
set -eu
mode=keyring
if [ "${1:-}" = "--no-bus" ]; then
    mode=none
    shift
fi
[ $# -ge 1 ] || { echo "usage: $0 [--no-bus] <test binary> [args...]" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigie-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home"
export XDG_RUNTIME_DIR="$tmp/run" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CACHE_HOME="$tmp/home/.cache"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
chmod 700 "$XDG_RUNTIME_DIR"

status=0
if [ "$mode" = none ]; then
    # Nothing to find a bus through: no address, no X11 autolaunch, no $XDG_RUNTIME_DIR/bus.
    env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY "$@" || status=$?
else
    # An empty password does not create the login keyring; any other does, unlocked.
    dbus-run-session -- sh -c '
        printf vigie-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 3
        "$@"' sh "$@" || status=$?
fi
exit $status
