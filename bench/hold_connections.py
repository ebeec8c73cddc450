#!/usr/bin/python3
"""Holds many connections to a server for bench/transport.sh, and stops by itself.

  hold_connections.py idle PORT COUNT SECONDS   each connection sends one GET /healthz, reads
                                                its answer, then stays open and silent
  hold_connections.py slow PORT COUNT SECONDS   each connection trickles a header that never
                                                ends (one byte a second), and reconnects when
                                                the server cuts it (slowloris)
Prints how many connections were open at the end (and, for slow, how many were cut).
"""
import selectors
import socket
import sys
import time

mode, port, count, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
sel = selectors.DefaultSelector()
cut = 0


def connect():
    s = socket.create_connection(("127.0.0.1", port))
    s.setblocking(False)
    if mode == "idle":
        s.send(b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
    else:
        s.send(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: ")
    sel.register(s, selectors.EVENT_READ)
    return s


socks = set()
for _ in range(count):
    socks.add(connect())
    if len(socks) % 500 == 0:
        time.sleep(0.01)
end = time.time() + seconds
next_trickle = time.time() + 1
while time.time() < end:
    for key, _ in sel.select(timeout=0.2):
        s = key.fileobj
        try:
            data = s.recv(65536)
        except OSError:
            data = b""
        if not data:  # closed by the server
            sel.unregister(s)
            s.close()
            socks.discard(s)
            cut += 1
            if mode == "slow":
                socks.add(connect())
    if mode == "slow" and time.time() >= next_trickle:
        next_trickle = time.time() + 1
        for s in list(socks):
            try:
                s.send(b"a")
            except OSError:
                pass
print(f"{len(socks)} open, {cut} cut by the server")
