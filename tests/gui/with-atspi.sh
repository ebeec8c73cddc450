#!/usr/bin/env bash
# Runs a command as a screen reader's world: a private D-Bus session bus with the AT-SPI
# accessibility bus on it, an X server (Xvfb: Qt's AT-SPI bridge comes with its xcb platform,
# not with offscreen), and a throwaway HOME. The command gets DISPLAY and the bus; apps it
# starts with QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 publish their widgets there.
#   with-atspi.sh COMMAND [ARGS...]
set -euo pipefail
if [ -z "${VIGIE_ATSPI_INSIDE:-}" ]; then
    export VIGIE_ATSPI_INSIDE=1
    exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vigie-atspi.XXXXXX")
bus=""
cleanup() {
    [ -n "$bus" ] && kill "$bus" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
export HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" XDG_CONFIG_HOME="$tmp/home/.config"
export XDG_DATA_HOME="$tmp/home/.local/share" XDG_CACHE_HOME="$tmp/home/.cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"
launcher=""
for l in /usr/libexec/at-spi-bus-launcher /usr/lib/at-spi2-core/at-spi-bus-launcher; do
    [ -x "$l" ] && launcher=$l && break
done
[ -n "$launcher" ] || { echo "with-atspi.sh: at-spi-bus-launcher not found (package at-spi2-core)" >&2; exit 2; }
"$launcher" --launch-immediately >"$tmp/bus.log" 2>&1 &
bus=$!
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
"$@"
